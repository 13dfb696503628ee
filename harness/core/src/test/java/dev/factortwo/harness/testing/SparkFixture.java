package dev.factortwo.harness.testing;

import dev.factortwo.harness.cell.CellRunner;
import dev.factortwo.harness.cell.Progress;
import dev.factortwo.harness.data.DatasetCatalog;
import dev.factortwo.harness.data.TierRegistry;
import dev.factortwo.harness.device.Accelerator;
import dev.factortwo.harness.nn.TfSettings;
import dev.factortwo.harness.spark.Quiet;
import dev.factortwo.harness.spark.SparkSessions;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellSpec;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * A Spark session over the test JVM's {@link SharedTiers}: the tiers, their embedded stores and the small synthetic
 * dataset outlive the session, which a class that needs its own stops ({@link OwnSpark}); the next class gets a new
 * session over the same stores and staged data.
 */
public final class SparkFixture implements AutoCloseable {

    public final SparkSession session;
    public final TierRegistry tiers;
    public final CellRunner runner;
    public final DatasetCatalog catalog;

    SparkFixture(SharedTiers shared) {
        Quiet.apply(false);
        session = SparkSessions.start(SparkSessions.DEFAULT_MASTER, Map.of());
        tiers = shared.tiers;
        catalog = shared.catalog;
        runner = new CellRunner(SparkSessions.context(session), catalog, tiers, TfSettings.defaults(),
                new Accelerator.Real("cpu"), Progress.silent());
    }

    public CellRunner runnerWith(Accelerator accelerator) {
        return new CellRunner(SparkSessions.context(session), catalog, tiers, TfSettings.defaults(), accelerator, Progress.silent());
    }

    public static CellSpec cell(String workload, String tier, String state, int epochs, int repetitions) {
        String strategy = workload.equals("infer") ? (state.equals("spark") ? "embedded" : "scheduler") : "model-averaging";
        return new CellSpec(new CellKey(workload, "synthetic", tier, state, strategy, "tensorflow", "cpu"),
                5, epochs, 32, 0.01, 2, 1200, 400, repetitions, 2, 0);
    }

    /** Stops the session; the shared tiers stay for the next one. */
    @Override
    public void close() {
        session.stop();
    }
}
