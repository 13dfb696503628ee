package dev.factortwo.harness.task;

import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where Spark ran one round's tasks over worker-local state, and what that cost: tasks per executor, Spark's own
 * locality level per task ({@code TaskInfo.taskLocality}), and the replicas that did not stay on the executor that
 * held them. Immutable; {@link #plus} adds the stages of one round.
 *
 * @param tasksByExecutor  tasks whose results were kept, by executor id ({@code driver} in local mode)
 * @param tasksByLocality  tasks by Spark's locality level ({@code PROCESS_LOCAL}, {@code NODE_LOCAL}, {@code ANY}...),
 *                         as Spark's listener reported them, failed attempts included
 * @param moves            partitions whose task ran away from the executor holding their state, each as
 *                         {@code P:FROM->TO}
 * @param movedBytes       bytes the moved tasks read from the store (their state had to be rebuilt where they ran)
 * @param staleDiscarded   replicas a task found from another synchronisation than the driver's, and discarded
 * @param launchWaitMillis how long the round's tasks waited to be launched: per stage, the last task's launch less
 *                         the stage's submission (Spark's locality wait shows here), summed over the round's stages
 */
public record Placement(Map<String, Integer> tasksByExecutor, Map<String, Integer> tasksByLocality, List<String> moves,
                        long movedBytes, int staleDiscarded, long launchWaitMillis) implements Serializable {

    private static final long serialVersionUID = 1L;
    public static final Placement NONE = new Placement(Map.of(), Map.of(), List.of(), 0, 0, 0);

    public Placement {
        tasksByExecutor = Map.copyOf(tasksByExecutor);
        tasksByLocality = Map.copyOf(tasksByLocality);
        moves = List.copyOf(moves);
    }

    /** Replicas that moved: tasks run away from the executor holding their partition's state. */
    public int moved() {
        return moves.size();
    }

    /** True where nothing was placed (a mode without worker-local state). */
    public boolean empty() {
        return tasksByExecutor.isEmpty() && tasksByLocality.isEmpty() && moves.isEmpty() && staleDiscarded == 0;
    }

    /** Both stages' placements together. */
    public Placement plus(Placement o) {
        Map<String, Integer> ex = new TreeMap<>(tasksByExecutor);
        o.tasksByExecutor.forEach((k, v) -> ex.merge(k, v, Integer::sum));
        Map<String, Integer> loc = new TreeMap<>(tasksByLocality);
        o.tasksByLocality.forEach((k, v) -> loc.merge(k, v, Integer::sum));
        List<String> mv = new java.util.ArrayList<>(moves);
        mv.addAll(o.moves);
        return new Placement(ex, loc, mv, movedBytes + o.movedBytes, staleDiscarded + o.staleDiscarded, launchWaitMillis + o.launchWaitMillis);
    }

    /** {@code a=1 b=2}, keys sorted: how a count map reads in an attribute. */
    public static String counts(Map<String, Integer> m) {
        StringBuilder b = new StringBuilder();
        new TreeMap<>(m).forEach((k, v) -> b.append(b.length() == 0 ? "" : " ").append(k).append('=').append(v));
        return b.toString();
    }
}
