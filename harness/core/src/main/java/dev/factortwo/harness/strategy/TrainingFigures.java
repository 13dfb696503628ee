package dev.factortwo.harness.strategy;

import dev.factortwo.model.CellAttribute;
import dev.factortwo.harness.task.StepOverlap;
import dev.factortwo.harness.task.Placement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * The per-cell figures that compare training strategies, as result attributes: time to a target accuracy,
 * the accuracy curve, and what moving model state cost. Means over the repetitions. Where a repetition ran several
 * passes back to back, its time to the target is the mean over all of them (one pass of a small cell lasts a fraction
 * of a second: taken from the first alone, it varied three times as much as the repetition's throughput); the other
 * figures are its first pass's.
 */
public final class TrainingFigures {

    private TrainingFigures() {
    }

    /**
     * {@code communicationBytes} and {@code communicationSeconds} (per repetition), {@code accuracyTarget},
     * {@code timeToAccuracySeconds} (mean over the repetitions that reached the target, or {@code not reached}),
     * {@code targetReachedRepetitions} ({@code k/n}), {@code timeToAccuracyByRepetition} (seconds or {@code not reached}, comma-separated) and {@code accuracyByRound} (first repetition, comma-separated);
     * for Hogwild!, the threads' overlap ({@link #overlap}).
     */
    public static Map<String, String> of(List<List<Trained>> passesByRepetition, double target) {
        List<Trained> runs = passesByRepetition.stream().filter(p -> !p.isEmpty()).map(p -> p.get(0)).toList();
        Map<String, String> a = new LinkedHashMap<>();
        double bytes = runs.stream().mapToLong(t -> t.rounds().stream().mapToLong(Round::commBytes).sum()).average().orElse(0);
        double nanos = runs.stream().mapToLong(t -> t.rounds().stream().mapToLong(Round::commNanos).sum()).average().orElse(0);
        a.put(CellAttribute.COMMUNICATION_BYTES.key(), String.valueOf(Math.round(bytes)));
        a.put(CellAttribute.COMMUNICATION_SECONDS.key(), String.format("%.4f", nanos / 1e9));
        a.putAll(overlap(runs));
        a.putAll(placement(runs));
        if (runs.isEmpty() || runs.get(0).accuracy().isEmpty()) return a;
        a.put("accuracyTarget", String.format("%.3f", target));
        List<OptionalDouble> times = passesByRepetition.stream().filter(p -> !p.isEmpty()).map(p -> timeTo(p, target)).toList();
        double[] reached = times.stream().filter(OptionalDouble::isPresent).mapToDouble(OptionalDouble::getAsDouble).toArray();
        a.put(CellAttribute.TIME_TO_TARGET_SECONDS.key(), reached.length == 0 ? "not reached"
                : String.format("%.4f", java.util.Arrays.stream(reached).average().orElse(0)));
        a.put("targetReachedRepetitions", reached.length + "/" + runs.size());
        a.put(CellAttribute.TIME_TO_TARGET_BY_REPETITION.key(), times.stream()
                .map(o -> o.isPresent() ? String.format(java.util.Locale.ROOT, "%.4f", o.getAsDouble()) : "not reached")
                .collect(Collectors.joining(",")));
        a.put("accuracyByRound", runs.get(0).accuracy().stream().map(p -> String.format("%.4f", p.accuracy()))
                .collect(Collectors.joining(",")));
        return a;
    }

    /**
     * Where tasks trained with several threads on one model (Hogwild!), per repetition, comma-separated:
     * {@code hogwildOverlapSeconds}, the wall time during which two threads of a task were inside a training call at
     * once, summed over tasks and rounds; {@code hogwildTrainingCallSeconds}, the wall time during which at least one
     * was; {@code hogwildOverlapShare}, the first over the second (0 when the threads took turns, near 1 when their
     * calls were always in flight together). Empty otherwise.
     */
    static Map<String, String> overlap(List<Trained> runs) {
        List<StepOverlap> per = new ArrayList<>();
        for (Trained t : runs) {
            StepOverlap sum = null;
            for (Round r : t.rounds()) {
                for (var o : r.outcomes()) {
                    if (o.overlap() != null) sum = (sum == null ? StepOverlap.NONE : sum).plus(o.overlap());
                }
            }
            if (sum != null) per.add(sum);
        }
        if (per.isEmpty()) return Map.of();
        Map<String, String> a = new LinkedHashMap<>();
        a.put("hogwildOverlapSeconds", per.stream().map(o -> String.format(Locale.ROOT, "%.4f", o.overlapNanos() / 1e9))
                .collect(Collectors.joining(",")));
        a.put("hogwildTrainingCallSeconds", per.stream().map(o -> String.format(Locale.ROOT, "%.4f", o.busyNanos() / 1e9))
                .collect(Collectors.joining(",")));
        a.put("hogwildOverlapShare", per.stream().map(o -> String.format(Locale.ROOT, "%.3f", o.share()))
                .collect(Collectors.joining(",")));
        return a;
    }

    /**
     * Where Spark ran the tasks over worker-local state (local state mode), empty otherwise: {@code replicaMoved},
     * {@code replicaMovedBytes} and {@code staleReplicasDiscarded} per repetition, comma-separated; {@code replicaMoves}
     * ({@code repetition/round:partition:from->to}, space-separated, when any moved); {@code tasksByExecutorByRound}
     * (first repetition, {@code round: executor=tasks ...}, semicolon-separated); {@code taskLocality} (Spark's
     * locality level of every task attempt, all repetitions); {@code taskLaunchWaitMillis} (per repetition, summed over
     * its rounds: how long Spark held the rounds' tasks before launching them, its locality wait included).
     */
    static Map<String, String> placement(List<Trained> runs) {
        if (runs.stream().allMatch(t -> t.rounds().stream().allMatch(r -> r.placement().empty()))) return Map.of();
        Map<String, String> a = new LinkedHashMap<>();
        a.put(RoundHook.REPLICA_MOVED, perRun(runs, r -> r.placement().moved()));
        a.put(RoundHook.REPLICA_MOVED_BYTES, perRun(runs, r -> r.placement().movedBytes()));
        a.put(RoundHook.STALE_REPLICAS_DISCARDED, perRun(runs, r -> r.placement().staleDiscarded()));
        a.put("taskLaunchWaitMillis", perRun(runs, r -> r.placement().launchWaitMillis()));
        List<String> moves = new ArrayList<>();
        Placement all = Placement.NONE;
        for (int i = 0; i < runs.size(); i++) {
            for (Round r : runs.get(i).rounds()) {
                all = all.plus(r.placement());
                for (String m : r.placement().moves()) moves.add(i + "/" + r.index() + ":" + m);
            }
        }
        if (!moves.isEmpty()) a.put("replicaMoves", String.join(" ", moves));
        a.put("tasksByExecutorByRound", runs.get(0).rounds().stream()
                .map(r -> r.index() + ": " + Placement.counts(r.placement().tasksByExecutor())).collect(Collectors.joining("; ")));
        a.put("taskLocality", Placement.counts(all.tasksByLocality()));
        return a;
    }

    private static String perRun(List<Trained> runs, java.util.function.ToLongFunction<Round> f) {
        return runs.stream().map(t -> String.valueOf(t.rounds().stream().mapToLong(f).sum())).collect(Collectors.joining(","));
    }

    /**
     * One repetition's measured training seconds until the held-out accuracy first reached {@code target}: the mean over
     * its passes, or empty when some pass did not reach it.
     */
    static OptionalDouble timeTo(List<Trained> passes, double target) {
        double sum = 0;
        for (Trained t : passes) {
            OptionalDouble one = timeTo(t, target);
            if (one.isEmpty()) return OptionalDouble.empty();
            sum += one.getAsDouble();
        }
        return passes.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(sum / passes.size());
    }

    /** Measured training seconds of one pass until the held-out accuracy first reached {@code target}. */
    static OptionalDouble timeTo(Trained t, double target) {
        return t.accuracy().stream().filter(p -> p.accuracy() >= target).mapToDouble(Trained.AccuracyPoint::trainingSeconds).findFirst();
    }
}
