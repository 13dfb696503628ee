package dev.factortwo.reports.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.model.CellResult;
import dev.factortwo.model.Results;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** Seals the gate's three outputs on one scenario with one of every kind of finding. */
class GateOutputGoldenTest {

    static GateReport scenario() {
        Results b = GateTest.suite(11);
        Results c = GateTest.suite(12, 0.8, x -> {
            if (x.key().workload().equals("train-cnn") && x.key().tier().equals("hdfs")) {
                return Fixtures.cell(x.key(), x.samplesPerSecond().toArray(), 0.84, x.reproducibility());
            }
            if (x.key().workload().equals("infer") && x.key().tier().equals("s3")) return x.withReproducibility(Fixtures.divergent());
            return x;
        });
        List<CellResult> cells = new ArrayList<>(c.cells());
        cells.removeIf(x -> x.key().workload().equals("infer") && x.key().tier().equals("memory"));
        cells.add(Fixtures.cell(Fixtures.key("train-resnet", "memory"), new double[] {90, 91, 92, 90, 91}, 0.8, null));
        c = Fixtures.results("quick", Fixtures.environment("21.0.5", "2.18.0"), cells);
        // the JDK changed and the user allowed it: the environment row warns instead of refusing
        return Gate.compare(b, c, GateOptions.defaults().withStrictEnvironment(false))
                .withSources("benchmarks/baselines/quick-cpu-jdk17.json", "runs/ci/results.json");
    }

    @Test
    void junitXml() throws Exception {
        String xml = new JUnitXml().render(scenario());
        Golden.assertMatches("gate-junit.xml", xml);
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        assertEquals(4, d.getElementsByTagName("failure").getLength());
        assertEquals(scenario().checks().size(), d.getElementsByTagName("testcase").getLength());
    }

    @Test
    void markdown() throws Exception {
        String md = new GateMarkdown().render(scenario());
        Golden.assertMatches("gate.md", md);
        assertTrue(md.startsWith("## factortwo gate: ❌ FAIL: 4 failed"), md);
    }

    @Test
    void console() throws Exception {
        Golden.assertMatches("gate-console.txt", new ConsoleTable().render(scenario()));
    }
}
