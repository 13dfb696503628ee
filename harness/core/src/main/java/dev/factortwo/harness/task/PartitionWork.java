package dev.factortwo.harness.task;

import dev.factortwo.datasets.Sha256;
import dev.factortwo.harness.nn.TfModel;
import dev.factortwo.harness.nn.WeightInit;
import dev.factortwo.harness.nn.Weights;
import dev.factortwo.model.HistogramCodec;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * The computation of one partition in one round, the same whatever the state mode or tier: this is what
 * makes a {@code spark}-state and a {@code local}-state run of one strategy give the same bits.
 */
public final class PartitionWork {

    /**
     * Samples an emulated device's task shuffles among while its partition streams in ({@link DataOrder#windowed}): a
     * loader's shuffle buffer, small enough that the first batch waits for little of the partition.
     */
    public static final int STREAM_WINDOW = 1024;

    private PartitionWork() {
    }

    /** Steps of one epoch over {@code count} samples: full batches only, or one short batch for tiny partitions. */
    public static int steps(int count, int batchSize) {
        return count >= batchSize ? count / batchSize : (count > 0 ? 1 : 0);
    }

    /**
     * Trains {@code data} for one epoch from {@code start}. With {@code cached} non-null the model is reused
     * (local state); otherwise a model is built and closed here.
     */
    public static TaskOutcome train(ModelJob job, PartitionData data, Weights start, TfModel cached,
                                    IoCount io, long inputNanosSoFar) {
        return train(job, data, start, cached, io, inputNanosSoFar, StepRule.LOCAL, steps(data.count(), job.batchSize()));
    }

    /**
     * Trains {@code data} for {@code steps} steps of one epoch from {@code start}, each step run by {@code rule}
     * (which may exchange gradients with other workers; its communication time is not counted as compute).
     * Every step run here is measured and counted: the warm-up runs before the repetition's timed region
     * ({@link WarmUp}).
     *
     * @param steps steps to run, at most {@link #steps}{@code (data.count(), batchSize)}: workers that must
     *              step together agree on the smallest
     */
    public static TaskOutcome train(ModelJob job, PartitionData data, Weights start, TfModel cached,
                                    IoCount io, long inputNanosSoFar, StepRule rule, int steps) {
        long startMicros = TaskOutcome.nowMicros();
        if (steps > steps(data.count(), job.batchSize())) {
            throw new IllegalArgumentException("partition " + data.partition() + ": " + steps + " steps asked, "
                    + data.count() + " samples give " + steps(data.count(), job.batchSize()));
        }
        TfModel model = job.emulated() ? null : cached != null ? cached : WorkerLocal.borrow(job, start);
        boolean returned = false;
        try {
            if (model != null && cached != null) model.setWeights(start);
            // a streamed partition feeds an emulated device as it arrives; a model's steps take it whole, in full order
            boolean streamed = model == null && data.streaming();
            if (!streamed) data.awaitSamples(data.count());
            int[] order = streamed ? DataOrder.windowed(data.count(), STREAM_WINDOW, job.seed(), job.epoch(), data.partition())
                    : DataOrder.permutation(data.count(), job.seed(), job.epoch(), data.partition());
            int batch = Math.min(job.batchSize(), Math.max(1, data.count()));
            BatchDecoder decoder = new BatchDecoder(data, batch);
            Histogram h = HistogramCodec.newHistogram();
            long inputNanos = inputNanosSoFar, computeNanos = 0, samples = 0;
            EmulatedDevice device = model == null ? new EmulatedDevice(job, h) : null;
            for (int s = 0; s < steps; s++) {
                long t0 = System.nanoTime();
                if (streamed) data.awaitSamples(DataOrder.arrivedFor(Math.min(data.count(), (s + 1) * batch) - 1, STREAM_WINDOW, data.count()));
                decoder.decode(order, s * batch, batch);
                long t1 = System.nanoTime();
                samples += batch;
                if (device != null) {
                    device.submit(batch);
                    continue;
                }
                long comm = rule.step(model, decoder.images, decoder.labels, batch);
                long t2 = System.nanoTime();
                throttle(job, t2 - t1);
                long t3 = System.nanoTime();
                inputNanos += t1 - t0;
                computeNanos += t3 - t1 - comm;
                h.recordValue(Math.max(1, (t3 - t1) / 1000));
            }
            if (device != null) {
                device.finish();
                inputNanos += device.idleNanos();
                computeNanos = device.computeNanos();
            }
            data.awaitSamples(data.count()); // the rest of a streamed partition, and whatever stopped its reader
            Weights end = model != null ? model.weights() : start;
            returned = true;
            return new TaskOutcome(data.partition(), end, null, samples, steps, inputNanos, computeNanos,
                    HistogramCodec.encode(h), io).since(startMicros);
        } finally {
            lend(job, model, cached, returned);
        }
    }

