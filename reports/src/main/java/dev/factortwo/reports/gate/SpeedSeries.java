package dev.factortwo.reports.gate;

import java.util.Objects;

/**
 * The per-repetition samples of one subject on both sides, ready for the speed test.
 *
 * @param subject         cell id or JMH benchmark key
 * @param baseline        baseline samples (samples/s per repetition, or per-fork JMH means)
 * @param candidate       candidate samples, same unit
 * @param higherIsBetter  true for throughput (samples/s, ops/s), false for times (ms/op)
 * @param unit            unit of the samples
 * @param note            extra words for the message (e.g. "1 fork: iterations used"), or empty
 * @param paired          true when {@code baseline[i]} and {@code candidate[i]} were measured side by side (the same
 *                        round of {@code compare}), so that the paired t may pair them
 */
record SpeedSeries(String subject, double[] baseline, double[] candidate, boolean higherIsBetter, String unit, String note,
                   boolean paired) {

    SpeedSeries(String subject, double[] baseline, double[] candidate, boolean higherIsBetter, String unit, String note) {
        this(subject, baseline, candidate, higherIsBetter, unit, note, false);
    }

    SpeedSeries {
        Objects.requireNonNull(subject, "subject");
        baseline = baseline.clone();
        candidate = candidate.clone();
        note = note == null ? "" : note;
    }

    /** Log speed: {@code ln v} when higher is better, {@code -ln v} otherwise; NaN array when any value is not positive. */
    double[] logSpeed(double[] values) {
        double[] y = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            if (!(values[i] > 0) || Double.isInfinite(values[i])) return null;
            y[i] = higherIsBetter ? Math.log(values[i]) : -Math.log(values[i]);
        }
        return y;
    }
}
