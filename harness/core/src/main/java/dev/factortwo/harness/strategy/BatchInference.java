package dev.factortwo.harness.strategy;

import dev.factortwo.harness.state.StateMode;
import dev.factortwo.datasets.Sha256;
import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.task.TaskOutcome;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Batch inference and feature extraction: {@code embedded} (data in an RDD, model in {@code mapPartitions},
 * loaded once per executor; Spark state) or {@code scheduler} (Spark only schedules, each task reads its part
 * from storage itself; local state). The output digest covers every pass's outputs, pass by pass, each in partition order (one pass gives the
 * digest over its partitions' outputs alone).
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
        return new Trained(model, digest, t.rounds());
    }
}
