package dev.factortwo.reports.html;

import static dev.factortwo.reports.html.Html.escape;

import dev.factortwo.model.CellResult;
import dev.factortwo.model.analysis.PriceOfReproducibility;
import dev.factortwo.model.Interval;
import dev.factortwo.reports.CellLabel;
import dev.factortwo.reports.NumberFormats;
import dev.factortwo.reports.RunSummary;
import dev.factortwo.reports.Verdict;
import java.util.Locale;

/** What ran, where, and the answer to "is reproducibility worth it here?" with one card per workload. */
final class HeadlineSection implements Component {

    /** The gauge under each price spans 1x to this. */
    private static final double GAUGE_MAX = 3.0;

    private static final String TIE_TAG = " <span class=\"tag fastest\" title=\"not significantly slower than the fastest "
            + "configuration on the measure priced (one-sided t-test at 5%, paired by pass between cells of one run): a tie\">ties for fastest</span>";

    private final RunSummary run;
    private final boolean severalRuns;

    HeadlineSection(RunSummary run, boolean severalRuns) {
        this.run = run;
        this.severalRuns = severalRuns;
    }

    @Override
    public String html() {
        StringBuilder b = new StringBuilder();
        b.append("<section class=\"headline\" id=\"headline-").append(run.index()).append("\">\n");
        if (severalRuns) b.append("<h2>Run ").append(run.index() + 1).append(": ").append(escape(run.name())).append("</h2>\n");
        b.append("<p class=\"answer\"><strong>Is reproducibility worth it here?</strong> ").append(escape(run.answer())).append("</p>\n");
        b.append("<div class=\"cards\">\n");
        for (PriceOfReproducibility p : run.prices()) card(b, p);
        b.append("</div>\n");
        b.append("<dl class=\"facts\"><dt>What ran</dt><dd>").append(escape(run.what())).append("</dd>")
                .append("<dt>Where</dt><dd>").append(escape(run.where())).append("</dd></dl>\n");
        b.append("</section>\n");
        return b.toString();
    }

    private static void card(StringBuilder b, PriceOfReproducibility p) {
        b.append("<div class=\"card ").append(tone(p)).append("\">\n");
        b.append("<div class=\"card-title\">").append(escape(p.workload())).append("</div>\n");
        b.append("<div class=\"card-label\">price of reproducibility, ").append(escape(p.measure().label())).append("</div>\n");
        if (p.known()) {
            Interval i = p.price();
            b.append("<div class=\"price\">").append(NumberFormats.ratio(i.estimate())).append("</div>\n");
            if (i.low() != i.high()) {
                b.append("<div class=\"ci\">95% CI ").append(i.bounded()
                        ? "[" + NumberFormats.ratio(i.low()) + ", " + NumberFormats.ratio(i.high()) + "]" : "unbounded").append("</div>\n");
            } else {
                b.append("<div class=\"ci\">&nbsp;</div>\n");
            }
            gauge(b, i);
        } else {
            b.append("<div class=\"price\">?</div><div class=\"ci\">&nbsp;</div>\n");
        }
        b.append("<p class=\"sentence\">").append(escape(capitalize(p.sentence()))).append(".</p>\n");
        b.append("<dl class=\"who\">");
        b.append("<dt>Fastest</dt><dd>").append(describe(p.fastest())).append("</dd>");
        b.append("<dt>Fastest recomputable</dt><dd>").append(p.fastestReproducible() == null ? "none"
                : describe(p.fastestReproducible())).append(p.tied() ? TIE_TAG : "").append("</dd>");
        b.append("</dl>\n</div>\n");
    }

    private static void gauge(StringBuilder b, Interval i) {
        b.append("<div class=\"gauge\" title=\"1x = free; the dark line marks Bottou's factor of two\">");
        if (i.bounded() && i.low() != i.high()) {
            double lo = position(i.low()), hi = position(i.high());
            b.append(String.format(Locale.ROOT, "<span class=\"band\" style=\"left:%.1f%%;width:%.1f%%\"></span>", lo, Math.max(0.5, hi - lo)));
        }
        b.append(String.format(Locale.ROOT, "<span class=\"two\" style=\"left:%.1f%%\"></span>", position(2.0)));
        b.append(String.format(Locale.ROOT, "<span class=\"mark\" style=\"left:%.1f%%\"></span>", position(i.estimate())));
        b.append("</div><div class=\"gauge-axis\"><span>1x</span><span>2x</span><span>3x+</span></div>\n");
    }

    private static double position(double price) {
        return Math.max(0, Math.min(100, (price - 1) / (GAUGE_MAX - 1) * 100));
    }

    private static String describe(CellResult c) {
        if (c == null) return "none";
        return escape(CellLabel.withinWorkload(c.key())) + "<br><span class=\"rate\">" + NumberFormats.rate(c.samplesPerSecond().mean())
                + " samples/s</span> " + Badges.verdict(Verdict.of(c), String.join("\n", Verdict.explain(c)));
    }

    private static String tone(PriceOfReproducibility p) {
        if (!p.known()) return "tone-unknown";
        Interval i = p.price();
        if (!i.bounded()) return "tone-about";
        if (i.high() < PriceOfReproducibility.BOTTOU_FACTOR) return "tone-under";
        if (i.low() > PriceOfReproducibility.BOTTOU_FACTOR) return "tone-over";
        return "tone-about";
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
