package dev.factortwo.model;

/**
 * A point estimate with a two-sided confidence interval. Bounds may be infinite when the data do not
 * bound the estimate (e.g. a ratio whose denominator is not significantly different from zero).
 */
public record Interval(double estimate, double low, double high, double confidence) {

    public boolean bounded() {
        return Double.isFinite(low) && Double.isFinite(high);
    }

    public boolean contains(double x) {
        return x >= low && x <= high;
    }
}
