package dev.factortwo.harness.task;

import dev.factortwo.harness.nn.TfModel;

/**
 * How one training step changes a task's model: a plain local SGD step, or gradients exchanged with other
 * workers (all-reduce, a parameter server). One instance per task: an implementation may keep counters.
 */
@FunctionalInterface
public interface StepRule {

    /** A local SGD step ({@link TfModel#trainStep}); no communication. */
    StepRule LOCAL = (model, images, labels, n) -> {
        model.trainStep(images, labels, n);
        return 0L;
    };

    /**
     * Runs one step on a decoded batch of {@code n} samples.
     *
     * @return nanoseconds of the step spent communicating (excluded from the task's compute time)
     */
    long step(TfModel model, float[] images, int[] labels, int n);
}
