package dev.factortwo.reports.gate;

import dev.factortwo.model.ExitCode;
import dev.factortwo.model.stats.VariancePrior;
import java.util.List;
import java.util.Objects;

/**
 * The one comparison model of a gate run: every output (console table, JUnit XML, Markdown) is rendered
 * from it, so they can never disagree. Immutable.
 *
 * @param kind       what was compared: {@link #RESULTS} or {@link #JMH}
 * @param suite      suite name (factortwo results), or {@code jmh}
 * @param baseline   where the baseline came from (a path, or {@code baseline})
 * @param candidate  where the candidate came from
 * @param options    the options the gate ran with
 * @param prior      the noise prior fitted for the moderated t ({@link VariancePrior#NONE} otherwise)
 * @param checks     one row per subject and check: environment first, then subjects in baseline order,
 *                   then subjects new in the candidate
 */
public record GateReport(String kind, String suite, String baseline, String candidate, GateOptions options,
                         VariancePrior prior, List<CheckResult> checks) {

    /** {@link #kind()} of a comparison of two factortwo results files. */
    public static final String RESULTS = "factortwo results";
    /** {@link #kind()} of a comparison of two JMH JSON result files. */
    public static final String JMH = "JMH";

    public GateReport {
        Objects.requireNonNull(options, "options");
        prior = prior == null ? VariancePrior.NONE : prior;
        checks = List.copyOf(checks);
    }

    /** {@link ExitCode#REGRESSION} when any check failed, else {@link ExitCode#OK}. */
    public ExitCode exitCode() {
        return count(Status.FAIL) > 0 ? ExitCode.REGRESSION : ExitCode.OK;
    }

    public long count(Status status) {
        return checks.stream().filter(c -> c.status() == status).count();
    }

    public List<CheckResult> withStatus(Status status) {
        return checks.stream().filter(c -> c.status() == status).toList();
    }

    /** Number of distinct subjects (cells or benchmarks) checked. */
    public long subjects() {
        return checks.stream().filter(c -> c.check() != Check.ENVIRONMENT).map(CheckResult::subject).distinct().count();
    }

    /** The same report naming where the inputs came from. */
    public GateReport withSources(String baselineSource, String candidateSource) {
        return new GateReport(kind, suite, baselineSource, candidateSource, options, prior, checks);
    }

    /** One line: {@code FAIL: 2 failed, 1 warning, 47 passed (50 cells)}. */
    public String verdict() {
        long fail = count(Status.FAIL), warn = count(Status.WARN), pass = count(Status.PASS), info = count(Status.INFO);
        StringBuilder b = new StringBuilder(fail > 0 ? "FAIL: " : "PASS: ");
        b.append(fail).append(" failed, ").append(warn).append(warn == 1 ? " warning, " : " warnings, ")
                .append(pass).append(" passed");
        if (info > 0) b.append(", ").append(info).append(" info");
        b.append(" (").append(subjects()).append(JMH.equals(kind) ? " benchmarks)" : " cells)");
        return b.toString();
    }
}
