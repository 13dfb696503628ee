package dev.factortwo.model.analysis;

import dev.factortwo.model.CellAttribute;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.HistogramCodec;
import dev.factortwo.model.Latency;
import dev.factortwo.model.Repetition;
import dev.factortwo.model.Reproducibility;
import dev.factortwo.model.Reproducibility.Verdict;
import dev.factortwo.model.Results;
import dev.factortwo.model.Summary;
import dev.factortwo.model.UserError;
import dev.factortwo.model.stats.Statistics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * One build's results over the rounds of an interleaved comparison ({@code factortwo compare}), merged into one
 * results file: each round is a separate {@code run} (its own JVM, Spark session and staging), so the round is
 * the unit of replication; its repetitions are not independent of it.
 *
 * <p>Per cell the merged result holds every round's repetitions (re-indexed in round order), their summary, the
 * step latencies of all rounds, and {@code roundSamplesPerSecond} ({@link CellAttribute#ROUND_SAMPLES_PER_SECOND}): each round's mean samples/s in round order, which the
 * gate's paired t pairs with the other build's same round. A cell that failed (or is missing) in any round is a failed
 * cell in the merge, naming the rounds ({@code NaN} in {@code roundSamplesPerSecond} ({@link CellAttribute#ROUND_SAMPLES_PER_SECOND}) there): a comparison over the rounds
 * that happened to succeed is not the one asked for.
 * Attributes recorded per repetition (comma-separated, one entry per repetition) are concatenated across rounds;
 * other attributes are the first round's. The repeat verdict covers every round: a cell whose fingerprints differ
 * between rounds is {@code divergent} (its result depends on the JVM it ran in), whatever each round said.
 * Stateless, thread-safe.
 *
 * <pre>{@code
 * Results merged = Rounds.merge(List.of(ResultsCodec.read(r1), ResultsCodec.read(r2), ResultsCodec.read(r3)));
 * }</pre>
 */
public final class Rounds {

    /** Results config key naming the rounds' results files, comma-separated. */
    public static final String SOURCES = "roundSources";

    private Rounds() {
    }

    /**
     * The rounds merged into one results file, cells in the first round's order (cells first seen in a later
     * round follow). Environment, suite and config are the first round's.
     *
     * @throws UserError                when the rounds are from different suites (results files of another suite)
     * @throws IllegalArgumentException when there are no rounds
     */
    public static Results merge(List<Results> rounds) {
        if (rounds.isEmpty()) throw new IllegalArgumentException("no rounds to merge");
        Results first = rounds.get(0);
        for (Results r : rounds) {
            if (!Objects.equals(r.suite(), first.suite())) {
                throw new UserError("round of suite '" + r.suite() + "' among rounds of suite '" + first.suite() + "'");
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        rounds.forEach(r -> r.cells().forEach(c -> ids.add(c.id())));
        List<CellResult> cells = new ArrayList<>();
        for (String id : ids) {
            List<CellResult> perRound = rounds.stream().map(r -> r.cell(id).orElse(null)).toList();
            cells.add(cell(perRound));
        }
        Map<String, String> config = new LinkedHashMap<>(first.config());
        config.put(CellAttribute.ROUNDS.key(), Integer.toString(rounds.size()));
        return new Results(first.schema(), first.suite(), first.createdAt(), first.environment(), config, cells);
    }

    /** One cell over the rounds: {@code perRound} has one entry per round, null where the round lacks the cell. */
    static CellResult cell(List<CellResult> perRound) {
        List<CellResult> ok = perRound.stream().filter(c -> c != null && c.ok() && c.samplesPerSecond() != null).toList();
        CellResult any = perRound.stream().filter(Objects::nonNull).findFirst().orElseThrow();
        List<String> means = new ArrayList<>();
        List<String> failedIn = new ArrayList<>();
        for (int r = 0; r < perRound.size(); r++) {
            CellResult c = perRound.get(r);
            boolean measured = c != null && c.ok() && c.samplesPerSecond() != null;
            means.add(measured ? String.format(Locale.ROOT, "%.3f", c.samplesPerSecond().mean()) : "NaN");
            if (!measured) failedIn.add(Integer.toString(r + 1));
        }
        if (!failedIn.isEmpty()) {
            // fail closed: the rounds that are left are not the comparison that was asked for, and a cell that crashed
            // in some rounds must never come out faster over the others
            String error = perRound.stream().filter(c -> c != null && !c.ok() && c.error() != null).map(CellResult::error).findFirst()
                    .orElse("missing from the round's results");
            CellResult failed = CellResult.failed(any.key(), any.spec(), (ok.isEmpty() ? "failed in every round" : "failed or missing in round "
                    + String.join(", ", failedIn) + " of " + perRound.size()) + ": " + error);
            Map<String, String> attrs = new LinkedHashMap<>();
            attrs.put(CellAttribute.ROUNDS.key(), Integer.toString(perRound.size()));
            attrs.put(CellAttribute.ROUND_SAMPLES_PER_SECOND.key(), String.join(",", means));
            return new CellResult(failed.key(), failed.spec(), failed.status(), failed.error(), List.of(), null, 0, 0, 0, 0,
                    null, Double.NaN, null, null, List.of(), List.of(), attrs);
        }
        CellResult head = ok.get(0);
        List<Repetition> reps = new ArrayList<>();
        for (CellResult c : ok) {
            for (Repetition x : c.repetitions()) {
                reps.add(new Repetition(reps.size(), x.samples(), x.wallSeconds(), x.samplesPerSecond(), x.inputSeconds(),
                        x.computeSeconds(), x.bytesRead(), x.fingerprint(), x.testAccuracy(), x.cpuSeconds(), x.medianStepMicros()));
            }
        }
        double[] speeds = ok.stream().flatMap(c -> c.samplesPerSecond().values().stream()).mapToDouble(Double::doubleValue).toArray();
        Summary summary = Statistics.standard().summarize(speeds, head.samplesPerSecond().confidence());
        double weight = 0, input = 0, compute = 0, au = 0, bytes = 0, accuracy = 0;
        int accuracies = 0;
        for (CellResult c : ok) {
            int n = Math.max(1, c.samplesPerSecond().values().size());
            weight += n;
            input += n * c.inputSeconds();
            compute += n * c.computeSeconds();
            au += n * c.acceleratorUtilization();
            bytes += n * (double) c.bytesRead();
            if (!Double.isNaN(c.testAccuracy())) {
                accuracy += c.testAccuracy();
                accuracies++;
            }
        }
        List<String> notes = new ArrayList<>(head.notes());
        Map<String, String> attrs = attributes(ok);
        attrs.put(CellAttribute.ROUNDS.key(), Integer.toString(perRound.size()));
        attrs.put(CellAttribute.ROUND_SAMPLES_PER_SECOND.key(), String.join(",", means));
        return new CellResult(head.key(), head.spec(), CellResult.Status.OK, null, reps, summary, input / weight, compute / weight,
                au / weight, Math.round(bytes / weight), head.fingerprint(), accuracies == 0 ? Double.NaN : accuracy / accuracies,
                latency(ok), reproducibility(ok), head.io(), notes, attrs);
    }

    /** Per-repetition attributes concatenated over the rounds; the rest from the first round. */
    private static Map<String, String> attributes(List<CellResult> ok) {
        Map<String, String> out = new LinkedHashMap<>(ok.get(0).attributes());
        for (String key : ok.get(0).attributes().keySet()) {
            List<String> parts = new ArrayList<>();
            boolean perRepetition = true;
            for (CellResult c : ok) {
                String v = c.attributes().get(key);
                int reps = c.repetitions().size();
                if (v == null || reps < 2 || v.split(",", -1).length != reps) {
                    perRepetition = false;
                    break;
                }
                parts.add(v);
            }
            if (perRepetition && ok.size() > 1) out.put(key, String.join(",", parts));
        }
        return out;
    }

    private static Latency latency(List<CellResult> ok) {
        Histogram merged = null;
        for (CellResult c : ok) {
            if (c.latency() == null || c.latency().histogram() == null) return ok.get(0).latency();
            Histogram h = HistogramCodec.decode(c.latency().histogram());
            if (merged == null) merged = h;
            else merged.add(h);
        }
        return merged == null ? null : HistogramCodec.summarize(merged);
    }

    /**
     * The worst round's verdict (runs counted over all rounds; among equal verdicts, a round whose faults broke it first),
     * unless every round was bitwise on its own but their fingerprints differ: then {@code divergent}, which no round
     * alone could see. The words about fingerprints are counted from the rounds' repetitions, never assumed.
     */
    private static Reproducibility reproducibility(List<CellResult> ok) {
        List<Verdict> order = List.of(Verdict.NOT_CHECKED, Verdict.BITWISE, Verdict.TOLERANCE, Verdict.DIVERGENT);
        Reproducibility head = null;
        for (CellResult c : ok) { // the worst round's verdict
            Reproducibility r = c.reproducibility();
            if (r == null) continue;
            int rank = order.indexOf(r.verdict()), headRank = head == null ? -2 : order.indexOf(head.verdict());
            if (head == null || rank > headRank || (rank == headRank && head.derivedReproducible() && !r.derivedReproducible())) head = r;
        }
        if (head == null) return null;
        Set<String> fingerprints = new LinkedHashSet<>();
        int runs = 0;
        for (CellResult c : ok) {
            runs += c.reproducibility() == null ? 0 : c.reproducibility().runs();
            for (Repetition r : c.repetitions()) if (r.fingerprint() != null) fingerprints.add(r.fingerprint());
        }
        boolean allBitwise = ok.stream().allMatch(c -> c.reproducibility() != null && c.reproducibility().verdict() == Verdict.BITWISE);
        if (!allBitwise || fingerprints.size() <= 1) {
            String across = ok.size() < 2 ? ""
                    : String.format(Locale.ROOT, " (%d rounds in separate JVMs, %s)", ok.size(),
                            fingerprints.size() == 1 ? "one fingerprint" : fingerprints.size() + " different fingerprints");
            return Reproducibility.of(head.verdict(), runs, head.maxRelativeL2(), head.tolerance(), head.faults(), head.explanation() + across);
        }
        return Reproducibility.of(Verdict.DIVERGENT, runs, Double.NaN, head.tolerance(), head.faults(),
                fingerprints.size() + " different fingerprints over " + ok.size() + " rounds in separate JVMs, though each round"
                        + " alone was bitwise: the result depends on the run it came from (how far apart is unknown: rounds keep"
                        + " fingerprints, not weights)");
    }
}