    /**
     * Predicts every sample of {@code data} in stored order and digests the predicted labels and feature
     * vectors (little-endian int and float bits).
     */
    public static TaskOutcome infer(ModelJob job, PartitionData data, Weights weights, TfModel cached,
                                    IoCount io, long inputNanosSoFar) {
        long startMicros = TaskOutcome.nowMicros();
        TfModel model = job.emulated() ? null : cached != null ? cached : WorkerLocal.borrow(job, weights);
        boolean returned = false;
        try {
            MessageDigest md = Sha256.newDigest();
            int batch = Math.max(1, job.batchSize());
            if (model != null) data.awaitSamples(data.count());
            BatchDecoder decoder = new BatchDecoder(data, batch);
            Histogram h = HistogramCodec.newHistogram();
            long inputNanos = inputNanosSoFar, computeNanos = 0, steps = 0;
            EmulatedDevice device = model == null ? new EmulatedDevice(job, h) : null;
            for (int from = 0; from < data.count(); from += batch) {
                int n = Math.min(batch, data.count() - from);
                long t0 = System.nanoTime();
                data.awaitSamples(from + n); // in stored order: a streamed partition's samples as they arrive
                decoder.decodeInOrder(from, n);
                long t1 = System.nanoTime();
                steps++;
                if (device != null) {
                    device.submit(n);
                    continue;
                }
                TfModel.Prediction p = model.predict(decoder.images, n);
                digest(md, p);
                long t2 = System.nanoTime();
                throttle(job, t2 - t1);
                long t3 = System.nanoTime();
                inputNanos += t1 - t0;
                computeNanos += t3 - t1;
                h.recordValue(Math.max(1, (t3 - t1) / 1000));
            }
            if (device != null) {
                device.finish();
                inputNanos += device.idleNanos();
                computeNanos = device.computeNanos();
            }
            data.awaitSamples(data.count()); // whatever stopped a streamed partition's reader
            returned = true;
            return new TaskOutcome(data.partition(), null, HexFormat.of().formatHex(md.digest()), data.count(),
                    steps, inputNanos, computeNanos, HistogramCodec.encode(h), io).since(startMicros);
        } finally {
            lend(job, model, cached, returned);
        }
    }

    /**
     * After a task's work: a model it {@link WorkerLocal#borrow}ed ({@code cached} null) goes back idle when the work
     * returned, and is closed when it threw (whatever it was doing is not worth keeping). A kept model stays.
     */
    static void lend(ModelJob job, TfModel model, TfModel cached, boolean returned) {
        if (model == null || cached != null) return;
        if (returned) {
            WorkerLocal.giveBack(job, model);
        } else {
            model.close();
        }
    }

    /** The seeded starting weights of a cell. */
    public static Weights initialWeights(ModelJob job) {
        return WeightInit.glorotUniform(job.architecture().parameterShapes(job.shape(), job.classes()), job.seed());
    }

    public static TfModel newModel(ModelJob job, Weights w) {
        return new TfModel(job.architecture(), job.shape(), job.classes(), job.learningRate(), w, job.tf());
    }

    private static void throttle(ModelJob job, long computeNanos) {
        if (job.throttlePercent() > 0) {
            long until = System.nanoTime() + (long) (computeNanos * job.throttlePercent() / 100.0);
            while (System.nanoTime() < until) {
                LockSupport.parkNanos(Math.max(1000, until - System.nanoTime()));
            }
        }
    }

    /** Adds one batch's predictions to {@code md}: the labels, then the features, little-endian int and float bits. */
    static void digest(MessageDigest md, TfModel.Prediction p) {
        ByteBuffer b = ByteBuffer.allocate(p.labels().length * 4 + p.features().length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int l : p.labels()) b.putInt(l);
        for (float f : p.features()) b.putFloat(f);
        md.update(b.array());
    }
}
