package dev.factortwo.harness.task;

import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How far a partition that is still being read has arrived: a reader thread fills the partition's arrays in stored
 * order and says how many samples are there ({@link #arrived}); the task's thread waits for the samples it needs
 * ({@link #await}). Once the reader is done, {@link #io} is what it read, and a failure it met (a corrupt shard, a lost
 * store) is thrown to whoever waits. Holds no file system or thread, so that Spark's size estimate of a cached
 * partition stays small. Thread-safe: one reader, any number of waiters.
 */
public final class Arrival {

    private final int count;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition moved = lock.newCondition();
    private volatile int arrived;
    private volatile int wanted = Integer.MAX_VALUE;
    private volatile IoCount io;
    private volatile RuntimeException failure;

    /** A partition of {@code count} samples, none arrived yet. */
    public Arrival(int count) {
        this.count = count;
    }

    /** The reader's word that samples {@code [0, n)} are in the arrays. */
    void arrived(int n) {
        arrived = n;
        if (n >= wanted) signal();
    }

    /** The reader is done: every sample arrived, and this is what reading them cost. */
    void done(IoCount read) {
        io = read;
        arrived = count;
        signal();
    }

    /** The reader stopped on {@code e}; waiters get it. */
    void failed(RuntimeException e) {
        failure = e;
        signal();
    }

    /** Wakes the waiters; they check what they wait for under the lock, so a word published before this is not missed. */
    private void signal() {
        lock.lock();
        try {
            moved.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Samples in the arrays now. */
    public int arrived() {
        return arrived;
    }

    /** Returns once samples {@code [0, n)} have arrived (all of them: once the reader is done); throws what stopped it. */
    public void await(int n) {
        boolean all = n >= count;
        if (failure == null && (all ? io != null : arrived >= n)) return;
        lock.lock();
        try {
            while (failure == null && (all ? io == null : arrived < n)) {
                wanted = all ? Integer.MAX_VALUE : n; // done() wakes those who want all
                if (!all && arrived >= n) break; // the reader passed n before it could see what we want
                moved.awaitUninterruptibly();
            }
            wanted = Integer.MAX_VALUE;
            if (failure != null) throw failure;
        } finally {
            lock.unlock();
        }
    }

    /** Waits for every sample, then returns what the reader read. */
    public IoCount io() {
        await(count);
        return io;
    }
}
