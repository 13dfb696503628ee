package dev.factortwo.reports.gate;

import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.CellSpec;
import dev.factortwo.model.Environment;
import dev.factortwo.model.FaultOutcome;
import dev.factortwo.model.Repetition;
import dev.factortwo.model.Reproducibility;
import dev.factortwo.model.Results;
import dev.factortwo.model.stats.Statistics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Realistic results built in code: the gate's input, without running anything. */
final class Fixtures {

    private Fixtures() {
    }

    static Environment environment(String jdk, String tf) {
        return new Environment(jdk, "Linux 6.8 amd64", "AMD EPYC 7B13", 2, 8L << 30, "none", tf, "4.1.0", "3.4.2",
                2, 1, "default", "0123abc", false, Map.of());
    }

    static CellKey key(String workload, String tier) {
        return new CellKey(workload, "fashion-mnist", tier, "spark", "single", "tensorflow", "cpu");
    }

    static Reproducibility bitwise() {
        return new Reproducibility(Reproducibility.Verdict.BITWISE, 2, 0, 0,
                List.of(new FaultOutcome("lost-cached-blocks", FaultOutcome.Outcome.RECOMPUTED_IDENTICAL, 1.2, 4096,
                        "sha256:aa", "lost cached blocks: recomputed from disk in 1.2 s, identical")),
                true, "two runs matched bit for bit");
    }

    static Reproducibility divergent() {
        return new Reproducibility(Reproducibility.Verdict.DIVERGENT, 2, 0.031, 1e-6,
                List.of(new FaultOutcome("lost-cached-blocks", FaultOutcome.Outcome.RECOMPUTED_DIFFERENT, 1.4, 4096,
                        "sha256:bb", "lost cached blocks: recomputed, weights differ")),
                false, "runs differ: relative L2 0.031");
    }

    static CellResult cell(CellKey key, double[] samplesPerSecond, double accuracy, Reproducibility r) {
        CellSpec spec = new CellSpec(key, 42, 1, 64, 0.05, 1, 6000, 1000, samplesPerSecond.length, 10, 0);
        List<Repetition> reps = new ArrayList<>();
        for (int i = 0; i < samplesPerSecond.length; i++) {
            reps.add(new Repetition(i, 6000, 6000 / samplesPerSecond[i], samplesPerSecond[i], 0.2, 5.0, 4_704_000,
                    "sha256:aa", accuracy));
        }
        return new CellResult(key, spec, CellResult.Status.OK, null, reps,
                Statistics.standard().summarize(samplesPerSecond, 0.95), 0.2, 5.0, 0.9, 4_704_000, "sha256:aa",
                accuracy, null, r, List.of(), List.of(), Map.of());
    }

    static Results results(String suite, Environment env, List<CellResult> cells) {
        return new Results(Results.SCHEMA_V1, suite, "2026-11-28T10:00:00Z", env, Map.of("repetitions", "5"), cells);
    }

    /** n values around mean with coefficient of variation cv. */
    static double[] noisy(SplitMix64 rng, int n, double mean, double cv) {
        return rng.normal(n, mean, cv);
    }
}
