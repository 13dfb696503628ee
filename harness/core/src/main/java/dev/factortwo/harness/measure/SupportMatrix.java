package dev.factortwo.harness.measure;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Which JDK x Spark x Hadoop x TensorFlow combinations factortwo supports, in one place: the combinations
 * measured on this project's machines ({@link #MEASURED}, the table in docs/compatibility.md), and the rules that name a
 * combination known not to work, with its fix. {@link Doctor} judges the running stack with {@link #judge};
 * {@link EnvironmentProblem} takes its fixes from here. Immutable and thread-safe.
 *
 * <pre>{@code
 * SupportMatrix.Verdict v = SupportMatrix.judge(SupportMatrix.Stack.current());
 * if (v.status() == SupportMatrix.Status.BROKEN) System.err.println(v.detail() + "; fix: " + v.fix());
 * }</pre>
 */
public final class SupportMatrix {

    /** How a combination stands. */
    public enum Status {
        /** Measured on this project's machines: the tests, the JDK smoke and the quick suite ran on it. */
        SUPPORTED,
        /** Not known to fail, not measured here. */
        UNTESTED,
        /** Known not to work; the verdict says why and what to do. */
        BROKEN
    }

    /**
     * The versions of one stack.
     *
     * @param jdkFeature the JDK's feature version (17, 25)
     * @param jdk        the full JDK version and vendor, for display
     * @param tensorflow the native TensorFlow version ({@code 2.18.0} for TensorFlow Java 1.1.0)
     */
    public record Stack(int jdkFeature, String jdk, String spark, String hadoop, String tensorflow, String protobuf) {

        /** The stack this JVM runs on. */
        public static Stack current() {
            return new Stack(Runtime.version().feature(),
                    System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                    Versions.spark(), Versions.hadoop(), Versions.tensorflow(), Versions.protobuf());
        }

        /** The stack this JVM runs on, without loading TensorFlow's native library (seconds on first use). */
        public static Stack currentWithoutTensorFlow() {
            return new Stack(Runtime.version().feature(),
                    System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")",
                    Versions.spark(), Versions.hadoop(), "not loaded", Versions.protobuf());
        }

        public String describe() {
            return "JDK " + jdk + ", Spark " + spark + ", Hadoop " + hadoop + ", TensorFlow " + tensorflow
                    + ", protobuf-java " + protobuf;
        }
    }

    /** A combination measured here, and how. */
    public record Measured(int jdkFeature, String jdk, String spark, String hadoop, String tensorflow, String protobuf,
                           String how) {
    }

    /** Spark 4.2 documents Java 17, 21 and 25. */
    public static final Set<Integer> SPARK_JDKS = Set.of(17, 21, 25);

    /** The first JDK without {@code Subject.getSubject} (JEP 486); Hadoop before 3.5.0 calls it (HADOOP-19212). */
    public static final int JDK_WITHOUT_GET_SUBJECT = 24;

    /** Every combination measured on this project's machines; the supported-versions table in docs/compatibility.md. */
    public static final List<Measured> MEASURED = List.of(
            new Measured(17, "17.0.15 (Debian)", "4.2.0", "3.5.0", "2.18.0", "4.33.5",
                    "mvn -B verify, scripts/jdk-smoke, the quick suite"),
            new Measured(25, "25.0.3 (Temurin)", "4.2.0", "3.5.0", "2.18.0", "4.33.5",
                    "scripts/jdk-smoke and the quick suite, same fingerprints as JDK 17; the stack's tests"));

    /** How to run on a JDK that works with this build. */
    static final String JDK_FIX = "install JDK 17 or 25 and point JAVA_HOME at it (./factortwo and the scripts use $JAVA_HOME/bin/java)";

    private SupportMatrix() {
    }

    /** The fix for Hadoop's {@code getSubject} failure on JDK 24+. */
    public static final String GET_SUBJECT_FIX = "use Hadoop 3.5.0 or newer (this build pins it: rebuild with "
            + "'mvn -B -DskipTests package'; under spark-submit, a Spark 4.2 built with Hadoop 3.5), or run on JDK 17 "
            + "(JAVA_HOME=/path/to/jdk-17 ./factortwo ...)";

    /** Judges a stack: broken (with the reason and the fix), measured here, or untested (with what differs). */
    public static Verdict judge(Stack s) {
        if (s.jdkFeature() < 17) {
            return new Verdict(Status.BROKEN, "JDK " + s.jdk() + ": Spark 4 needs Java 17 or newer", JDK_FIX);
        }
        if (s.spark().startsWith("unavailable")) {
            return new Verdict(Status.BROKEN, "Spark is not on the classpath",
                    "start factortwo through ./factortwo (it adds Spark and Hadoop) or spark-submit");
        }
        if (!s.spark().startsWith("4.")) {
            return new Verdict(Status.BROKEN, "Spark " + s.spark() + ": factortwo is built for Spark 4 (Scala 2.13)",
                    "run on Spark " + MEASURED.get(0).spark() + " (./factortwo brings it; on a cluster, spark-submit to a Spark 4.2)");
        }
        if (s.jdkFeature() >= JDK_WITHOUT_GET_SUBJECT && olderThan(s.hadoop(), 3, 5)) {
            return new Verdict(Status.BROKEN, "JDK " + s.jdkFeature() + " with Hadoop " + s.hadoop()
                    + ": Hadoop before 3.5.0 calls Subject.getSubject, which JDK " + JDK_WITHOUT_GET_SUBJECT
                    + " removed (HADOOP-19212); every file system call fails with 'getSubject is not supported'",
                    GET_SUBJECT_FIX);
        }
        for (Measured m : MEASURED) {
            if (m.jdkFeature() == s.jdkFeature() && m.spark().equals(s.spark()) && m.hadoop().equals(s.hadoop())
                    && m.tensorflow().equals(s.tensorflow()) && m.protobuf().equals(s.protobuf())) {
                return new Verdict(Status.SUPPORTED, "measured here (JDK " + m.jdk() + ": " + m.how() + ")", "");
            }
        }
        Measured reference = MEASURED.get(0);
        List<String> differs = new ArrayList<>();
        if (MEASURED.stream().noneMatch(m -> m.jdkFeature() == s.jdkFeature())) {
            differs.add("JDK " + s.jdkFeature() + (SPARK_JDKS.contains(s.jdkFeature()) ? " (Spark documents it)" : " (Spark 4.2 documents 17, 21, 25)"));
        }
        if (!reference.spark().equals(s.spark())) differs.add("Spark " + s.spark());
        if (!reference.hadoop().equals(s.hadoop())) differs.add("Hadoop " + s.hadoop());
        if (!reference.tensorflow().equals(s.tensorflow())) differs.add("TensorFlow " + s.tensorflow());
        if (!reference.protobuf().equals(s.protobuf())) differs.add("protobuf-java " + s.protobuf());
        return new Verdict(Status.UNTESTED, "not measured here: " + String.join(", ", differs),
                "the measured stacks are JDK 17 and 25 with Spark " + reference.spark() + ", Hadoop " + reference.hadoop()
                        + ", TensorFlow " + reference.tensorflow() + ", protobuf-java " + reference.protobuf()
                        + " (what ./factortwo builds)");
    }

    /** True when {@code version} is below {@code major.minor}; false when it cannot be read. */
    static boolean olderThan(String version, int major, int minor) {
        String[] parts = version.split("[.-]");
        try {
            int ma = Integer.parseInt(parts[0]);
            int mi = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return ma < major || (ma == major && mi < minor);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The judgement of one stack: {@code fix} is empty when the stack was measured here. */
    public record Verdict(Status status, String detail, String fix) {
    }
}
