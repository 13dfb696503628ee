package dev.factortwo.reports;

/** The words both formats use for runs-to-trust, so they never disagree. */
public final class RunsToTrustText {

    private RunsToTrustText() {
    }

    public static String explanation() {
        return "A bitwise-reproducible configuration needs one run to confirm its result; one whose results differ needs "
                + "enough runs to tell a change of half an accuracy point from its run-to-run spread (99% confidence, 95% power). "
                + "Spread estimated from the repeats recorded: few repeats give a rough estimate.";
    }

    public static String price(String workload, double price) {
        if (Double.isNaN(price)) return workload + ": no bitwise configuration, so every result needs repeated runs.";
        return String.format("%s: price of reproducibility on time to a trustworthy result %.2fx%s", workload, price,
                price <= 1.0 ? " (the quickest result to trust is a reproducible one)" : "");
    }
}
