package dev.factortwo.harness.cell;

import dev.factortwo.model.CellAttribute;
import dev.factortwo.harness.device.GpuSampler;
import dev.factortwo.harness.engine.CellSetup;
import dev.factortwo.harness.engine.CellWork;
import dev.factortwo.harness.engine.Measured;
import dev.factortwo.harness.measure.MachineLoad;
import dev.factortwo.harness.measure.PeakMemory;
import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.tier.StorageTier;
import dev.factortwo.harness.workload.Workload;
import dev.factortwo.harness.workload.Workloads;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.CellSpec;
import dev.factortwo.model.EpochIo;
import dev.factortwo.model.FaultOutcome;
import dev.factortwo.model.HistogramCodec;
import dev.factortwo.model.Repetition;
import dev.factortwo.model.Reproducibility;
import dev.factortwo.model.Reproducibility.Verdict;
import dev.factortwo.model.Summary;
import dev.factortwo.model.stats.Statistics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * Turns a cell's measured repetitions into its result: one repetition from the passes it ran back to back, the
 * statistics, notes and attributes, the repeat verdict (bitwise, within tolerance or divergent), then the outcomes of
 * the faults injected after measuring. {@link CellRunner} measures; this class only counts. Stateless.
 */
final class CellAssembly {

    private CellAssembly() {
    }

    /**
     * What one cell measured.
     *
     * @param passesPerRepetition passes each repetition ran back to back (at least 1)
     * @param runs                one combined measurement per repetition, in order
     * @param bytes               bytes read per repetition
     * @param positions           each repetition's place in the suite's interleaved order (-1 outside a suite)
     * @param load                the machine's load over each repetition
     * @param data                  digests of the data the cell trained and was evaluated on, as attributes
     */
    record Measurements(CellKey key, CellSpec spec, CellSetup setup, CellWork work, int shardCount, int passesPerRepetition,
                        List<Measured> runs, List<Long> bytes, List<Integer> positions, List<MachineLoad.Reading> load,
                        Map<String, String> data) {
    }

    /**
     * Why a cell run with {@code --checkpoint-every} wrote no checkpoints (its strategy keeps no worker state Spark cannot
     * rebuild), as the note and {@code checkpoints} attribute it carries; empty for a cell that checkpoints or was not asked to.
     */
    static java.util.Optional<String> checkpointsNotApplicable(CellKey key, dev.factortwo.harness.strategy.Strategy strategy) {
        if (!key.checkpointed()) return java.util.Optional.empty();
        return strategy.notCheckpointed().map(why -> "--checkpoint-every " + key.checkpointEvery() + ": not applicable: " + why);
    }

    /** Injects a cell's faults after its measured repetitions, given what one pass cost and the repeat verdict. */
    @FunctionalInterface
    interface Faults {
        List<FaultOutcome> inject(List<Repetition> perPass, Reproducibility repeat);
    }

    /**
     * One repetition made of {@code parts} passes run back to back: samples, times and step latencies summed; the
     * fingerprint and weights of the first pass that differs from the first (so a divergence inside a repetition
     * still shows), else of the first; accuracy averaged.
     */
    static Measured combine(List<Measured> parts) {
        Measured first = parts.get(0);
        if (parts.size() == 1) return first;
        Measured odd = parts.stream().filter(p -> !p.fingerprint().equals(first.fingerprint())).findFirst().orElse(first);
        Histogram h = HistogramCodec.newHistogram();
        long samples = 0;
        double wall = 0, input = 0, compute = 0, accuracy = 0, cpu = 0;
        for (Measured p : parts) {
            cpu += p.cpuSeconds();
            samples += p.samples();
            wall += p.wallSeconds();
            input += p.inputSeconds();
            compute += p.computeSeconds();
            accuracy += p.testAccuracy();
            h.add(p.latency());
        }
        List<dev.factortwo.harness.strategy.Trained> later = parts.subList(1, parts.size()).stream()
                .flatMap(p -> p.passes().stream()).map(dev.factortwo.harness.strategy.Trained::timingsOnly).toList();
        return new Measured(samples, wall, input, compute, first.io(), odd.weights(), odd.fingerprint(), h,
                accuracy / parts.size(), first.trained(), cpu, first.trained() == null ? List.of() : later);
    }

