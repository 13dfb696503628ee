package dev.factortwo.harness.measure;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A failure whose cause is the environment (the JDK, its flags, a native library), told in one line with the
 * fix instead of a library's exception text. {@link #of} recognises the known ones anywhere in a failure:
 * in the cause chain, in suppressed exceptions, or inside the text of a Spark task failure (which carries the
 * executor's exception as a message).
 *
 * <pre>{@code
 * EnvironmentProblem.of(e).map(EnvironmentProblem::oneLine).orElse(e.getMessage())
 * }</pre>
 */
public record EnvironmentProblem(String what, String fix) {

    /** {@code what; fix: fix}. */
    public String oneLine() {
        return what + "; fix: " + fix;
    }

    /** The known environment problem behind {@code failure}, or empty when it is not one. */
    public static Optional<EnvironmentProblem> of(Throwable failure) {
        Deque<Throwable> todo = new ArrayDeque<>();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        todo.add(failure);
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (seen.put(t, Boolean.TRUE) != null) continue;
            Optional<EnvironmentProblem> p = match(t.getClass().getName(), String.valueOf(t.getMessage()));
            if (p.isPresent()) return p;
            if (t.getCause() != null) todo.add(t.getCause());
            for (Throwable s : t.getSuppressed()) todo.add(s);
        }
        return Optional.empty();
    }

    static Optional<EnvironmentProblem> match(String type, String message) {
        int jdk = Runtime.version().feature();
        if (message.contains("getSubject is not supported")) {
            return Optional.of(new EnvironmentProblem("JDK " + jdk + " with Hadoop " + Versions.hadoop()
                    + ": Hadoop calls Subject.getSubject, which JDK " + SupportMatrix.JDK_WITHOUT_GET_SUBJECT
                    + "+ removed (HADOOP-19212)", SupportMatrix.GET_SUBJECT_FIX));
        }
        if (type.equals("java.lang.reflect.InaccessibleObjectException") || message.contains("InaccessibleObjectException")
                || (message.contains("does not \"opens ") && message.contains("to unnamed module"))) {
            return Optional.of(new EnvironmentProblem("this JVM lacks the --add-opens flags Spark needs on JDK " + jdk,
                    "start through ./factortwo (it passes them), or add the output of 'scripts/jvm-flags' to the java "
                            + "command (spark-submit: spark.driver.extraJavaOptions)"));
        }
        if ((type.equals("java.lang.UnsatisfiedLinkError") || message.contains("UnsatisfiedLinkError"))
                && message.toLowerCase(java.util.Locale.ROOT).contains("tensorflow")) {
            return Optional.of(new EnvironmentProblem("TensorFlow's native library does not load on this machine",
                    "run './factortwo doctor': the native jar must match this machine (linux-x86_64), ~/.javacpp/cache "
                            + "needs about 650 MB, and glibc must be recent enough"));
        }
        return Optional.empty();
    }
}
