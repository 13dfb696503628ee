package dev.factortwo.reports.html;

import static dev.factortwo.reports.html.Html.escape;

import dev.factortwo.reports.CellRow;
import dev.factortwo.reports.Verdict;

/** The small coloured labels the page uses: verdict badges and emulated/noisy/fastest tags. */
final class Badges {

    private Badges() {
    }

    static String verdict(Verdict v, String tooltip) {
        return "<span class=\"badge v-" + v.cssName() + "\" title=\"" + escape(tooltip) + "\">" + escape(v.label()) + "</span>";
    }

    static String verdict(CellRow row) {
        return verdict(row.verdict(), row.verdictExplanation());
    }

    static String emulated(CellRow row) {
        String estimate = row.estimate() ? " (estimate)" : "";
        return row.emulated().map(e -> " <span class=\"tag emulated\" title=\"emulated " + escape(e)
                + ": compute time is modelled on a CPU, not measured on real hardware" + (row.estimate() ? "; its profile is an ESTIMATE, not a measurement" : "")
                + "\">emulated " + escape(e) + estimate + "</span>")
                .orElse("");
    }

    static String cached(CellRow row) {
        return row.cached().map(n -> " <span class=\"tag cached\" title=\"" + escape(n) + "\">cache</span>").orElse("");
    }

    static String noisy(CellRow row) {
        return row.noisy() ? " <span class=\"tag noisy\" title=\"" + escape(row.noisyText()) + "\">noisy</span>" : "";
    }

    static String fastest(CellRow row) {
        if (!row.fastest()) return "";
        return row.tiedForFastest()
                ? " <span class=\"tag fastest\" title=\"not significantly slower than the fastest configuration of this workload "
                        + "(one-sided t-test at 5%, paired by pass between cells of one run): a tie\">tied for fastest</span>"
                : " <span class=\"tag fastest\" title=\"fastest configuration of this workload\">fastest</span>";
    }
}
