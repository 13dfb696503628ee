package dev.factortwo.harness.strategy;

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
 * from storage itself; local state). The output digest covers every partition's outputs in partition order.
 */
public record BatchInference(String name, List<String> states) implements Strategy {

    public static final BatchInference EMBEDDED = new BatchInference("embedded", List.of("spark"));
    public static final BatchInference SCHEDULER = new BatchInference("scheduler", List.of("local"));

    @Override
    public boolean training() {
        return false;
    }

    @Override
    public Trained run(StrategyContext ctx, Weights model) {
        List<Round> rounds = new ArrayList<>();
        MessageDigest md = null;
        int passes = ctx.spec().epochs();
        for (int e = 0; e < passes; e++) {
            ctx.hook().beforeRound(e, passes, ctx.execution());
            long t0 = System.nanoTime();
            List<TaskOutcome> outs;
            try {
                outs = ctx.execution().inferPass(ctx.job().forEpoch(e), model);
            } finally {
                ctx.hook().afterRound(e, passes, ctx.execution());
            }
            md = Sha256.newDigest();
            for (TaskOutcome o : outs) md.update(HexFormat.of().parseHex(o.outputDigest()));
            rounds.add(new Round(e, outs, ctx.execution().drainIo(), System.nanoTime() - t0, model.parameters() * 4L));
        }
        return new Trained(model, md == null ? null : HexFormat.of().formatHex(md.digest()), rounds);
    }
}
