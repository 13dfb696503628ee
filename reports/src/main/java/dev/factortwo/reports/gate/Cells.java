package dev.factortwo.reports.gate;

import java.util.Locale;

/** Formatting of the numbers of a {@link CheckResult}, shared by every {@link GateFormat}. */
final class Cells {

    private Cells() {
    }

    static String value(double v) {
        if (Double.isNaN(v)) return "-";
        if (Math.abs(v) >= 100) return String.format(Locale.ROOT, "%.1f", v);
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** {@code 0.812 [0.790, 0.834]}, or {@code -}. */
    static String ratio(Numbers n, Check check) {
        if (check == Check.ACCURACY) return Double.isNaN(n.ratio()) ? "-" : String.format(Locale.ROOT, "%+.4f", n.ratio());
        if (Double.isNaN(n.ratio())) return "-";
        return String.format(Locale.ROOT, "%.3f [%s, %s]", n.ratio(), bound(n.ratioLow()), bound(n.ratioHigh()));
    }

    static String p(Numbers n) {
        if (Double.isNaN(n.adjustedPValue())) return "-";
        return SlowdownTest.num(n.adjustedPValue());
    }

    private static String bound(double v) {
        if (Double.isNaN(v)) return "-";
        if (Double.isInfinite(v)) return v > 0 ? "inf" : "-inf";
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
