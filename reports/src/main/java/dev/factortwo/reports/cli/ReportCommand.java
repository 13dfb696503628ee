package dev.factortwo.reports.cli;

import dev.factortwo.model.ExitCode;
import dev.factortwo.model.Results;
import dev.factortwo.model.json.ResultsCodec;
import dev.factortwo.reports.ReportInput;
import dev.factortwo.reports.output.Reports;
import dev.factortwo.reports.gate.GateOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code factortwo report}: a self-contained HTML report (and Markdown summary) from results files alone. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Builds one self-contained report.html (opens offline) from one or more results files."
                + " Needs only the files: no Spark, no TensorFlow, no network. Against --baseline, a cell is called"
                + " slower exactly where 'gate' with the same options fails it.")
public final class ReportCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "RESULTS", description = "results.json files")
    List<Path> inputs;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", required = true, description = "HTML file to write")
    Path out;

    @Option(names = "--markdown", paramLabel = "FILE", description = "also write the Markdown summary here")
    Path markdown;

    @Option(names = "--baseline", paramLabel = "FILE", description = "results to compare against (ratio and the gate's decision per cell)")
    Path baseline;

    @Mixin
    SpeedRuleOptions rule = new SpeedRuleOptions();

    @Override
    public Integer call() {
        List<Results> all = new ArrayList<>();
        for (Path p : inputs) all.add(ResultsCodec.read(p));
        Optional<Results> base = Optional.ofNullable(baseline).map(ResultsCodec::read);
        Reports.write(new ReportInput(all, base, rule.apply(GateOptions.defaults())), out, Optional.ofNullable(markdown));
        System.out.println("factortwo: wrote " + out + (markdown != null ? " and " + markdown : ""));
        return ExitCode.OK.code();
    }
}
