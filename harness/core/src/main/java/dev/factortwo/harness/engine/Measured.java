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
 * @param trained         the strategy's rounds, for engines whose strategies run rounds; null otherwise (the first pass's
 *                        where the repetition ran several passes back to back)
 * @param cpuSeconds      this process's CPU time over the timed region, every thread (tasks in a local master, Spark,
 *                        garbage collection, JIT); NaN where tasks ran in other JVMs or the platform does not say
 * @param laterPasses     the rounds of the repetition's later passes, in order, where it ran several back to back (so that
 *                        figures taken from rounds, such as the time to the accuracy target, use every pass the wall time
 *                        covers); empty otherwise
 */
public record Measured(long samples, double wallSeconds, double inputSeconds, double computeSeconds, List<EpochIo> io,
                       Weights weights, String fingerprint, Histogram latency, double testAccuracy, Trained trained,
                       double cpuSeconds, List<Trained> laterPasses) {

    public Measured {
        io = List.copyOf(io);
        laterPasses = laterPasses == null ? List.of() : List.copyOf(laterPasses);
    }

    /** One pass. */
    public Measured(long samples, double wallSeconds, double inputSeconds, double computeSeconds, List<EpochIo> io,
                    Weights weights, String fingerprint, Histogram latency, double testAccuracy, Trained trained, double cpuSeconds) {
        this(samples, wallSeconds, inputSeconds, computeSeconds, io, weights, fingerprint, latency, testAccuracy, trained, cpuSeconds,
                List.of());
    }

    /** Every pass's rounds, the first ({@link #trained}) and the later ones; empty where the engine runs no rounds. */
    public List<Trained> passes() {
        if (trained == null) return List.of();
        List<Trained> all = new java.util.ArrayList<>(1 + laterPasses.size());
        all.add(trained);
        all.addAll(laterPasses);
        return all;
    }

    /** This measurement with held-out accuracy {@code accuracy}. */
    public Measured withAccuracy(double accuracy) {
        return new Measured(samples, wallSeconds, inputSeconds, computeSeconds, io, weights, fingerprint, latency, accuracy, trained, cpuSeconds,
                laterPasses);
    }

    /** Bytes read from the store over the whole repetition. */
    public long bytesRead() {
        return io.stream().mapToLong(EpochIo::bytesRead).sum();
    }
}
