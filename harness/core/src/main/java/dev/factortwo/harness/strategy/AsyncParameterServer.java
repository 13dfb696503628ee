package dev.factortwo.harness.strategy;

import dev.factortwo.harness.nn.TfModel;
import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.task.ModelJob;
import dev.factortwo.harness.task.PartitionWork;
import dev.factortwo.harness.task.StepRule;
import dev.factortwo.harness.task.TaskOutcome;
import dev.factortwo.harness.strategy.ps.ParameterClient;
import dev.factortwo.harness.strategy.ps.ParameterServer;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Asynchronous SGD against a parameter server outside Spark (the DeepDist / Elephas-async way): the strategy
 * starts a {@link ParameterServer} on the driver, bound to loopback, and stops it when the repetition ends or
 * fails. Each round (one epoch) is one ordinary Spark stage; per step, each task pulls the current weights,
 * computes the gradients of its shard's next batch and pushes them; the server applies each gradient as it
 * arrives. No step waits for another worker, and the arrival order varies between runs, so repeats are
 * expected to be {@code divergent}. Spark only schedules the tasks: it cannot see the model, and a retried task
 * pushes its gradients again.
 *
 * <p>Runs under both state modes (the data comes from the RDD or the worker-local caches). Because the server
 * listens on 127.0.0.1, the workers must run on the driver's machine (a {@code local[N,F]} master, or a
 * single-host cluster). Every step moves the whole model twice (pull and push), 8 bytes per parameter.
 * With an emulated accelerator the steps only wait: nothing is exchanged.
 */
public final class AsyncParameterServer extends TrainingStrategy {

    public AsyncParameterServer() {
        super("async-ps", false);
    }

    /**
     * The server applies plain SGD, not the workers' momentum 0.9: stale gradients already act as momentum, and
     * with both, training diverged here (synthetic 28x28, 2 workers, learning rate 0.05: held-out accuracy 0.10
     * after 2 epochs, against 0.23 to 0.36 without).
     */
    public static final float SERVER_MOMENTUM = 0f;

    /** A connection silent this long is dropped by the server, and a worker's read gives up. */
    public static final int IDLE_TIMEOUT_MILLIS = 120_000;

    @Override
    public Trained run(StrategyContext ctx, Weights initial) {
        try (ParameterServer server = ParameterServer.start(initial, ctx.job().learningRate(), SERVER_MOMENTUM, IDLE_TIMEOUT_MILLIS)) {
            String address = server.address();
            int[] lengths = server.lengths();
            return RoundLoop.run(ctx, initial, (job, e, weights) -> {
                long before = server.bytesMoved();
                List<Worker> outs = ctx.execution().eachPartition(job, in -> {
                    try (ParameterClient client = ParameterClient.connect(address, lengths, IDLE_TIMEOUT_MILLIS)) {
                        Weights start = client.pull();
                        TaskOutcome o = PartitionWork.train(job, in.data(), start, in.cachedModel(job, start), in.io(),
                                in.readNanos(), new PushPull(client), PartitionWork.steps(in.data().count(), job.batchSize()));
                        client.finish();
                        return new Worker(SparkAllReduce.withoutWeights(o), client.nanos());
                    }
                });
                server.checkHealthy();
                long nanos = (long) outs.stream().mapToLong(w -> w.commNanos).average().orElse(0);
                return new RoundLoop.Step(server.weights(), outs.stream().map(w -> w.outcome).toList(),
                        server.bytesMoved() - before, nanos);
            });
        }
    }

    /** One task's outcome (no weights: the server holds them) and its time on the wire. */
    record Worker(TaskOutcome outcome, long commNanos) implements Serializable {
        private static final long serialVersionUID = 1L;
    }

    /** Pull the server's weights, compute gradients locally, push them. */
    private static final class PushPull implements StepRule {
        private final ParameterClient client;

        PushPull(ParameterClient client) {
            this.client = client;
        }

        @Override
        public long step(TfModel model, float[] images, int[] labels, int n) {
            long before = client.nanos();
            model.setWeights(client.pull());
            Weights g = model.gradients(images, labels, n);
            client.push(g);
            return client.nanos() - before;
        }
    }
}
