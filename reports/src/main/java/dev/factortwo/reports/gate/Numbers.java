package dev.factortwo.reports.gate;

/**
 * The numbers behind one check. Fields that do not apply are NaN (doubles) or 0 (counts).
 *
 * @param baseline        baseline value: mean samples/s, mean JMH score, or accuracy
 * @param candidate       candidate value, same unit
 * @param ratio           speed ratio candidate/baseline (above 1 = faster; for lower-is-better JMH modes
 *                        baseline time / candidate time), or accuracy difference candidate - baseline
 * @param ratioLow        lower bound of the Fieller interval on the speed ratio at the gate's confidence
 * @param ratioHigh       upper bound of that interval (may be infinite when the data do not bound it)
 * @param pValue          raw one-sided p-value for "candidate slower"
 * @param adjustedPValue  p-value after the multiple-comparison correction across all speed checks
 * @param baselineN       samples on the baseline side (repetitions, JMH forks)
 * @param candidateN      samples on the candidate side
 * @param unit            unit of {@code baseline} and {@code candidate}, e.g. {@code samples/s}, {@code ops/s}
 */
public record Numbers(double baseline, double candidate, double ratio, double ratioLow, double ratioHigh,
                      double pValue, double adjustedPValue, int baselineN, int candidateN, String unit) {

    /** No numbers. */
    public static final Numbers NONE = new Numbers(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            Double.NaN, Double.NaN, 0, 0, "");

    /** Just a baseline and a candidate value. */
    public static Numbers of(double baseline, double candidate, String unit) {
        return new Numbers(baseline, candidate, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, unit);
    }

    /** These numbers with the adjusted p-value set. */
    Numbers withAdjustedPValue(double p) {
        return new Numbers(baseline, candidate, ratio, ratioLow, ratioHigh, pValue, p, baselineN, candidateN, unit);
    }
}
