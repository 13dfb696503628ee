package dev.factortwo.reports.cli;

import dev.factortwo.model.Defaults;
import dev.factortwo.model.ExitCode;
import dev.factortwo.reports.gate.BaselineStore;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code factortwo baseline save RESULTS}: store a baseline for the gate. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = "Manages committed baselines under benchmarks/baselines/<suite>-<device>-jdk<N>.json.",
        subcommands = BaselineCommand.Save.class)
public final class BaselineCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code factortwo baseline save RESULTS}. */
    @Command(name = "save", mixinStandardHelpOptions = true,
            description = "Copies RESULTS to benchmarks/baselines/<suite>-<device>-jdk<N>.json under --repo.")
    static final class Save implements Callable<Integer> {
        @Parameters(paramLabel = "RESULTS", description = "results.json to store")
        Path results;

        @Option(names = "--repo", paramLabel = "DIR", description = "repository root (default: ${DEFAULT-VALUE})")
        Path repo = Path.of(Defaults.BASELINE_REPO);

        @Override
        public Integer call() {
            Path stored = BaselineStore.save(results, repo);
            System.out.println("factortwo: baseline stored at " + stored + "; commit it to gate later runs against it");
            return ExitCode.OK.code();
        }
    }
}
