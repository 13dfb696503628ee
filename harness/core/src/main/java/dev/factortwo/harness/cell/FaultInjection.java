package dev.factortwo.harness.cell;

import dev.factortwo.harness.engine.CellSetup;
import dev.factortwo.harness.engine.CellWork;
import dev.factortwo.harness.engine.Measured;
import dev.factortwo.harness.fault.FaultKind;
import dev.factortwo.harness.fault.FaultRecord;
import dev.factortwo.harness.fault.FaultTarget;
import dev.factortwo.harness.fault.Injection;
import dev.factortwo.harness.services.StandaloneCluster;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.FaultOutcome;
import dev.factortwo.model.FaultOutcome.Outcome;
import dev.factortwo.model.Repetition;
import dev.factortwo.model.Reproducibility;
import dev.factortwo.model.Reproducibility.Verdict;
import dev.factortwo.model.Interval;
import dev.factortwo.model.stats.Statistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorRemoved;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Injects faults into a cell for real, one more repetition per fault, and judges each on its evidence and
 * against the cell's fault-free repetitions:
 * <ul>
 *   <li>{@code not-injected} when the injection itself could not be made (it tested nothing);</li>
 *   <li>{@code missed} when the evidence shows the fault hit nothing (it never counts as recomputed);</li>
 *   <li>{@code not-attributable} when the repetitions already differ, so a different result says nothing;</li>
 *   <li>otherwise the same result ({@code recomputed-identical}), another one, a run that had to start over,
 *       or a failure.</li>
 * </ul>
 * Evidence comes from where things happened: the fault's own counts (blocks removed, entries dropped per
 * executor), a SparkListener (failed task attempts, executors lost) and the bytes read beyond a fault-free
 * run. Recovery is the faulted run's wall time, less the harness's own waiting, against the fault-free runs,
 * with a 95% prediction interval. A fault that cannot apply, or that its engine does not take, says why.
 * Driver only.
 */
final class FaultInjection {

    /** Confidence of the recovery interval. */
    static final double RECOVERY_CONFIDENCE = 0.95;

    private final CellSetup setup;
    private final CellWork work;
    private final FaultTarget target;
    private final Progress progress;

    FaultInjection(CellSetup setup, CellKey key, CellWork work, Optional<StandaloneCluster> cluster, Progress progress) {
        this.setup = setup;
        this.work = work;
        this.target = new FaultTarget(key, setup.tier(), setup.state(), setup.sc(), cluster);
        this.progress = progress;
    }

    /** One outcome per fault, in order, judged against {@code repeat}, the verdict of {@code reps}. */
    List<FaultOutcome> injectAll(List<FaultKind> faults, List<Repetition> reps, Reproducibility repeat) {
        List<FaultOutcome> outcomes = new ArrayList<>();
        for (FaultKind f : faults) {
            progress.step("fault " + f.name());
            outcomes.add(inject(f, reps, repeat));
        }
        return outcomes;
    }

    /**
     * One more run of the cell with {@code fault} injected, judged on its evidence and against the fault-free
     * runs. A run the fault made fail is restarted once from scratch.
     */
    FaultOutcome inject(FaultKind fault, List<Repetition> reps, Reproducibility repeat) {
        Optional<String> na = fault.notApplicable(target).or(() -> work.notInjected(fault));
        if (na.isPresent()) return new FaultOutcome(fault.name(), Outcome.NOT_APPLICABLE, 0, 0, null, fault.name() + ": not applicable: " + na.get());
        double[] walls = reps.stream().mapToDouble(Repetition::wallSeconds).toArray();
        long baseBytes = (long) reps.stream().mapToLong(Repetition::bytesRead).average().orElse(0);
        String expected = reps.get(0).fingerprint();
        // a single run cannot show that repeats differ; only repeats that did make the fault's result meaningless
        boolean attributable = repeat.verdict() != Verdict.TOLERANCE && repeat.verdict() != Verdict.DIVERGENT;
        FaultRecord record = new FaultRecord();
        Listener listener = new Listener();
        setup.sc().sc().addSparkListener(listener);
        int at = fault.atRound(target, setup.spec().epochs());
        long t0 = System.nanoTime();
        try {
            Measured run;
            String failure = null;
            try {
                run = work.run(new Injection(fault, target, at, record));
            } catch (Exception first) { // Spark's own exceptions are checked in Java's eyes but thrown anyway
                failure = SuiteRunner.oneLine(first);
                if (record.notInjectedReason().isPresent()) {
                    listener.into(setup, record);
                    return notInjected(fault, record, "the run then failed: " + failure);
                }
                record.count(FaultRecord.RESTARTS, 1);
                try {
                    run = work.run(Injection.NONE);
                } catch (Exception second) {
                    listener.into(setup, record);
                    return new FaultOutcome(fault.name(), Outcome.FAILED, (System.nanoTime() - t0) / 1e9 - mean(walls), 0, null,
                            fault.name() + ": failed, also when restarted: " + SuiteRunner.oneLine(second) + detail(record), record.evidence(), null);
                }
            }
            listener.into(setup, record);
            if (record.notInjectedReason().isPresent()) return notInjected(fault, record, "the run went on fault-free");
            long bytes = run.bytesRead();
            record.count(FaultRecord.BYTES_REREAD, Math.max(0, bytes - baseBytes));
            record.count(FaultRecord.BYTES_READ_FROM_FAULT_ROUND, run.io().stream().filter(e -> e.epoch() >= at).mapToLong(e -> e.bytesRead()).sum());
            record.count(FaultRecord.FILES_OPENED_FROM_FAULT_ROUND, run.io().stream().filter(e -> e.epoch() >= at).mapToLong(e -> e.filesOpened()).sum());
            double spent = failure == null ? run.wallSeconds() - record.waitedNanos() / 1e9 : (System.nanoTime() - t0) / 1e9;
            Interval recovery = Statistics.standard().differenceFromSample(walls, spent, RECOVERY_CONFIDENCE);
            boolean same = run.fingerprint().equals(expected);
            String cost = recoveryWords(recovery, bytes - baseBytes);
            Optional<String> missed = fault.missed(record);
            Outcome outcome;
            String words;
            if (missed.isPresent()) {
                outcome = Outcome.MISSED;
                words = fault.name() + ": missed: " + missed.get() + "; it tests nothing here (" + cost + ")";
            } else if (failure != null) {
                outcome = Outcome.RESTARTED;
                words = String.format("%s: the run failed (%s) and had to start over: %s, %s", fault.name(), failure, cost,
                        !attributable ? "not attributable (the repeats already differ)" : same ? "then identical" : "then DIFFERENT");
            } else if (!attributable) {
                outcome = Outcome.NOT_ATTRIBUTABLE;
                words = String.format("%s: %s from %s, %s; not attributable: the repeats already differ (%s), so the result says nothing about the fault",
                        fault.name(), setup.state().recovery(), setup.tier().name(), cost, repeat.verdict().word());
            } else {
                outcome = same ? Outcome.RECOMPUTED_IDENTICAL : Outcome.RECOMPUTED_DIFFERENT;
                words = String.format("%s: %s from %s, %s, %s", fault.name(), setup.state().recovery(), setup.tier().name(), cost,
                        same ? "identical" : "DIFFERENT result");
            }
            return new FaultOutcome(fault.name(), outcome, recovery.estimate(), bytes - baseBytes, run.fingerprint(),
                    words + detail(record), record.evidence(), recovery);
        } finally {
            setup.sc().sc().removeSparkListener(listener);
        }
    }

