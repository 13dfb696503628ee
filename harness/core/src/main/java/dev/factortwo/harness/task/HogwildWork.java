package dev.factortwo.harness.task;

import dev.factortwo.harness.nn.TfModel;
import dev.factortwo.harness.nn.Weights;
import dev.factortwo.model.HistogramCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * One partition's epoch the Hogwild! way (Niu, Recht, Ré and Wright): {@code threads} threads run SGD steps on
 * one shared TensorFlow model at once, each taking the next unclaimed batch of the epoch's order, with no lock
 * around the updates. The threads share the weights; each keeps momentum accumulators of its own
 * ({@link TfModel#trainStep(float[], int[], int, int)}), as each process keeps its own optimizer in PyTorch's
 * Hogwild example. Which thread takes which batch, and how the updates interleave, depend on timing: the result
 * is not reproducible by design.
 *
 * <p>The model must run on a session with an inter-op pool of its own of at least {@code threads} threads
 * ({@link #forThreads}): on TensorFlow's process-wide pool of one thread the two runs' ops would execute one at a
 * time. Every training call's start and end are kept, and the outcome says how long the threads' calls overlapped
 * ({@link TaskOutcome#overlap}).
 */
public final class HogwildWork {

    private HogwildWork() {
    }

    /** {@code job} with the session settings that let {@code threads} training calls run at once on one model. */
    public static ModelJob forThreads(ModelJob job, int threads) {
        return job.withTf(job.tf().forConcurrentRuns(threads));
    }

    /** Trains {@code data} for one epoch from {@code start} with {@code threads} threads on one model. */
    public static TaskOutcome train(ModelJob job, PartitionData data, Weights start, TfModel cached, IoCount io,
                                    long inputNanosSoFar, int threads) {
        return train(job, data, start, cached, io, inputNanosSoFar, threads, null);
    }

    /**
     * As {@link #train(ModelJob, PartitionData, Weights, TfModel, IoCount, long, int)}; with {@code turns}
     * non-null every training call, and its timing, holds that lock: the threads take turns, as a test's planted
     * serialisation.
     */
    static TaskOutcome train(ModelJob job, PartitionData data, Weights start, TfModel cached, IoCount io,
                             long inputNanosSoFar, int threads, Lock turns) {
        long startMicros = TaskOutcome.nowMicros();
        TfModel model = job.emulated() ? null : cached != null ? cached : WorkerLocal.borrow(job, start);
        boolean returned = false;
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "hogwild-" + data.partition());
            t.setDaemon(true);
            return t;
        });
        try {
            if (model != null && cached != null) model.setWeights(start);
            data.awaitSamples(data.count()); // its threads share the partition: all of it, before they start
            int[] order = DataOrder.permutation(data.count(), job.seed(), job.epoch(), data.partition());
            int batch = Math.min(job.batchSize(), Math.max(1, data.count()));
            int steps = PartitionWork.steps(data.count(), job.batchSize());
            AtomicInteger next = new AtomicInteger();
            List<Future<Part>> workers = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int t = 0; t < threads; t++) {
                int run = t; // this thread's momentum accumulators: the threads share the weights only
                workers.add(pool.submit(() -> {
                    BatchDecoder decoder = new BatchDecoder(data, batch);
                    long input = 0, samples = 0;
                    Histogram h = HistogramCodec.newHistogram();
                    List<long[]> calls = new ArrayList<>();
                    for (int s = next.getAndIncrement(); s < steps; s = next.getAndIncrement()) {
                        long a = System.nanoTime();
                        decoder.decode(order, s * batch, batch);
                        long b = System.nanoTime();
                        input += b - a;
                        if (turns != null) turns.lock();
                        try {
                            long called = System.nanoTime();
                            if (model != null) model.trainStep(decoder.images, decoder.labels, batch, run);
                            else LockSupport.parkNanos(job.emulatedNanosPerSample() * batch);
                            long c = System.nanoTime();
                            calls.add(new long[] {called, c});
                            h.recordValue(Math.max(1, (c - called) / 1000));
                        } finally {
                            if (turns != null) turns.unlock();
                        }
                        samples += batch;
                    }
                    return new Part(input, samples, h, calls);
                }));
            }
            long input = 0, samples = 0;
            Histogram all = HistogramCodec.newHistogram();
            List<List<long[]>> calls = new ArrayList<>();
            for (Future<Part> f : workers) {
                Part r = f.get();
                input += r.inputNanos;
                samples += r.samples;
                all.add(r.histogram);
                calls.add(r.calls);
            }
            long wall = System.nanoTime() - t0;
            // threads overlap: the partition's compute time is the epoch's wall time less the (per-thread mean) decoding
            long compute = Math.max(0, wall - input / threads);
            Weights end = model != null ? model.weights() : start;
            returned = true;
            return new TaskOutcome(data.partition(), end, null, samples, steps, inputNanosSoFar + input / threads, compute,
                    HistogramCodec.encode(all), io, StepOverlap.of(calls)).since(startMicros);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("hogwild partition " + data.partition() + " interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("hogwild partition " + data.partition() + ": " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
            PartitionWork.lend(job, model, cached, returned);
        }
    }

    private record Part(long inputNanos, long samples, Histogram histogram, List<long[]> calls) {
    }
}
