package dev.factortwo.model;

/**
 * Step latency of a cell, all repetitions merged, in milliseconds.
 *
 * @param histogram  the HdrHistogram (values in microseconds) in its compressed encoding, Base64;
 *                   percentiles can be recomputed from it with {@link HistogramCodec}
 * @param count      steps recorded
 */
public record Latency(String histogram, long count, double p50Ms, double p90Ms, double p99Ms,
                      double p999Ms, double maxMs, double meanMs) {
}
