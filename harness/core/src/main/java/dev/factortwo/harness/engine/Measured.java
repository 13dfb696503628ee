package dev.factortwo.harness.engine;

import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.strategy.Trained;
import dev.factortwo.model.EpochIo;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One measured repetition of a cell, as its engine ran it.
 *
 * @param samples         samples processed in the timed region
 * @param wallSeconds     the timed region's wall time on the driver
 * @param inputSeconds    time reading input, per worker
 * @param computeSeconds  time computing, per worker
 * @param io              what was read from the store, per round
 * @param weights         final weights (training) or the model used (inference), for relative L2 comparisons
 * @param fingerprint     {@code sha256:HEX} of the result: exact weights, or every output in input order
 * @param latency         step latencies, or an empty histogram where the engine does not time steps
 * @param testAccuracy    held-out accuracy, computed outside the timed region; NaN where not measured
 * @param trained         the strategy's rounds, for engines whose strategies run rounds; null otherwise
 */
public record Measured(long samples, double wallSeconds, double inputSeconds, double computeSeconds, List<EpochIo> io,
                       Weights weights, String fingerprint, Histogram latency, double testAccuracy, Trained trained) {

    public Measured {
        io = List.copyOf(io);
    }

    /** Bytes read from the store over the whole repetition. */
    public long bytesRead() {
        return io.stream().mapToLong(EpochIo::bytesRead).sum();
    }
}
