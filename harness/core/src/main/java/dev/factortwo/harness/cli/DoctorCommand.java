package dev.factortwo.harness.cli;

import dev.factortwo.harness.measure.Doctor;
import dev.factortwo.model.Defaults;
import dev.factortwo.model.ExitCode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code factortwo doctor}: checks the stack and says, in plain words, what is wrong and how to fix it. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Checks the JDK, TensorFlow's native library, GPU libraries, Spark in local mode, loopback,",
                "the embedded HDFS and S3, and scratch space. Exit 0 when healthy, 3 when not."})
public final class DoctorCommand implements Callable<Integer> {

    @Option(names = "--scratch", paramLabel = "DIR", description = "scratch directory to check (default: ${DEFAULT-VALUE})")
    Path scratch = Path.of(Defaults.DOCTOR_SCRATCH);

    @Option(names = "--skip-services", description = "skip starting the embedded HDFS and S3 (faster)")
    boolean skipServices;

    @Override
    public Integer call() {
        boolean healthy = new Doctor(scratch, !skipServices).run(System.out);
        return healthy ? ExitCode.OK.code() : ExitCode.UNHEALTHY.code();
    }
}
