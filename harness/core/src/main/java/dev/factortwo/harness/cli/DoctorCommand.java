package dev.factortwo.harness.cli;

import dev.factortwo.harness.measure.Doctor;
import dev.factortwo.harness.spark.Quiet;
import dev.factortwo.model.Defaults;
import dev.factortwo.model.ExitCode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code factortwo doctor}: checks the stack and says, in plain words, what is wrong and how to fix it. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Checks that this machine can run factortwo: exit 0 when healthy, 3 when not.",
                "It checks the JDK and its flags, the JDK x Spark x Hadoop x TensorFlow versions against the support",
                "matrix, TensorFlow's native library, GPU libraries, Spark in local mode, loopback, the embedded HDFS and S3,",
                "scratch space, and the CPU and memory limits (of a container) against what Spark and TensorFlow are told to use."})
public final class DoctorCommand implements Callable<Integer> {

    @Option(names = "--scratch", paramLabel = "DIR", description = "scratch directory to check (default: ${DEFAULT-VALUE})")
    Path scratch = Path.of(Defaults.DOCTOR_SCRATCH);

    @Option(names = "--skip-services", description = "skip starting the embedded HDFS and S3 (faster)")
    boolean skipServices;

    @Option(names = "--master", description = "the Spark master runs will use, checked against the CPU limit (default: " + Defaults.MASTER + ")")
    String master = Defaults.MASTER;

    @Option(names = "--tf-intra-op-threads", description = "TensorFlow intra-op threads runs will use (default: " + Defaults.TF_INTRA_OP_THREADS + ")")
    int intraOp = Defaults.TF_INTRA_OP_THREADS;

    @Option(names = "--verbose", description = "show Spark's and Hadoop's own logging (off by default: doctor reports every outcome itself)")
    boolean verbose;

    @Override
    public Integer call() {
        if (verbose) {
            Quiet.apply(true);
        } else {
            Quiet.off();
        }
        boolean healthy = new Doctor(scratch, !skipServices, master, intraOp).run(System.out);
        return healthy ? ExitCode.OK.code() : ExitCode.UNHEALTHY.code();
    }
}
