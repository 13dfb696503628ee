package dev.factortwo.harness.strategy;

import dev.factortwo.harness.state.StateMode;
import dev.factortwo.datasets.Sha256;
import dev.factortwo.harness.measure.MachineLoad;
import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.state.FrameInference;
import dev.factortwo.harness.task.TaskOutcome;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Batch inference and feature extraction: {@code embedded} (data in an RDD, model in {@code mapPartitions},
 * loaded once per executor; Spark state) or {@code scheduler} (Spark only schedules, each task reads its part
 * from storage itself; local state). The output digest covers every pass's outputs, pass by pass, each in partition order (one pass gives the
 * digest over its partitions' outputs alone). Where the input is a DataFrame (Parquet under Spark state), the output is
 * also computed as a {@code DataFrame → DataFrame}, written back to the tier as Parquet and digested
 * ({@link FrameInference}), after the timed passes and untimed; its digest must be the last pass's.
 */
public record BatchInference(String name, boolean workerLocalState) implements RoundStrategy {

    public static final BatchInference EMBEDDED = new BatchInference("embedded", false);
    public static final BatchInference SCHEDULER = new BatchInference("scheduler", true);

    @Override
    public boolean training() {
        return false;
    }

    @Override
    public boolean runsUnder(StateMode state) {
        return state.workerLocal() == workerLocalState;
    }

    @Override
    public boolean deterministic() {
        return true;
    }

    @Override
    public Trained run(StrategyContext ctx, Weights model) {
        List<List<TaskOutcome>> passes = new ArrayList<>();
        Trained t = RoundLoop.run(ctx, model, (job, pass, current) -> {
            List<TaskOutcome> outs = ctx.execution().inferPass(job, current);
            passes.add(outs);
            return new RoundLoop.Step(current, outs, current.parameters() * 4L);
        });
        // every pass is part of the fingerprint, in order: a fault that changed any pass's outputs changes it
        String digest = null;
        if (!passes.isEmpty()) {
            MessageDigest md = Sha256.newDigest();
            for (List<TaskOutcome> pass : passes) {
                for (TaskOutcome o : pass) md.update(HexFormat.of().parseHex(o.outputDigest()));
            }
            digest = HexFormat.of().formatHex(md.digest());
        }
        // the output as a DataFrame, written back to the tier, where the input is one: after the timed passes, untimed, with
        // the model they ran; it must carry the bits of the passes
        long t0 = System.nanoTime(), c0 = MachineLoad.processCpuNanos();
        FrameInference.Output written = passes.isEmpty() ? null : ctx.execution().inferFrame(ctx.job(), model).orElse(null);
        long excluded = System.nanoTime() - t0, excludedCpu = Math.max(0, MachineLoad.processCpuNanos() - c0);
        if (written != null) {
            String pass = HexFormat.of().formatHex(passDigest(passes.get(passes.size() - 1)));
            if (!written.digest().equals(pass)) {
                throw new IllegalStateException("inference over the DataFrame wrote rows to " + written.uri() + " whose digest is "
                        + written.digest() + "; the last pass over the partitions gave " + pass);
            }
        }
        return new Trained(model, digest, t.rounds(), t.accuracy(), t.excludedNanos() + (written == null ? 0 : excluded),
                t.excludedCpuNanos() + (written == null ? 0 : excludedCpu), t.checkpoints(), written);
    }

    /** One pass's digest: SHA-256 over its partitions' output digests, in partition order (a one-pass cell's fingerprint). */
    static byte[] passDigest(List<TaskOutcome> pass) {
        MessageDigest md = Sha256.newDigest();
        for (TaskOutcome o : pass) md.update(HexFormat.of().parseHex(o.outputDigest()));
        return md.digest();
    }
}
