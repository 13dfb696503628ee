package dev.factortwo.harness.cell;

import dev.factortwo.model.CellAttribute;
import dev.factortwo.harness.engine.Measured;
import dev.factortwo.harness.strategy.Round;
import dev.factortwo.harness.task.TaskOutcome;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Where one pass of a repetition's time went, from its rounds (epochs): the first round (it pays for building
 * TensorFlow graphs and sessions in the workers and, in local state, loading the data into them), the steady
 * rounds after it, the part of the timed region outside every round (the strategy's own set-up), and per round
 * the time outside the slowest task (Spark scheduling and weight transfer: {@link Round#commNanos()}). Gives
 * throughput and accelerator utilization for the steady rounds alone next to end to end. Where a repetition
 * ran several passes back to back, every pass's rounds count (per pass: the means over them), as its wall time
 * does. Stateless.
 */
final class TimeBreakdown {

    private TimeBreakdown() {
    }

    /**
     * One pass.
     *
     * @param setupSeconds          timed region outside every round
     * @param firstRoundSeconds     the first round's wall time
     * @param steadyRoundSeconds    mean wall time of the later rounds (NaN with one round)
     * @param roundOverheadSeconds  mean time per round outside the slowest task: scheduling and weight transfer
     * @param steadySamplesPerSecond samples of the later rounds over their wall time (NaN with one round)
     * @param steadyUtilization     compute per worker (per task a round runs at once) over wall time in the later
     *                              rounds (NaN with one round)
     */
    record Pass(double setupSeconds, double firstRoundSeconds, double steadyRoundSeconds, double roundOverheadSeconds,
                double steadySamplesPerSecond, double steadyUtilization) {
    }

    /** The breakdown of one repetition, per pass (the mean of its passes), or null where the engine runs no rounds. */
    static Pass of(Measured m, int passes) {
        List<dev.factortwo.harness.strategy.Trained> all = m.passes();
        if (all.isEmpty() || all.stream().anyMatch(t -> t.rounds().isEmpty())) return null;
        int n = all.size();
        List<Round> rounds = all.stream().flatMap(t -> t.rounds().stream()).toList();
        double passWall = m.wallSeconds() / Math.max(1, passes);
        double roundsWall = rounds.stream().mapToLong(Round::wallNanos).sum() / 1e9 / n;
        double first = all.stream().mapToLong(t -> t.rounds().get(0).wallNanos()).sum() / 1e9 / n;
        double overhead = rounds.stream().mapToLong(Round::commNanos).average().orElse(0) / 1e9;
        if (all.get(0).rounds().size() < 2) {
            return new Pass(Math.max(0, passWall - roundsWall), first, Double.NaN, overhead, Double.NaN, Double.NaN);
        }
        double steadyWall = 0, compute = 0;
        long samples = 0, steadyRounds = 0;
        for (var t : all) {
            List<Round> steady = t.rounds().subList(1, t.rounds().size());
            steadyRounds += steady.size();
            steadyWall += steady.stream().mapToLong(Round::wallNanos).sum() / 1e9;
            samples += steady.stream().flatMap(r -> r.outcomes().stream()).mapToLong(TaskOutcome::samples).sum();
            compute += steady.stream().flatMap(r -> r.outcomes().stream()).mapToLong(TaskOutcome::computeNanos).sum() / 1e9
                    / t.workers();
        }
        return new Pass(Math.max(0, passWall - roundsWall), first, steadyWall / steadyRounds, overhead,
                samples / steadyWall, compute / steadyWall);
    }

    /** The cell's attributes: one figure per repetition, comma-separated; nothing where no repetition ran rounds. */
    static Map<String, String> attributes(List<Measured> runs, int passes) {
        List<Pass> p = runs.stream().map(m -> of(m, passes)).toList();
        Map<String, String> out = new LinkedHashMap<>();
        if (p.stream().anyMatch(x -> x == null)) return out;
        out.put(CellAttribute.SETUP_SECONDS.key(), join(p, Pass::setupSeconds, "%.4f"));
        out.put(CellAttribute.FIRST_ROUND_SECONDS.key(), join(p, Pass::firstRoundSeconds, "%.4f"));
        out.put(CellAttribute.STEADY_ROUND_SECONDS.key(), join(p, Pass::steadyRoundSeconds, "%.4f"));
        out.put(CellAttribute.ROUND_OVERHEAD_SECONDS.key(), join(p, Pass::roundOverheadSeconds, "%.4f"));
        out.put(CellAttribute.STEADY_SAMPLES_PER_SECOND.key(), join(p, Pass::steadySamplesPerSecond, "%.1f"));
        out.put(CellAttribute.STEADY_UTILIZATION.key(), join(p, Pass::steadyUtilization, "%.3f"));
        return out;
    }

    private static String join(List<Pass> p, ToDoubleFunction<Pass> f, String format) {
        return String.join(",", p.stream().map(x -> String.format(Locale.ROOT, format, f.applyAsDouble(x))).toList());
    }
}
