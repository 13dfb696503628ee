package dev.factortwo.model;

import java.util.List;
import java.util.Map;

/**
 * What {@code factortwo knobs} measured, the contents of {@code knobs.json} (schema {@value #SCHEMA_V1}; field names are
 * a public contract, read with {@code KnobsCodec}): the speed a determinism knob costs and whether the bits change
 * with it, and whether training is invariant to the partition count. Immutable.
 *
 * <pre>{@code
 * Knobs k = KnobsCodec.read(Path.of("runs/knobs/knobs.json"));
 * if (k.knobs().threadsAB().bitsDiffer()) System.out.println("the thread count changes the result");
 * }</pre>
 *
 * @param schema {@value #SCHEMA_V1}
 * @param knobs  what was measured
 */
public record Knobs(String schema, Measured knobs) {

    /** The first version of {@code knobs.json}. */
    public static final String SCHEMA_V1 = "factortwo/knobs/v1";

    /** The measurements, keyed by knob. */
    public record Measured(ThreadsAb threadsAB, ScaleInvariance scaleInvariance) {
    }

    /**
     * TensorFlow's intra-op threads, one against N, run as pairs one after the other.
     *
     * @param knob                       what was varied, e.g. {@code tfIntraOpThreads 1 vs 2}
     * @param samplesPerSecondOneThread  mean samples per second of each pair's one-thread cell
     * @param samplesPerSecondNThreads   the same for N threads, in the same pair order
     * @param speedRatioNOverOne         mean of the second over mean of the first
     * @param pairedTTestP               two-sided paired t-test p-value over the pairs; NaN with fewer than 2 pairs
     * @param fingerprintOneThread       the one-thread result's fingerprint
     * @param fingerprintNThreads        the N-thread result's fingerprint
     * @param bitsDiffer                 true when the two fingerprints differ
     * @param gpuDeterministicOps        what was (not) measured of GPU determinism, in words
     */
    public record ThreadsAb(String knob, List<Double> samplesPerSecondOneThread, List<Double> samplesPerSecondNThreads,
                            double speedRatioNOverOne, double pairedTTestP, String fingerprintOneThread,
                            String fingerprintNThreads, boolean bitsDiffer, String gpuDeterministicOps) {
        public ThreadsAb {
            samplesPerSecondOneThread = List.copyOf(samplesPerSecondOneThread);
            samplesPerSecondNThreads = List.copyOf(samplesPerSecondNThreads);
        }
    }

    /**
     * The same training at several partition counts.
     *
     * @param fingerprintsByPartitions  the result's fingerprint per partition count (the count as a decimal string)
     * @param invariant                 true when every count gave the same fingerprint
     * @param why                       the reason, in words
     */
    public record ScaleInvariance(Map<String, String> fingerprintsByPartitions, boolean invariant, String why) {
        public ScaleInvariance {
            fingerprintsByPartitions = Map.copyOf(fingerprintsByPartitions);
        }
    }
}
