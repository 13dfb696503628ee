package dev.factortwo.reports;

import dev.factortwo.model.CellAttribute;
import dev.factortwo.model.CellResult;
import java.util.ArrayList;
import java.util.List;

/**
 * The training cells side by side on what moving model state cost them (time and bytes, per repetition, as the
 * strategies recorded it) and on time to the accuracy target: where {@code spark-allreduce} and
 * {@code direct-allreduce}, or model averaging and local SGD, differ only in how they communicate, this is
 * where the difference shows. Read from the cells' attributes; cells that recorded none are left out.
 *
 * @param cell                  the cell's label within its workload
 * @param strategy              its strategy
 * @param communicationSeconds  time spent moving model state, per repetition
 * @param communicationBytes    bytes of model state moved, per repetition
 * @param timeToTarget          mean seconds to the accuracy target, or {@code not reached}, or {@code -}
 * @param samplesPerSecond      mean samples per second
 */
public record CommunicationRows(String cell, String strategy, double communicationSeconds, long communicationBytes,
                                String timeToTarget, double samplesPerSecond) {

    /** One row per training cell of {@code cells} that recorded its communication, in order. */
    public static List<CommunicationRows> of(List<CellResult> cells) {
        List<CommunicationRows> out = new ArrayList<>();
        for (CellResult c : cells) {
            String seconds = c.attributes().get(CellAttribute.COMMUNICATION_SECONDS.key());
            String bytes = c.attributes().get(CellAttribute.COMMUNICATION_BYTES.key());
            if (!c.ok() || seconds == null || bytes == null || c.samplesPerSecond() == null) continue;
            try {
                out.add(new CommunicationRows(c.key().workload() + " " + CellLabel.withinWorkload(c.key()), c.key().strategy(),
                        Double.parseDouble(seconds), Long.parseLong(bytes),
                        c.attributes().getOrDefault(CellAttribute.TIME_TO_TARGET_SECONDS.key(), "-"), c.samplesPerSecond().mean()));
            } catch (NumberFormatException e) {
                // a cell whose attributes are not numbers says nothing here
            }
        }
        return List.copyOf(out);
    }
}
