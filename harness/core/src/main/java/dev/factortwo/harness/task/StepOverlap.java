package dev.factortwo.harness.task;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How the training calls of threads sharing one model overlapped in time, from each call's start and end
 * ({@link System#nanoTime}, or any one clock). Overlap is the wall time during which at least two threads were
 * inside a call at once; threads that ran one after the other, or took turns under a lock, give 0. It shows the
 * calls were in flight together, not that the engine executed them at once: TensorFlow with one inter-op thread
 * interleaves two runs' ops on that thread while both calls wait (see {@code TfSettings}).
 *
 * @param overlapNanos  wall time during which at least two threads were inside a call
 * @param busyNanos     wall time during which at least one thread was inside a call
 * @param callNanos     time inside calls, summed over the threads
 */
public record StepOverlap(long overlapNanos, long busyNanos, long callNanos) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Nothing measured. */
    public static final StepOverlap NONE = new StepOverlap(0, 0, 0);

    /**
     * The overlap of {@code threads}' calls, each a list of {@code [start, end]}; a thread's own intervals may
     * overlap each other (ops of one run), and are merged first. Intervals that only touch do not overlap.
     */
    public static StepOverlap of(List<List<long[]>> threads) {
        List<long[]> events = new ArrayList<>(); // [time, +1 start | -1 end]
        long calls = 0;
        for (List<long[]> thread : threads) {
            for (long[] iv : merged(thread)) {
                events.add(new long[] {iv[0], 1});
                events.add(new long[] {iv[1], -1});
                calls += iv[1] - iv[0];
            }
        }
        // at equal times ends come first, so that touching intervals do not count as overlapping
        events.sort((a, b) -> a[0] != b[0] ? Long.compare(a[0], b[0]) : Long.compare(a[1], b[1]));
        long overlap = 0, busy = 0, last = 0;
        int inside = 0;
        for (long[] e : events) {
            if (inside >= 1) busy += e[0] - last;
            if (inside >= 2) overlap += e[0] - last;
            inside += (int) e[1];
            last = e[0];
        }
        return new StepOverlap(overlap, busy, calls);
    }

    private static List<long[]> merged(List<long[]> intervals) {
        long[][] sorted = intervals.toArray(new long[0][]);
        Arrays.sort(sorted, (a, b) -> Long.compare(a[0], b[0]));
        List<long[]> out = new ArrayList<>();
        for (long[] iv : sorted) {
            if (iv[1] < iv[0]) throw new IllegalArgumentException("interval ends before it starts: " + Arrays.toString(iv));
            long[] tail = out.isEmpty() ? null : out.get(out.size() - 1);
            if (tail != null && iv[0] < tail[1]) tail[1] = Math.max(tail[1], iv[1]);
            else out.add(new long[] {iv[0], iv[1]});
        }
        return out;
    }

    /** This and {@code o} together (tasks or rounds added up). */
    public StepOverlap plus(StepOverlap o) {
        return new StepOverlap(overlapNanos + o.overlapNanos, busyNanos + o.busyNanos, callNanos + o.callNanos);
    }

    /** The share of the busy time during which calls overlapped, 0 to 1; 0 when nothing ran. */
    public double share() {
        return busyNanos == 0 ? 0 : overlapNanos / (double) busyNanos;
    }
}
