package dev.factortwo.model;

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
 */
public record Repetition(int index, long samples, double wallSeconds, double samplesPerSecond,
                         double inputSeconds, double computeSeconds, long bytesRead,
                         String fingerprint, double testAccuracy) {
}
