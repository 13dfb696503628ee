package dev.factortwo.harness.fault;

import dev.factortwo.harness.task.ModelJob;
import dev.factortwo.harness.strategy.RoundHook;
import dev.factortwo.model.UserError;
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

    /**
     * The round this fault strikes in a run of {@code epochs} rounds: by default half-way, after the rounds that built
     * the state it targets; a fault aims elsewhere where that is where the configuration depends on what it removes.
     */
    default int atRound(FaultTarget target, int epochs) {
        return epochs / 2;
    }

    /** The job as the faulted run should use it (a task failure marks the job). */
    default ModelJob prepare(ModelJob job, int atRound) {
        return job;
    }

    /**
     * Injects the fault at round {@code atRound}: before it when earlier rounds built the state it targets, or
     * during it (after its first task) when it is the only round. {@code record} collects what was done and
     * the evidence.
     */
    RoundHook hook(FaultTarget target, int atRound, FaultRecord record);

    /**
     * Why the evidence of a faulted run shows that this fault hit nothing, or empty when it hit. The runner
     * adds {@link FaultRecord#FAILED_TASK_ATTEMPTS}, {@link FaultRecord#EXECUTORS_LOST},
     * {@link FaultRecord#BYTES_REREAD} and {@link FaultRecord#RESTARTS} to what the hook counted. A restart is not
     * evidence: any exception makes one, an injection that failed before touching anything included.
     */
    Optional<String> missed(FaultRecord record);

    static List<FaultKind> all() {
        return List.of(new LostCachedBlocks(), new TaskFailure(), new ExecutorKill(), new LocalStateLoss(), new ColdStoreOutage());
    }

    static List<String> names() {
        return all().stream().map(FaultKind::name).toList();
    }

    static FaultKind byName(String name) {
        return all().stream().filter(f -> f.name().equals(name)).findFirst()
                .orElseThrow(() -> new UserError("unknown fault '" + name + "'; expected one of " + names()));
    }
}
