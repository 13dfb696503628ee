package dev.factortwo.harness.state;

import dev.factortwo.harness.engine.Weights;
import dev.factortwo.harness.run.IoCount;
import dev.factortwo.harness.run.ModelJob;
import dev.factortwo.harness.run.TaskOutcome;
import java.util.List;

/**
 * One repetition of a cell in one state mode: its data prepared (an RDD, or worker-local caches) and its
 * rounds run. Outcomes come back in partition order. Not thread-safe.
 */
public interface Execution extends AutoCloseable {

    /** One epoch of training on every partition, each starting from {@code start}. */
    List<TaskOutcome> trainRound(ModelJob job, Weights start);

    /** One pass of inference over every partition. */
    List<TaskOutcome> inferPass(ModelJob job, Weights weights);

    /** What was read from the store since the last call (then reset). */
    IoCount drainIo();

    /** Drops the cached input blocks Spark holds for this repetition; false when there are none. */
    boolean dropCachedBlocks();

    /** Wipes the worker-local data and model state; false when this mode keeps none. */
    boolean wipeLocalState();

    @Override
    void close();
}
