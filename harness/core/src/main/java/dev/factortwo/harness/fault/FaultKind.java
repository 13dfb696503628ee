package dev.factortwo.harness.fault;

import dev.factortwo.harness.task.ModelJob;
import dev.factortwo.harness.strategy.RoundHook;
import java.util.List;
import java.util.Optional;

/**
 * A fault injected for real at a chosen round of a run: no mock of Spark, HDFS or S3. One implementation
 * per kind; each says when it does not apply to a cell, and why.
 */
public sealed interface FaultKind permits LostCachedBlocks, TaskFailure, ExecutorKill, LocalStateLoss, ColdStoreOutage {

    /** The name in flags and results, e.g. {@code lost-cached-blocks}. */
    String name();

    /** Why this fault cannot be injected into {@code target}, or empty when it can. */
    Optional<String> notApplicable(FaultTarget target);

    /** The job as the faulted run should use it (a task failure marks the job). */
    default ModelJob prepare(ModelJob job, int atRound) {
        return job;
    }

    /** Injects the fault before round {@code atRound}; {@code log} collects what was done. */
    RoundHook hook(FaultTarget target, int atRound, List<String> log);

    static List<FaultKind> all() {
        return List.of(new LostCachedBlocks(), new TaskFailure(), new ExecutorKill(), new LocalStateLoss(), new ColdStoreOutage());
    }

    static List<String> names() {
        return all().stream().map(FaultKind::name).toList();
    }

    static FaultKind byName(String name) {
        return all().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown fault '" + name + "'; expected one of " + names()));
    }
}
