package dev.factortwo.harness.engine;

import dev.factortwo.harness.checkpoint.CheckpointFigures;
import dev.factortwo.harness.strategy.Trained;
import dev.factortwo.model.CellAttribute;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A checkpointed cell's checkpoint figures, per repetition and comma-separated ({@link CellAttribute}'s
 * {@code checkpoint*} keys): the tier client's write and read seconds, the bytes, GB/s, and the share of the measured
 * training time spent writing. A repetition of several passes sums them.
 */
final class CheckpointAttributes {

    private CheckpointAttributes() {
    }

    static Map<String, String> of(List<Measured> runs) {
        List<CheckpointFigures> figures = runs.stream().map(m -> m.passes().stream().map(Trained::checkpoints)
                .reduce(CheckpointFigures.NONE, CheckpointFigures::plus)).toList();
        Map<String, String> a = new LinkedHashMap<>();
        a.put(CellAttribute.CHECKPOINTS_WRITTEN.key(), join(figures, f -> String.valueOf(f.writes())));
        a.put(CellAttribute.CHECKPOINT_WRITE_SECONDS.key(), join(figures, f -> seconds(f.writeNanos())));
        a.put(CellAttribute.CHECKPOINT_BYTES_WRITTEN.key(), join(figures, f -> String.valueOf(f.bytesWritten())));
        a.put(CellAttribute.CHECKPOINT_WRITE_GBPS.key(), join(figures, f -> rate(f.writeGigabytesPerSecond())));
        a.put(CellAttribute.CHECKPOINT_READ_SECONDS.key(), join(figures, f -> seconds(f.readNanos())));
        a.put(CellAttribute.CHECKPOINT_BYTES_READ.key(), join(figures, f -> String.valueOf(f.bytesRead())));
        a.put(CellAttribute.CHECKPOINT_READ_GBPS.key(), join(figures, f -> rate(f.readGigabytesPerSecond())));
        StringBuilder share = new StringBuilder();
        for (int i = 0; i < runs.size(); i++) {
            if (i > 0) share.append(',');
            double wall = runs.get(i).wallSeconds();
            share.append(wall > 0 ? String.format(Locale.ROOT, "%.4f", figures.get(i).writeNanos() / 1e9 / wall) : "NaN");
        }
        a.put(CellAttribute.CHECKPOINT_SHARE.key(), share.toString());
        return a;
    }

    private static String join(List<CheckpointFigures> figures, Function<CheckpointFigures, String> f) {
        return figures.stream().map(f).collect(Collectors.joining(","));
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.6f", nanos / 1e9);
    }

    private static String rate(double gbps) {
        return Double.isNaN(gbps) ? "NaN" : String.format(Locale.ROOT, "%.4f", gbps);
    }
}
