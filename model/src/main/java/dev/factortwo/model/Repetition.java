package dev.factortwo.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One measured repetition of a cell.
 *
 * @param index              0-based repetition number
 * @param samples            samples processed in the measured region (warm-up excluded)
 * @param wallSeconds        wall time of the measured region
 * @param samplesPerSecond   {@code samples / wallSeconds}
 * @param inputSeconds       time spent reading and decoding input
 * @param computeSeconds     time the device spent computing (real or emulated)
 * @param bytesRead          bytes read from the storage tier
 * @param fingerprint        {@code sha256:HEX} over final weights (training) or outputs in input order (inference)
 * @param testAccuracy       held-out accuracy (training; measured outside the timed region), NaN for inference
 * @param cpuSeconds         CPU time the measuring process spent in the measured region, all its threads (tasks, Spark,
 *                           garbage collection, JIT), without the time the hypervisor stole; NaN where unknown (work in
 *                           other JVMs, such as a standalone cluster's executors, or files written before it was kept)
 * @param medianStepMicros   median training or inference step of the repetition's tasks, microseconds; NaN where the
 *                           engine does not time steps (MLlib) or in files written before it was kept
 */
public record Repetition(int index, long samples, double wallSeconds, double samplesPerSecond,
                         double inputSeconds, double computeSeconds, long bytesRead,
                         String fingerprint, double testAccuracy, double cpuSeconds, double medianStepMicros) {

    /** A repetition whose CPU time and step times are unknown. */
    public Repetition(int index, long samples, double wallSeconds, double samplesPerSecond, double inputSeconds,
                      double computeSeconds, long bytesRead, String fingerprint, double testAccuracy) {
        this(index, samples, wallSeconds, samplesPerSecond, inputSeconds, computeSeconds, bytesRead, fingerprint, testAccuracy,
                Double.NaN, Double.NaN);
    }

    /** How results.json is read: a v1 file written before {@code cpuSeconds} and {@code medianStepMicros} has them unknown. */
    @JsonCreator
    static Repetition read(@JsonProperty("index") int index, @JsonProperty("samples") long samples,
                           @JsonProperty("wallSeconds") double wallSeconds, @JsonProperty("samplesPerSecond") double samplesPerSecond,
                           @JsonProperty("inputSeconds") double inputSeconds, @JsonProperty("computeSeconds") double computeSeconds,
                           @JsonProperty("bytesRead") long bytesRead, @JsonProperty("fingerprint") String fingerprint,
                           @JsonProperty("testAccuracy") double testAccuracy, @JsonProperty("cpuSeconds") Double cpuSeconds,
                           @JsonProperty("medianStepMicros") Double medianStepMicros) {
        return new Repetition(index, samples, wallSeconds, samplesPerSecond, inputSeconds, computeSeconds, bytesRead, fingerprint,
                testAccuracy, cpuSeconds == null ? Double.NaN : cpuSeconds, medianStepMicros == null ? Double.NaN : medianStepMicros);
    }

    /** Samples per second of this process's CPU time ({@code samples / cpuSeconds}); NaN where the CPU time is unknown. */
    public double samplesPerCpuSecond() {
        return cpuSeconds > 0 ? samples / cpuSeconds : Double.NaN;
    }
}
