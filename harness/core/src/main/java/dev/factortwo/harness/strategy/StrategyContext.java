package dev.factortwo.harness.strategy;

import dev.factortwo.harness.checkpoint.Checkpointing;
import dev.factortwo.harness.task.ModelJob;
import dev.factortwo.harness.state.Execution;
import dev.factortwo.model.CellSpec;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * What a strategy gets for one repetition.
 *
 * @param sc         the Spark context
 * @param execution  the state mode's prepared data (an RDD, or worker-local caches)
 * @param job        per-task settings; {@link ModelJob#forEpoch} gives an epoch's
 * @param spec       the cell
 * @param hook       called around every round (fault injection)
 * @param probe      held-out accuracy, evaluated by training strategies after each round, untimed
 * @param checkpointing  where and how often a strategy that {@link Strategy#checkpoints} writes its checkpoints;
 *                   {@link Checkpointing#NONE} for none
 */
public record StrategyContext(JavaSparkContext sc, Execution execution, ModelJob job, CellSpec spec, RoundHook hook,
                              AccuracyProbe probe, Checkpointing checkpointing) {

    public StrategyContext {
        if (checkpointing == null) checkpointing = Checkpointing.NONE;
    }

    /** A context without checkpoints. */
    public StrategyContext(JavaSparkContext sc, Execution execution, ModelJob job, CellSpec spec, RoundHook hook, AccuracyProbe probe) {
        this(sc, execution, job, spec, hook, probe, Checkpointing.NONE);
    }

    /** A context with no accuracy evaluation. */
    public StrategyContext(JavaSparkContext sc, Execution execution, ModelJob job, CellSpec spec, RoundHook hook) {
        this(sc, execution, job, spec, hook, AccuracyProbe.NONE, Checkpointing.NONE);
    }

    /** A clock over this context's probe, started now. */
    public TrainingClock clock() {
        return new TrainingClock(probe);
    }
}
