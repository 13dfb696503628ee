package dev.factortwo.harness.cell;

import dev.factortwo.model.CellResult;
import dev.factortwo.model.CellSpec;

/**
 * One cell opened for measuring: an unmeasured warm-up, then measured repetitions one at a time (in a suite,
 * interleaved with the other cells' repetitions), then its result with faults injected. Driver only; not
 * thread-safe. {@link #close()} releases the cell's work whether or not it finished.
 */
public interface CellMeasurement extends AutoCloseable {

    CellSpec spec();

    /** The unmeasured warm-up repetition, where the cell asks for one. */
    void warmUp();

    /** Measures one more repetition; {@code position} is its place in the suite's order (recorded in the cell). */
    void measureOne(int position);

    /** Measured repetitions so far. */
    int measured();

    /** True when this cell has enough repetitions under its {@link MeasurementPolicy}. */
    boolean enough();

    /** The result: statistics, verdicts, faults injected after the measured repetitions. */
    CellResult finish();

    @Override
    void close();
}