    /** The result: statistics and attributes of the measured repetitions, the repeat verdict, then {@code faults}'s outcomes. */
    static CellResult result(Measurements c, MeasurementPolicy policy, PeakMemory.Reading peak, GpuSampler.Summary gpuUse, Faults faults) {
        CellKey key = c.key();
        CellSpec spec = c.spec();
        CellSetup setup = c.setup();
        CellWork work = c.work();
        List<Measured> runs = c.runs();
        int shardCount = c.shardCount();
        int passes = c.passesPerRepetition();
        List<Repetition> reps = new ArrayList<>();
        List<Repetition> perPass = new ArrayList<>(); // what one pass costs, for comparing with one faulted pass
        Histogram latency = HistogramCodec.newHistogram();
        for (int r = 0; r < runs.size(); r++) {
            Measured m = runs.get(r);
            long b = c.bytes().get(r);
            latency.add(m.latency());
            reps.add(new Repetition(r, m.samples(), m.wallSeconds(), m.samples() / m.wallSeconds(), m.inputSeconds(),
                    m.computeSeconds(), b, m.fingerprint(), m.testAccuracy(), m.cpuSeconds(), medianMicros(m.latency())));
            perPass.add(new Repetition(r, m.samples() / passes, m.wallSeconds() / passes, m.samples() / m.wallSeconds(),
                    m.inputSeconds() / passes, m.computeSeconds() / passes, b / passes, m.fingerprint(), m.testAccuracy(),
                    m.cpuSeconds() / passes, medianMicros(m.latency())));
        }
        List<EpochIo> firstIo = runs.get(0).io();
        Summary sps = Statistics.standard().summarize(reps.stream().mapToDouble(Repetition::samplesPerSecond).toArray(), 0.95);
        double wall = reps.stream().mapToDouble(Repetition::wallSeconds).average().orElse(0);
        double input = reps.stream().mapToDouble(Repetition::inputSeconds).average().orElse(0);
        double compute = reps.stream().mapToDouble(Repetition::computeSeconds).average().orElse(0);
        // computeSeconds is already per worker (summed over tasks / the most tasks that ran at once)
        double au = work.timesSteps() ? reps.stream().mapToDouble(x -> x.computeSeconds() / x.wallSeconds()).average().orElse(0) : Double.NaN;
        long bytes = (long) reps.stream().mapToLong(Repetition::bytesRead).average().orElse(0);
        double acc = reps.stream().mapToDouble(Repetition::testAccuracy).average().orElse(Double.NaN);

        List<String> notes = new ArrayList<>();
        cacheNote(setup.tier(), firstIo).ifPresent(notes::add);
        notes.addAll(work.notes(runs));
        if (sps.noisy()) notes.add(String.format("throughput varies by %.0f%% between repetitions (coefficient of variation)", sps.cv() * 100));

        Map<String, String> attrs = new LinkedHashMap<>();
        attrs.put("architecture", setup.workload().architecture().name());
        attrs.put("partitions", String.valueOf(spec.partitions()));
        attrs.put("shards", String.valueOf(shardCount));
        attrs.put("trainSamples", String.valueOf(setup.trainSamples()));
        attrs.putAll(c.data());
        attrs.put("tier", setup.tier().describe());
        attrs.put("meanWallSeconds", String.format("%.4f", wall));
        attrs.put("peakHeapBytes", String.valueOf(peak.peakHeapBytes()));
        attrs.put("peakRssBytes", String.valueOf(peak.peakRssBytes()));
        attrs.put("peakMemory", peak.describe());
        if (gpuUse != null) {
            attrs.put("gpuSamples", String.valueOf(gpuUse.samples()));
            attrs.put("gpuMeanUtilizationPercent", String.format("%.1f", gpuUse.meanUtilizationPercent()));
            attrs.put("gpuMaxMemoryUsedMiB", String.valueOf(gpuUse.maxMemoryUsedMiB()));
            attrs.put("gpuDevice", gpuUse.device());
        }
        attrs.putAll(work.attributes(runs));
        checkpointsNotApplicable(key, setup.strategy()).ifPresent(why -> {
            notes.add(why);
            attrs.put("checkpoints", why);
        });
        List<Double> throughput = reps.stream().map(Repetition::samplesPerSecond).toList();
        attrs.put("passesPerRepetition", String.valueOf(passes));
        attrs.put("minRepetitionSeconds", String.valueOf(policy.minRepetitionSeconds()));
        attrs.put("repetitionsStop", policy.stopReason(spec.repetitions(), throughput, reps.stream().map(Repetition::wallSeconds).toList()));
        if (c.positions().stream().anyMatch(p -> p >= 0)) {
            attrs.put("repetitionOrder", "positions " + c.positions().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","))
                    + " of the suite's interleaved order (seed " + policy.orderSeed() + ")");
        }
        attrs.putAll(TimeBreakdown.attributes(runs, passes));
        decodeNanosPerSample(runs).ifPresent(v -> attrs.put(CellAttribute.DECODE_NANOS_PER_SAMPLE.key(), v));
        attrs.put(CellAttribute.LOAD_AVERAGE.key(), joined(c.load(), MachineLoad.Reading::loadAverage));
        attrs.put(CellAttribute.OTHER_BUSY_CORES.key(), joined(c.load(), MachineLoad.Reading::otherBusyCores));
        attrs.put(CellAttribute.STEAL_CORES.key(), joined(c.load(), MachineLoad.Reading::stealCores));
        if (passes > 1) {
            notes.add(String.format("each repetition ran the cell's %s %d times back to back to last at least %.1f s",
                    setup.workload().training() ? "training" : "inference pass", passes, policy.minRepetitionSeconds()));
        }

        Reproducibility repeat = setup.accelerator().emulated() ? emulatedVerdict(reps.size())
                : repeatVerdict(setup.workload(), reps, runs.stream().map(Measured::weights).toList(), CellRunner.DEFAULT_TOLERANCE);
        List<FaultOutcome> outcomes = faults.inject(perPass, repeat);
        Reproducibility repro = FaultInjection.combine(repeat, outcomes);
        return new CellResult(key, spec, CellResult.Status.OK, null, reps, sps, input, compute, au, bytes,
                reps.get(0).fingerprint(), acc, HistogramCodec.summarize(latency), repro, firstIo, notes, attrs);
    }

    /** The median of a repetition's step latencies in microseconds; NaN where no step was timed. */
    static double medianMicros(Histogram h) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(50);
    }

    /**
     * Per repetition, the nanoseconds the tasks spent obtaining their partitions' samples (reading and decoding, as the
     * state modes count them per round) per sample trained or inferred, comma-separated; empty for an engine that runs
     * no rounds.
     */
    static Optional<String> decodeNanosPerSample(List<Measured> runs) {
        if (runs.isEmpty() || runs.stream().anyMatch(m -> m.passes().isEmpty() || m.samples() == 0)) return Optional.empty();
        return Optional.of(runs.stream().map(m -> String.format(java.util.Locale.ROOT, "%.1f",
                        m.passes().stream().flatMap(t -> t.rounds().stream()).mapToLong(r -> r.io().nanos()).sum() / (double) m.samples()))
                .collect(java.util.stream.Collectors.joining(",")));
    }

    /** One figure per repetition, comma-separated, 2 decimals ({@code NaN} where unknown). */
    static String joined(List<MachineLoad.Reading> load, java.util.function.ToDoubleFunction<MachineLoad.Reading> f) {
        return load.stream().map(r -> String.format(java.util.Locale.ROOT, "%.2f", f.applyAsDouble(r)))
                .collect(java.util.stream.Collectors.joining(","));
    }

    static Optional<String> cacheNote(StorageTier tier, List<EpochIo> io) {
        if (!tier.remoteStore() || io.size() < 2 || io.get(0).bytesRead() == 0) return Optional.empty();
        long first = io.get(0).bytesRead();
        long later = io.stream().skip(1).mapToLong(EpochIo::bytesRead).max().orElse(0);
        if (later < first / 100) {
            return Optional.of(String.format("served by a cache: epochs after the first read %d bytes from %s"
                    + " (first epoch: %d); later epochs measure memory, not the store", later, tier.name(), first));
        }
        return Optional.empty();
    }

    /** No verdict for emulated compute: no model ran, so equal fingerprints would prove nothing. */
    static Reproducibility emulatedVerdict(int runs) {
        return Reproducibility.of(Verdict.NOT_CHECKED, runs, 0, CellRunner.DEFAULT_TOLERANCE, List.of(),
                "not checked (emulated compute): no model ran, so there is no result to compare");
    }

    /** The repeat verdict of repetitions alone (bitwise or not), for results assembled from separate runs. */
    static Reproducibility repeatVerdictOf(List<Repetition> reps) {
        return repeatVerdict(Workloads.TRAIN_MLP, reps, List.of(), CellRunner.DEFAULT_TOLERANCE);
    }

    /** The repeat verdict: bitwise when every repetition's fingerprint is equal, else tolerance or divergent. */
    static Reproducibility repeatVerdict(Workload w, List<Repetition> reps, List<Weights> weights, double tolerance) {
        if (reps.size() < 2) {
            return Reproducibility.of(Verdict.NOT_CHECKED, reps.size(), 0, tolerance, List.of(),
                    "one run: repeat with --repetitions 2 or more to check");
        }
        String first = reps.get(0).fingerprint();
        boolean same = reps.stream().allMatch(r -> r.fingerprint().equals(first));
        if (same) {
            return Reproducibility.of(Verdict.BITWISE, reps.size(), 0, tolerance, List.of(),
                    reps.size() + " runs with one seed gave bit-identical " + (w.training() ? "weights" : "outputs"));
        }
        if (w.training()) {
            double max = 0;
            for (int i = 1; i < weights.size(); i++) max = Math.max(max, weights.get(i).relativeL2(weights.get(0)));
            Verdict verdict = max <= tolerance ? Verdict.TOLERANCE : Verdict.DIVERGENT;
            return Reproducibility.of(verdict, reps.size(), max, tolerance, List.of(),
                    String.format("%d runs gave different weights: largest relative L2 difference %.3g (tolerance %.0e)", reps.size(), max, tolerance));
        }
        return Reproducibility.of(Verdict.DIVERGENT, reps.size(), Double.NaN, tolerance, List.of(),
                reps.size() + " runs gave different outputs");
    }
}
