package dev.factortwo.reports;

import java.util.Locale;

/** How every report writes numbers, so HTML and Markdown agree digit for digit. Locale-independent. */
public final class NumberFormats {

    private NumberFormats() {
    }

    /** {@code 12,345} or {@code 12.3} below 100, or {@code -} when not a number. */
    public static String rate(double perSecond) {
        if (!Double.isFinite(perSecond)) return "-";
        if (Math.abs(perSecond) < 100) return String.format(Locale.ROOT, "%.1f", perSecond);
        return String.format(Locale.ROOT, "%,.0f", perSecond);
    }

    /** A fraction as a whole percentage: {@code 0.874} gives {@code 87%}. */
    public static String percent(double fraction) {
        if (!Double.isFinite(fraction)) return "-";
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }

    /** An accuracy as a percentage with one decimal: {@code 0.8812} gives {@code 88.1%}. */
    public static String accuracy(double fraction) {
        if (!Double.isFinite(fraction)) return "-";
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /** Milliseconds with three significant digits: {@code 0.512 ms}, {@code 3.41 ms}, {@code 120 ms}. */
    public static String millis(double ms) {
        if (!Double.isFinite(ms)) return "-";
        if (ms < 1) return String.format(Locale.ROOT, "%.3f ms", ms);
        if (ms < 10) return String.format(Locale.ROOT, "%.2f ms", ms);
        if (ms < 100) return String.format(Locale.ROOT, "%.1f ms", ms);
        return String.format(Locale.ROOT, "%,.0f ms", ms);
    }

    /** Seconds with one decimal: {@code 3.1 s}. */
    public static String seconds(double s) {
        if (!Double.isFinite(s)) return "-";
        return String.format(Locale.ROOT, "%.1f s", s);
    }

    /** A duration from seconds: milliseconds below a second ({@code 31.2 ms}, {@code 325 ms}), else {@code 2.50 s}. */
    public static String duration(double seconds) {
        if (!Double.isFinite(seconds)) return "-";
        if (seconds < 1) return millis(seconds * 1000);
        return String.format(Locale.ROOT, "%.2f s", seconds);
    }

    /** A ratio: {@code 1.31x}. */
    public static String ratio(double r) {
        if (!Double.isFinite(r)) return "-";
        return String.format(Locale.ROOT, "%.2fx", r);
    }

    /** A p-value: {@code 0.003}, or {@code <0.001}. */
    public static String pValue(double p) {
        if (!Double.isFinite(p)) return "-";
        if (p < 0.001) return "<0.001";
        return String.format(Locale.ROOT, "%.3f", p);
    }

    /** Bytes in binary units: {@code 7.8 GiB}. */
    public static String bytes(long bytes) {
        if (bytes < 1024) return bytes + " B";
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }
}
