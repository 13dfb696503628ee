package dev.factortwo.benchmarks;

import dev.factortwo.harness.task.TaskOutcome;
import dev.factortwo.harness.strategy.Round;
import dev.factortwo.harness.strategy.Trained;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The harness-overhead ratios of {@link TrainingOverheadBenchmark}, measured as pairs instead of in separate
 * JMH forks: each repetition runs one bare epoch, one {@code PartitionWork} epoch, one Spark round and one
 * empty Spark job back to back, in an order shuffled per repetition (fixed seed), so that load from other
 * processes on a shared machine hits all of them alike; prints the median of the per-repetition ratios and,
 * for the Spark round, how much of its wall time the task itself spent in its timed steps.
 *
 * <p>{@code java -cp ... dev.factortwo.benchmarks.PairedOverhead [workload] [samples] [repetitions]}
 */
public final class PairedOverhead {

    private PairedOverhead() {
    }

    public static void main(String[] args) throws Exception {
        String workload = args.length > 0 ? args[0] : "train-mlp";
        int samples = args.length > 1 ? Integer.parseInt(args[1]) : 3000;
        int reps = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        TrainingOverheadBenchmark b = new TrainingOverheadBenchmark();
        TrainingOverheadBenchmark.Partition p = new TrainingOverheadBenchmark.Partition();
        p.workload = workload;
        p.samples = samples;
        p.setUp();
        TrainingOverheadBenchmark.Bare bare = new TrainingOverheadBenchmark.Bare();
        bare.setUp(p);
        TrainingOverheadBenchmark.Harness harness = new TrainingOverheadBenchmark.Harness();
        harness.setUp(p);
        TrainingOverheadBenchmark.Cell cell = new TrainingOverheadBenchmark.Cell();
        cell.setUp(p);
        try {
            for (int i = 0; i < 5; i++) {
                b.bareTrainSteps(bare);
                b.partitionWork(p, harness);
                b.cellEpochLocalState(p, cell);
            }
            double[] work = new double[reps], round = new double[reps], inTask = new double[reps];
            double[] tBare = new double[reps], tWork = new double[reps], tRound = new double[reps], tEmpty = new double[reps];
            java.util.Random order = new java.util.Random(42);
            List<Integer> variants = new ArrayList<>(List.of(0, 1, 2, 3));
            for (int i = 0; i < reps; i++) {
                Collections.shuffle(variants, order);
                for (int v : variants) {
                    long t0 = System.nanoTime();
                    switch (v) {
                        case 0 -> b.bareTrainSteps(bare);
                        case 1 -> b.partitionWork(p, harness);
                        case 2 -> {
                            Trained t = b.cellEpochLocalState(p, cell);
                            long taskCompute = 0;
                            for (Round r : t.rounds()) for (TaskOutcome x : r.outcomes()) taskCompute += x.computeNanos();
                            inTask[i] = taskCompute / 1e6;
                        }
                        default -> b.breakdownEmptySparkJob(cell);
                    }
                    double ms = (System.nanoTime() - t0) / 1e6;
                    switch (v) {
                        case 0 -> tBare[i] = ms;
                        case 1 -> tWork[i] = ms;
                        case 2 -> tRound[i] = ms;
                        default -> tEmpty[i] = ms;
                    }
                }
                work[i] = tBare[i] / tWork[i];
                round[i] = tBare[i] / tRound[i];
                inTask[i] = inTask[i] / tRound[i];
            }
            System.out.printf(Locale.ROOT, "%s, %d samples, %d pairs: median ms bare %.2f, PartitionWork %.2f, Spark round %.2f, empty Spark job %.2f%n",
                    workload, samples, reps, median(tBare), median(tWork), median(tRound), median(tEmpty));
            System.out.printf(Locale.ROOT, "throughput ratio PartitionWork/bare: median %.3f (quartiles %.3f-%.3f)%n",
                    median(work), quantile(work, 0.25), quantile(work, 0.75));
            System.out.printf(Locale.ROOT, "throughput ratio Spark round/bare:   median %.3f (quartiles %.3f-%.3f)%n",
                    median(round), quantile(round, 0.25), quantile(round, 0.75));
            System.out.printf(Locale.ROOT, "share of the Spark round spent in the task's timed steps: median %.3f%n", median(inTask));
        } finally {
            cell.tearDown();
            harness.tearDown();
            bare.tearDown();
            p.tearDown();
        }
    }

    static double median(double[] v) {
        return quantile(v, 0.5);
    }

    static double quantile(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        double pos = q * (s.length - 1);
        int lo = (int) Math.floor(pos), hi = (int) Math.ceil(pos);
        return s[lo] + (s[hi] - s[lo]) * (pos - lo);
    }
}
