package dev.factortwo.harness.task;

import dev.factortwo.harness.nn.Architecture;
import dev.factortwo.harness.nn.TfSettings;
import java.io.Serializable;
import java.util.List;

/**
 * The per-task settings of one round of a cell: shipped to every task, so everything here is serializable.
 *
 * @param architecture            the model
 * @param shape                   input image shape
 * @param classes                 output classes
 * @param learningRate            SGD learning rate
 * @param batchSize               samples per step
 * @param seed                    the cell's seed (weights, data order)
 * @param epoch                   0-based epoch of this round (the data order depends on it)
 * @param warmupSteps             steps each worker runs and undoes before a repetition's timed region ({@link WarmUp})
 * @param throttlePercent         planted slowdown: extra wait per step, as a percentage of its compute time
 * @param emulatedNanosPerSample  &gt; 0 replaces the model's compute by this wait per sample (emulated accelerator)
 * @param tf                      TensorFlow session settings, resolved for the cell's tasks (never {@code auto})
 * @param taskFaults              faults that act inside the tasks, at their {@link TaskFaultPoint}; empty for none
 */
public record ModelJob(Architecture architecture, Architecture.InputShape shape, int classes, float learningRate,
                       int batchSize, long seed, int epoch, int warmupSteps, double throttlePercent,
                       long emulatedNanosPerSample, TfSettings tf, List<TaskSideFault> taskFaults) implements Serializable {

    private static final long serialVersionUID = 2L;

    public ModelJob {
        taskFaults = taskFaults == null ? List.of() : List.copyOf(taskFaults);
    }

    public boolean emulated() {
        return emulatedNanosPerSample > 0;
    }

    public ModelJob forEpoch(int e) {
        return new ModelJob(architecture, shape, classes, learningRate, batchSize, seed, e, warmupSteps,
                throttlePercent, emulatedNanosPerSample, tf, taskFaults);
    }

    /** This job with {@code fault} acting inside its tasks as well. */
    public ModelJob withTaskFault(TaskSideFault fault) {
        List<TaskSideFault> more = new java.util.ArrayList<>(taskFaults);
        more.add(fault);
        return new ModelJob(architecture, shape, classes, learningRate, batchSize, seed, epoch, warmupSteps,
                throttlePercent, emulatedNanosPerSample, tf, more);
    }

    /**
     * This job with no fault acting inside its tasks: for work a recovery runs again (a planted failure strikes the
     * round's first stage attempt, and a recomputation is not a second injection).
     */
    public ModelJob withoutTaskFaults() {
        return taskFaults.isEmpty() ? this : new ModelJob(architecture, shape, classes, learningRate, batchSize, seed, epoch, warmupSteps,
                throttlePercent, emulatedNanosPerSample, tf, List.of());
    }

    /** This job with other TensorFlow session settings. */
    public ModelJob withTf(TfSettings settings) {
        return new ModelJob(architecture, shape, classes, learningRate, batchSize, seed, epoch, warmupSteps,
                throttlePercent, emulatedNanosPerSample, settings, taskFaults);
    }
}
