package dev.factortwo.model.stats;

/**
 * A prior on the noise of many comparable measurements, estimated from all of them at once (empirical
 * Bayes, Smyth 2004): each sample variance is treated as a draw from a scaled inverse chi-square
 * distribution with {@code degreesOfFreedom} degrees of freedom around {@code variance}.
 *
 * <p>A large {@code degreesOfFreedom} says the groups agree about their noise, so one group's few
 * repetitions can borrow the precision of all the others; {@code 0} says they disagree (or there were
 * too few groups to tell), and moderated tests fall back to the group's own variance.
 *
 * @param variance          the prior (typical) variance {@code s0^2}, in the squared unit of the data
 * @param degreesOfFreedom  prior degrees of freedom {@code d0}, {@code >= 0}; capped at {@code totalDegreesOfFreedom}
 * @param totalDegreesOfFreedom sum of the residual degrees of freedom of all groups that went into the
 *                          estimate: no moderated test may claim more
 * @param groups            number of groups (sample variances) the prior was estimated from
 */
public record VariancePrior(double variance, double degreesOfFreedom, double totalDegreesOfFreedom, int groups) {

    /** No prior: moderated tests reduce to the plain test. */
    public static final VariancePrior NONE = new VariancePrior(0, 0, 0, 0);

    public VariancePrior {
        if (!(degreesOfFreedom >= 0)) throw new IllegalArgumentException("degreesOfFreedom must be >= 0: " + degreesOfFreedom);
        if (!(variance >= 0)) throw new IllegalArgumentException("variance must be >= 0: " + variance);
    }

    /** The variance of a group with sample variance {@code s2} on {@code df} degrees of freedom, shrunk to this prior. */
    public double moderate(double s2, double df) {
        if (degreesOfFreedom == 0) return s2;
        return (degreesOfFreedom * variance + df * s2) / (degreesOfFreedom + df);
    }

    /** Degrees of freedom of a moderated variance: the group's own plus the prior's, at most the total. */
    public double moderatedDegreesOfFreedom(double df) {
        if (degreesOfFreedom == 0) return df;
        return Math.min(degreesOfFreedom + df, Math.max(df, totalDegreesOfFreedom));
    }
}
