package dev.factortwo.harness.cell;

import dev.factortwo.harness.engine.CellSetup;
import dev.factortwo.harness.engine.CellWork;
import dev.factortwo.harness.engine.Measured;
import dev.factortwo.harness.fault.FaultKind;
import dev.factortwo.harness.fault.FaultTarget;
import dev.factortwo.harness.fault.Injection;
import dev.factortwo.harness.services.StandaloneCluster;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.FaultOutcome;
import dev.factortwo.model.Repetition;
import dev.factortwo.model.Reproducibility;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/**
 * Injects faults into a cell for real, one more repetition per fault, each compared with the cell's fault-free
 * repetitions: the same result (recomputed identically), another one, a run that had to start over, or a
 * failure. A fault that cannot apply to the cell, or that its engine does not take, says why. Driver only.
 */
final class FaultInjection {

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

    /** One outcome per fault, in order. */
    List<FaultOutcome> injectAll(List<FaultKind> faults, List<Repetition> reps) {
        List<FaultOutcome> outcomes = new ArrayList<>();
        for (FaultKind f : faults) {
            progress.step("fault " + f.name());
            outcomes.add(inject(f, reps));
        }
        return outcomes;
    }

    /**
     * One more run of the cell with {@code fault} injected half-way, compared with the fault-free runs. A run
     * the fault made fail is restarted once from scratch.
     */
    FaultOutcome inject(FaultKind fault, List<Repetition> reps) {
        Optional<String> na = fault.notApplicable(target).or(() -> work.notInjected(fault));
        if (na.isPresent()) return new FaultOutcome(fault.name(), FaultOutcome.NOT_APPLICABLE, 0, 0, null, fault.name() + ": not applicable: " + na.get());
        int at = setup.spec().epochs() / 2;
        double baseWall = reps.stream().mapToDouble(Repetition::wallSeconds).average().orElse(0);
        long baseBytes = (long) reps.stream().mapToLong(Repetition::bytesRead).average().orElse(0);
        String expected = reps.get(0).fingerprint();
        List<String> log = new CopyOnWriteArrayList<>();
        long t0 = System.nanoTime();
        try {
            Measured run = work.run(new Injection(fault, target, at, log));
            long bytes = run.bytesRead();
            boolean same = run.fingerprint().equals(expected);
            String explanation = String.format("%s: %s from %s in %+.2f s (%+.1f MB read), %s%s", fault.name(), setup.state().recovery(),
                    setup.tier().name(), run.wallSeconds() - baseWall, (bytes - baseBytes) / 1e6, same ? "identical" : "DIFFERENT result", detail(log));
            return new FaultOutcome(fault.name(), same ? FaultOutcome.RECOMPUTED_IDENTICAL : FaultOutcome.RECOMPUTED_DIFFERENT,
                    run.wallSeconds() - baseWall, bytes - baseBytes, run.fingerprint(), explanation);
        } catch (Exception first) { // Spark's own exceptions are checked in Java's eyes but thrown anyway
            String why = SuiteRunner.oneLine(first);
            try {
                Measured again = work.run(Injection.NONE);
                double total = (System.nanoTime() - t0) / 1e9;
                boolean same = again.fingerprint().equals(expected);
                return new FaultOutcome(fault.name(), FaultOutcome.RESTARTED, total - baseWall, again.bytesRead(), again.fingerprint(),
                        String.format("%s: the run failed (%s) and had to start over: %+.2f s in all, %s%s", fault.name(), why,
                                total - baseWall, same ? "then identical" : "then DIFFERENT", detail(log)));
            } catch (Exception second) {
                return new FaultOutcome(fault.name(), FaultOutcome.FAILED, (System.nanoTime() - t0) / 1e9 - baseWall, 0, null,
                        fault.name() + ": failed, also when restarted: " + SuiteRunner.oneLine(second) + detail(log));
            }
        }
    }

    private static String detail(List<String> log) {
        return log.isEmpty() ? "" : " [" + String.join("; ", log) + "]";
    }

    /** The cell's verdict: reproducible when repeats are bitwise and every applicable fault recomputed identically. */
    static Reproducibility combine(Reproducibility repeat, List<FaultOutcome> outcomes) {
        if (outcomes.isEmpty()) return repeat;
        boolean faultsOk = outcomes.stream().allMatch(o -> o.identical() || FaultOutcome.NOT_APPLICABLE.equals(o.outcome()));
        String faultWords = outcomes.stream().filter(o -> !FaultOutcome.NOT_APPLICABLE.equals(o.outcome()))
                .map(FaultOutcome::explanation).collect(Collectors.joining("; "));
        return new Reproducibility(repeat.verdict(), repeat.runs(), repeat.maxRelativeL2(), repeat.tolerance(), outcomes,
                repeat.reproducible() && faultsOk,
                repeat.explanation() + (faultWords.isEmpty() ? "" : "; " + faultWords));
    }
}
