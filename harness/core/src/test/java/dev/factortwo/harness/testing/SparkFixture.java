package dev.factortwo.harness.testing;

import dev.factortwo.harness.cell.CellRunner;
import dev.factortwo.harness.cell.Progress;
import dev.factortwo.harness.data.DatasetCatalog;
import dev.factortwo.harness.data.TierRegistry;
import dev.factortwo.harness.device.Accelerator;
import dev.factortwo.datasets.SyntheticOptions;
import dev.factortwo.harness.nn.TfSettings;
import dev.factortwo.harness.spark.Quiet;
import dev.factortwo.harness.spark.SparkSessions;
import dev.factortwo.harness.tier.TierSettings;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellSpec;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/** A Spark session, tiers and a small synthetic dataset shared by the tests of one class. */
public final class SparkFixture implements AutoCloseable {

    public final SparkSession session;
    public final TierRegistry tiers;
    public final CellRunner runner;
    public final DatasetCatalog catalog;
    private final Path scratch;

    public SparkFixture(Path scratch) {
        this.scratch = scratch;
        Quiet.apply(false);
        session = SparkSessions.start(SparkSessions.DEFAULT_MASTER, Map.of());
        tiers = new TierRegistry(TierSettings.embedded(scratch));
        catalog = new DatasetCatalog(scratch, Optional.empty(),
                new SyntheticOptions(1200, 400, 28, 28, 1, 10, 11));
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

    @Override
    public void close() {
        tiers.close();
        session.stop();
        try (var files = java.nio.file.Files.walk(scratch)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            // best effort: a temporary directory
        }
    }
}
