package dev.factortwo.reports.gate;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compares where two runs were measured: device, JDK major version, TensorFlow version. */
final class EnvironmentCheck {

    static final String SUBJECT = "(environment)";
    private static final Pattern MAJOR = Pattern.compile("^\\s*(\\d+)(?:\\.(\\d+))?");

    private EnvironmentCheck() {
    }

    /** The facts compared, one side. Null fields are unknown and not compared. */
    record Facts(String device, String jdk, String tensorflow) {
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
        if (differences.isEmpty()) {
            return new CheckResult(SUBJECT, Check.ENVIRONMENT, Status.PASS, Numbers.NONE,
                    same.isEmpty() ? "nothing to compare" : "same " + String.join(", ", same));
        }
        Status status = options.strictEnvironment() ? Status.FAIL : Status.WARN;
        return new CheckResult(SUBJECT, Check.ENVIRONMENT, status, Numbers.NONE,
                "environment differs: " + String.join("; ", differences)
                        + (options.strictEnvironment() ? " (strict environment)" : "; timings may not be comparable"));
    }

    private static void compare(String what, String b, String c, List<String> differences, List<String> same) {
        if (b == null || c == null) return;
        if (Objects.equals(b, c)) same.add(what + " " + b);
        else differences.add(what + " " + b + " -> " + c);
    }
}
