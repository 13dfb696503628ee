package dev.factortwo.harness.task;

import dev.factortwo.harness.nn.TfModel;
import dev.factortwo.harness.nn.Weights;
import java.util.SplittableRandom;

/**
 * A repetition's warm-up: {@link ModelJob#warmupSteps} training steps per worker, run before the repetition's
 * timed region and undone, the same for every strategy and for the bare reference. The steps run on one seeded
 * synthetic batch of the cell's batch size and shape, not on the partition's data: reading it here would move
 * the first round's reads out of the timed region. They alternate the fused step ({@link TfModel#trainStep}) and
 * the split one ({@link TfModel#gradients}, then {@link TfModel#applyGradients}), so that the ops every strategy
 * runs have run. Then the start weights are set, which also zeroes the momentum accumulators: nothing of the
 * warm-up is left in the model, and the bits of the result do not change. Stateless.
 */
public final class WarmUp {

    private WarmUp() {
    }

    /** Runs {@code job}'s warm-up steps on {@code model}, then sets {@code start}. Returns the steps run. */
    public static int run(TfModel model, ModelJob job, Weights start) {
        int steps = job.warmupSteps(), batch = Math.max(1, job.batchSize()), pixels = job.shape().pixels();
        if (steps == 0) return 0;
        SplittableRandom random = new SplittableRandom(job.seed());
        float[] images = new float[batch * pixels];
        int[] labels = new int[batch];
        for (int i = 0; i < images.length; i++) images[i] = (float) random.nextDouble();
        for (int i = 0; i < batch; i++) labels[i] = i % job.classes();
        for (int s = 0; s < steps; s++) {
            if (s % 2 == 0) {
                model.trainStep(images, labels, batch);
            } else {
                model.applyGradients(model.gradients(images, labels, batch));
            }
        }
        model.setWeights(start);
        return steps;
    }

    /**
     * One worker's warm-up, inside a task of the warm-up stage (one task per task that the repetition runs at once):
     * it warms a model this worker keeps idle ({@link WorkerLocal#warmIdle}), the very model a task takes in the first
     * round under either state mode (local state keeps it for the repetition; Spark state borrows it for each task and
     * hands it back, {@link WorkerLocal#borrow}), when a worker holds no more idle models of the cell's shape than
     * tasks run at once. Returns the steps run; none for emulated compute.
     */
    public static int inTask(ModelJob job, Weights start) {
        if (job.emulated() || job.warmupSteps() == 0) return 0;
        return WorkerLocal.warmIdle(job, start, m -> run(m, job, start));
    }
}
