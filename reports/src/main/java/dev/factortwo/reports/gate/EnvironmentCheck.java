package dev.factortwo.reports.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares where two runs were measured: device, CPU model, core count, memory, Spark master, JDK major version and
 * library versions (TensorFlow, Spark, Hadoop). Timings (and, for a CNN, even the bits: oneDNN picks other kernels
 * on another CPU) from another environment are not comparable, so a difference is refused unless the user allows it.
 */
final class EnvironmentCheck {

    static final String SUBJECT = "(environment)";
    private static final Pattern MAJOR = Pattern.compile("^\\s*(\\d+)(?:\\.(\\d+))?");

    private EnvironmentCheck() {
    }

    /** The facts compared, one side. Null fields are unknown and not compared. */
    record Facts(String device, String jdk, String tensorflow, String cpuModel, String cores, String memory,
                 String sparkMaster, String spark, String hadoop) {

        Facts(String device, String jdk, String tensorflow) {
            this(device, jdk, tensorflow, null, null, null, null, null, null);
        }
    }

    /** JDK major version of a {@code java.version} string: {@code 17.0.12} gives 17, {@code 1.8.0_392} gives 8; -1 if unknown. */
    static int jdkMajor(String jdk) {
        if (jdk == null) return -1;
        Matcher m = MAJOR.matcher(jdk);
        if (!m.find()) return -1;
        int major = Integer.parseInt(m.group(1));
        if (major == 1 && m.group(2) != null) return Integer.parseInt(m.group(2));
        return major;
    }

    static CheckResult check(Facts baseline, Facts candidate, GateOptions options) {
        List<String> differences = new ArrayList<>();
        List<String> same = new ArrayList<>();
        compare("device", baseline.device(), candidate.device(), differences, same);
        int jb = jdkMajor(baseline.jdk()), jc = jdkMajor(candidate.jdk());
        compare("JDK", jb < 0 ? null : String.valueOf(jb), jc < 0 ? null : String.valueOf(jc), differences, same);
        compare("TensorFlow", baseline.tensorflow(), candidate.tensorflow(), differences, same);
        compare("CPU", baseline.cpuModel(), candidate.cpuModel(), differences, same);
        compare("cores", baseline.cores(), candidate.cores(), differences, same);
        compare("memory", baseline.memory(), candidate.memory(), differences, same);
        compare("Spark master", baseline.sparkMaster(), candidate.sparkMaster(), differences, same);
        compare("Spark", baseline.spark(), candidate.spark(), differences, same);
        compare("Hadoop", baseline.hadoop(), candidate.hadoop(), differences, same);
        if (differences.isEmpty()) {
            return new CheckResult(SUBJECT, Check.ENVIRONMENT, Status.PASS, Numbers.NONE,
                    same.isEmpty() ? "nothing to compare" : "same " + String.join(", ", same));
        }
        Status status = options.strictEnvironment() ? Status.FAIL : Status.WARN;
        return new CheckResult(SUBJECT, Check.ENVIRONMENT, status, Numbers.NONE,
                "environment differs: " + String.join("; ", differences)
                        + (options.strictEnvironment()
                        ? "; refused: measure the baseline in this environment, or pass --allow-environment-change"
                        : "; allowed by --allow-environment-change, timings may not be comparable"));
    }

    /** Memory rounded to whole GiB, so that the kernel's own reservations between boots do not count as a change. */
    static String gib(long bytes) {
        return bytes <= 0 ? null : Math.round(bytes / (double) (1L << 30)) + " GiB";
    }

    private static void compare(String what, String b, String c, List<String> differences, List<String> same) {
        if (b == null || c == null) return;
        if (Objects.equals(b, c)) same.add(what + " " + b);
        else differences.add(what + " " + b + " -> " + c);
    }
}
