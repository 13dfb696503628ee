package dev.factortwo.harness.engine;

import dev.factortwo.harness.fault.FaultKind;
import dev.factortwo.harness.fault.Injection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The work of one cell, opened by its {@link Engine}: repetitions to run and measure, with or without an
 * injected fault, and what only the engine can say about them. The cell runner does the rest (warm-up,
 * repetitions, statistics, verdicts, memory, notes common to every engine). Driver only; not thread-safe.
 */
public interface CellWork extends AutoCloseable {

    /** One unmeasured repetition: class loading, JIT and Spark's own warm-up, paid before measuring. */
    void warmUp();

    /**
     * One repetition, timed; with {@code injection} applied for real unless it is {@link Injection#NONE}.
     * Accuracy is computed, outside the timed region, for fault-free repetitions only.
     */
    Measured run(Injection injection);

    /** Why {@code fault} is not injected into this engine's cells; empty when it is. */
    Optional<String> notInjected(FaultKind fault);

    /** True when the engine times each step (step latency and accelerator utilization are measured). */
    boolean timesSteps();

    /** What the results must say about how these repetitions were measured, in plain words. */
    List<String> notes(List<Measured> runs);

    /** The engine's own attributes of the cell (model, optimizer, settings, warm-up, state reset, training figures). */
    Map<String, String> attributes(List<Measured> runs);

    @Override
    void close();
}
