package dev.factortwo.harness.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A partition that streams in while its task uses it: the test is the reader, so what the task may and may not have
 * done at each point is exact, not timed. An emulated device's task trains on each window as it arrives and waits for
 * the next; whatever needs the whole partition waits for all of it; the reader's failure reaches the task.
 */
class StreamedPartitionTest {

    static final int COUNT = 3 * PartitionWork.STREAM_WINDOW + 100;
    static final int BATCH = 32;

    /** An emulated job: 1 µs a sample, so the device never holds the host back. */
    static ModelJob emulated() {
        return new ModelJob(null, null, 10, 0.01f, BATCH, 7, 0, 0, 0, 1_000, null, List.of());
    }

    static PartitionData arriving(Arrival arrival) {
        byte[] labels = new byte[COUNT];
        byte[] images = new byte[COUNT * 4];
        for (int i = 0; i < COUNT; i++) labels[i] = (byte) (i % 10);
        return new PartitionData(0, COUNT, 4, labels, images, null, arrival);
    }

    /** Waits until {@code t} is parked in {@link Arrival#await} (it has used everything that had arrived). */
    static void waitsForMore(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!(t.getState() == Thread.State.WAITING && Arrays.stream(t.getStackTrace())
                .anyMatch(f -> f.getClassName().equals(Arrival.class.getName()) && f.getMethodName().equals("await")))) {
            if (!t.isAlive()) throw new AssertionError(t.getName() + " ended instead of waiting for more samples");
            if (System.nanoTime() > deadline) throw new AssertionError(t.getName() + " never waited: " + t.getState());
            Thread.sleep(5);
        }
    }

    @Test
    void anEmulatedTaskTrainsOnEachWindowAsItArrivesAndWaitsForTheNext() throws Exception {
        Arrival arrival = new Arrival(COUNT);
        PartitionData data = arriving(arrival);
        CompletableFuture<TaskOutcome> out = new CompletableFuture<>();
        Thread task = new Thread(() -> {
            try {
                out.complete(PartitionWork.train(emulated(), data, null, null, IoCount.NONE, 0));
            } catch (Throwable e) {
                out.completeExceptionally(e);
            }
        }, "task");
        task.start();
        waitsForMore(task); // nothing arrived: not one step
        for (int w = 1; w <= 3; w++) {
            arrival.arrived(w * PartitionWork.STREAM_WINDOW);
            waitsForMore(task);
            assertTrue(!out.isDone(), "window " + w + " is not the whole partition");
        }
        arrival.arrived(COUNT); // every sample, but the reader has not said it is done
        waitsForMore(task);
        arrival.done(new IoCount(123, 2, 5, 9));
        TaskOutcome o = out.get(30, TimeUnit.SECONDS);
        assertEquals((long) PartitionWork.steps(COUNT, BATCH) * BATCH, o.samples());
        assertEquals(new IoCount(123, 2, 5, 9), data.streamedIo());
        assertTrue(o.computeNanos() > 0);
    }

    @Test
    void whatNeedsTheWholePartitionWaitsForAllOfIt() throws Exception {
        Arrival arrival = new Arrival(COUNT);
        PartitionData data = arriving(arrival);
        arrival.arrived(COUNT - 1);
        CompletableFuture<byte[]> labels = CompletableFuture.supplyAsync(data::labels);
        CompletableFuture<PartitionData> decoded = CompletableFuture.supplyAsync(data::decoded);
        CompletableFuture<byte[]> serialized = CompletableFuture.supplyAsync(() -> serialize(data));
        Thread.sleep(200);
        assertTrue(!labels.isDone() && !decoded.isDone() && !serialized.isDone(), "none of them had the last sample");
        arrival.done(IoCount.NONE);
        assertSame(data.labelsArriving(), labels.get(30, TimeUnit.SECONDS));
        assertNull(decoded.get(30, TimeUnit.SECONDS).arrival());
        PartitionData back = deserialize(serialized.get(30, TimeUnit.SECONDS));
        assertNull(back.arrival(), "written whole, with no reader to wait for");
        assertArrayEquals(data.labels(), back.labels());
        assertSame(data, PartitionData.concat(List.of(data)), "one partition 0 is its own concatenation, arriving or not");
    }

    @Test
    void theReadersFailureReachesTheTask() {
        Arrival arrival = new Arrival(COUNT);
        PartitionData data = arriving(arrival);
        arrival.arrived(PartitionWork.STREAM_WINDOW);
        arrival.failed(new UncheckedIOException("shard 3: digest differs", new java.io.IOException("digest")));
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> PartitionWork.train(emulated(), data, null, null, IoCount.NONE, 0));
        assertTrue(e.getMessage().contains("shard 3"), e.getMessage());
        assertThrows(UncheckedIOException.class, data::streamedIo);
    }

    @Test
    void aWindowedOrderShufflesWithinEachWindowOnly() {
        int n = 2 * 1024 + 77;
        int[] order = DataOrder.windowed(n, 1024, 7, 1, 0);
        assertEquals(n, Arrays.stream(order).distinct().count(), "every sample once");
        for (int i = 0; i < n; i++) assertEquals(i / 1024, order[i] / 1024, "position " + i + " stays in its window");
        assertArrayEquals(order, DataOrder.windowed(n, 1024, 7, 1, 0));
        assertNotEquals(Arrays.toString(order), Arrays.toString(DataOrder.windowed(n, 1024, 7, 2, 0)), "another epoch, another order");
        assertTrue(Arrays.stream(order, 0, 1024).anyMatch(i -> order[i] != i), "shuffled");
        assertEquals(1024, DataOrder.arrivedFor(0, 1024, n));
        assertEquals(2048, DataOrder.arrivedFor(1024, 1024, n));
        assertEquals(n, DataOrder.arrivedFor(n - 1, 1024, n));
    }

    private static byte[] serialize(Object o) {
        try (ByteArrayOutputStream b = new ByteArrayOutputStream(); ObjectOutputStream out = new ObjectOutputStream(b)) {
            out.writeObject(o);
            out.flush();
            return b.toByteArray();
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static PartitionData deserialize(byte[] bytes) throws Exception {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (PartitionData) in.readObject();
        }
    }
}
