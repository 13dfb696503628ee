package dev.factortwo.reports;

import dev.factortwo.model.CellResult;
import dev.factortwo.model.Results;
import dev.factortwo.reports.gate.GateOptions;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a report is built from: one or more results files (e.g. one per machine) and optionally a
 * baseline to compare each of them against.
 *
 * @param runs      results files, in the order they should appear; at least one
 * @param baseline  results to compare against, cell by cell (matched on {@link dev.factortwo.model.CellKey})
 * @param rule      the gate's options, with which the report decides "slower" and "faster" against the baseline
 *                  ({@link dev.factortwo.reports.gate.SlowdownTest}), so that report and gate agree
 */
public record ReportInput(List<Results> runs, Optional<Results> baseline, GateOptions rule) {

    public ReportInput {
        Objects.requireNonNull(runs, "runs");
        Objects.requireNonNull(baseline, "baseline");
        Objects.requireNonNull(rule, "rule");
        if (runs.isEmpty()) throw new IllegalArgumentException("a report needs at least one results file");
        runs = List.copyOf(runs);
    }

    /** With the gate's default options ({@link GateOptions#defaults()}). */
    public ReportInput(List<Results> runs, Optional<Results> baseline) {
        this(runs, baseline, GateOptions.defaults());
    }

    public static ReportInput of(Results run) {
        return new ReportInput(List.of(run), Optional.empty());
    }

    /** The baseline's cell with the same key as {@code cell}, if a baseline was given and has it. */
    public Optional<CellResult> baselineOf(CellResult cell) {
        return baseline.flatMap(b -> b.cells().stream().filter(c -> c.key().equals(cell.key())).findFirst());
    }

    /** True when more than one results file is shown, so rows need to say which run they come from. */
    public boolean severalRuns() {
        return runs.size() > 1;
    }
}