    /** The outcome of a fault whose injection could not be made: it tested nothing, so it is never green and never a restart. */
    static FaultOutcome notInjected(FaultKind fault, FaultRecord record, String after) {
        return new FaultOutcome(fault.name(), Outcome.NOT_INJECTED, 0, 0, null,
                fault.name() + ": not injected: " + record.notInjectedReason().orElseThrow() + "; " + after + detail(record),
                record.evidence(), null);
    }

    /** The recovery in words: "within noise" when its interval holds 0, else the estimate with its interval. */
    static String recoveryWords(Interval recovery, long extraBytes) {
        String bytes = String.format("%+.1f MB read", extraBytes / 1e6);
        if (!recovery.bounded()) return String.format("%+.2f s (no interval: one fault-free run), %s", recovery.estimate(), bytes);
        if (recovery.contains(0)) {
            return String.format("recovery within noise (%+.2f s, 95%% interval [%+.2f, %+.2f] s), %s", recovery.estimate(), recovery.low(), recovery.high(), bytes);
        }
        return String.format("in %+.2f s (95%% interval [%+.2f, %+.2f] s), %s", recovery.estimate(), recovery.low(), recovery.high(), bytes);
    }

    private static double mean(double[] xs) {
        return java.util.Arrays.stream(xs).average().orElse(0);
    }

    private static String detail(FaultRecord record) {
        return record.log().isEmpty() ? "" : " [" + String.join("; ", record.log()) + "]";
    }

    /**
     * The cell's verdict: reproducible when repeats are bitwise and every applicable fault hit and recomputed
     * identically; a missed, not attributable, different, restarted or failed fault makes it not.
     */
    static Reproducibility combine(Reproducibility repeat, List<FaultOutcome> outcomes) {
        if (outcomes.isEmpty()) return repeat;
        String faultWords = outcomes.stream().filter(o -> !o.notApplicable())
                .map(FaultOutcome::explanation).collect(Collectors.joining("; "));
        return Reproducibility.of(repeat.verdict(), repeat.runs(), repeat.maxRelativeL2(), repeat.tolerance(), outcomes,
                repeat.explanation() + (faultWords.isEmpty() ? "" : "; " + faultWords));
    }

    /** Failed task attempts and lost executors while a faulted run is in flight. */
    private static final class Listener extends SparkListener {
        final AtomicLong failedTasks = new AtomicLong(), lostExecutors = new AtomicLong();

        @Override
        public void onTaskEnd(SparkListenerTaskEnd end) {
            if (end.taskInfo().failed()) failedTasks.incrementAndGet();
        }

        @Override
        public void onExecutorRemoved(SparkListenerExecutorRemoved removed) {
            lostExecutors.incrementAndGet();
        }

        /** Adds what was seen to {@code record}, after the listener bus has delivered what the run posted. */
        void into(CellSetup setup, FaultRecord record) {
            try {
                setup.sc().sc().listenerBus().waitUntilEmpty(10_000);
            } catch (Exception e) {
                // counted as far as delivered: a busy bus only makes the evidence smaller
            }
            record.count(FaultRecord.FAILED_TASK_ATTEMPTS, failedTasks.get());
            record.count(FaultRecord.EXECUTORS_LOST, lostExecutors.get());
        }
    }
}
