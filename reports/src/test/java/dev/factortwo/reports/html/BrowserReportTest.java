package dev.factortwo.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.factortwo.model.json.ResultsCodec;
import dev.factortwo.reports.Fixture;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Opens the generated report in headless Chromium (Debian package {@code chromium}): the page must
 * raise no error, draw every chart, and show one row per cell. Leaves {@code target/browser/report.html}
 * and a screenshot {@code target/browser/report.png}. Without Chromium the test is skipped locally and
 * fails when {@code CI=true}. Override the binary with {@code FACTORTWO_CHROMIUM}.
 */
class BrowserReportTest {

    private static final Pattern SELF_CHECK = Pattern.compile("<pre id=\"factortwo-selfcheck\"[^>]*>(.*?)</pre>", Pattern.DOTALL);

    /** Charts in the fixture report: frontier, 3 throughput, time, 3 latency, faults. */
    private static final int CHARTS = 9;

    @Test
    void reportRendersInChromiumWithoutErrors() throws Exception {
        String chromium = findChromium();
        Path dir = Path.of("target/browser").toAbsolutePath();
        Files.createDirectories(dir);
        Path report = dir.resolve("report.html");
        dev.factortwo.reports.output.ReportWriter.write(dev.factortwo.reports.output.ReportType.HTML, List.of(Fixture.results()), Optional.of(Fixture.baseline()), report);

        String dom = run(chromium, dir, "--window-size=1400,1000", "--virtual-time-budget=5000", "--dump-dom", report.toUri().toString());
        Matcher m = SELF_CHECK.matcher(dom);
        assertTrue(m.find(), "no self-check element in the DOM Chromium rendered:\n" + tail(dom));
        String json = m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
        assertTrue(!json.isBlank(), "the page script did not run: the self-check is empty");
        JsonNode check = ResultsCodec.mapper().readTree(json);

        assertEquals(0, check.get("errors").size(), "errors in the page: " + check.get("errors"));
        assertEquals(CHARTS, check.get("charts").asInt(), "charts created: " + check.get("chartStatus"));
        assertEquals(CHARTS, check.get("drawn").asInt(), "charts that drew pixels: " + check.get("chartStatus"));
        for (JsonNode chart : check.get("chartStatus")) {
            assertTrue(chart.get("points").asInt() > 0, "chart without data: " + chart);
        }
        assertEquals(Fixture.results().cells().size(), check.get("rows").asInt(), "matrix rows");
        assertEquals(check.get("expectedRows").asInt(), check.get("rows").asInt());

        Path png = dir.resolve("report.png");
        Files.deleteIfExists(png);
        run(chromium, dir, "--window-size=1400,5400", "--hide-scrollbars", "--virtual-time-budget=5000",
                "--screenshot=" + png, report.toUri().toString());
        assertTrue(Files.exists(png) && Files.size(png) > 50_000, "screenshot missing or empty: " + png);
    }

    private static String run(String chromium, Path dir, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("factortwo-chromium-");
        List<String> cmd = new ArrayList<>(List.of(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile));
        cmd.addAll(List.of(args));
        Path out = dir.resolve("chromium.out"), err = dir.resolve("chromium.err");
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            if (!p.waitFor(90, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                fail("chromium did not finish in 90 s: " + String.join(" ", cmd));
            }
            if (p.exitValue() != 0) {
                fail("chromium exited with " + p.exitValue() + ": " + String.join(" ", cmd) + "\n" + tail(Files.readString(err)));
            }
            return Files.readString(out);
        } finally {
            deleteTree(profile);
        }
    }

    private static String findChromium() {
        String override = System.getenv("FACTORTWO_CHROMIUM");
        if (override != null && !override.isBlank()) return override;
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                if (Files.isExecutable(Path.of(dir, name))) return Path.of(dir, name).toString();
            }
        }
        String message = "headless Chromium not found on PATH (tried chromium, chromium-browser, google-chrome): "
                + "install the Debian package with 'apt-get install -y chromium' or set FACTORTWO_CHROMIUM";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) fail(message);
        Assumptions.abort(message);
        return null;
    }

    private static String tail(String text) {
        return text.length() <= 2000 ? text : "..." + text.substring(text.length() - 2000);
    }

    private static void deleteTree(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
