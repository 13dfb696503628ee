package dev.factortwo.harness.cell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.harness.state.FrameInference;
import dev.factortwo.harness.task.InferredRows;
import dev.factortwo.harness.task.ParquetFormat;
import dev.factortwo.harness.testing.SharedSpark;
import dev.factortwo.harness.testing.SparkFixture;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellResult;
import dev.factortwo.model.CellSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inference over a DataFrame, end to end: an {@code infer} cell on Parquet under Spark state predicts the staged rows as a
 * {@code DataFrame → DataFrame}, writes the output back to its tier as Parquet, and the digest of what was written is the
 * one-pass cell's fingerprint, which is the shards cell's. Real Spark ({@code local[2,4]}), S3Proxy; 300 samples in 4
 * shards, 2 partitions, one pass.
 */
@org.junit.jupiter.api.extension.ExtendWith(SharedSpark.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InferenceOverDataFrameTest {

    SparkFixture fx;

    @BeforeAll
    void start(SparkFixture shared) {
        fx = shared;
    }

    static CellSpec cell(String tier, String format) {
        return new CellSpec(new CellKey("infer", "synthetic", tier, "spark", "embedded", "tensorflow", "cpu").withFormat(format),
                5, 1, 32, 0.01, 2, 300, 100, 1, 0, 0);
    }

    CellResult run(CellSpec spec) {
        CellResult r = fx.runner.withSamplesPerShard(75).run(spec);
        assertTrue(r.ok(), spec.id() + ": " + r.error());
        return r;
    }

    @ParameterizedTest
    @ValueSource(strings = {"local-disk", "s3"})
    void theOutputWrittenBackToTheTierDigestsToTheFingerprintOfShards(String tier, @TempDir Path scratch) throws java.io.IOException {
        CellResult shards = run(cell(tier, CellKey.DEFAULT_FORMAT));
        CellResult parquet = run(cell(tier, ParquetFormat.NAME));
        var a = parquet.attributes();
        assertEquals(shards.fingerprint(), parquet.fingerprint(), tier);
        assertEquals(parquet.fingerprint(), a.get(FrameInference.DIGEST_ATTRIBUTE), "one pass: the written output's digest is the fingerprint: " + a);
        assertFalse(shards.attributes().containsKey(FrameInference.DIGEST_ATTRIBUTE), "shards are no DataFrame: nothing written back");
        String uri = a.get(FrameInference.OUTPUT_ATTRIBUTE);
        assertTrue(uri.startsWith(tier.equals("s3") ? "s3a://" : "file:") && uri.endsWith("-inferred"), uri);
        assertEquals("300", a.get(FrameInference.ROWS_ATTRIBUTE), a.toString());
        assertTrue(Long.parseLong(a.get(FrameInference.BYTES_ATTRIBUTE)) > 0 && Integer.parseInt(a.get(FrameInference.FILES_ATTRIBUTE)) >= 1, a.toString());
        if (!tier.equals("local-disk")) return;

        // read back by plain Spark, and rewritten in another layout: the same digest
        Dataset<Row> out = fx.session.read().parquet(uri);
        assertEquals(List.of("shard", "record", "label", "predicted", "features"), List.of(out.columns()));
        assertEquals(300, out.count());
        String rewritten = scratch.resolve("rewritten").toUri().toString();
        out.repartition(5).write().mode(SaveMode.Overwrite).parquet(rewritten);
        List<Row> rows = fx.session.read().parquet(rewritten).collectAsList();
        try (var files = Files.list(scratch.resolve("rewritten"))) {
            assertTrue(files.filter(p -> p.toString().endsWith(".parquet")).count() > 1, "another layout");
        }
        assertEquals(parquet.fingerprint(), "sha256:" + InferredRows.digest(rows, 2, 32));
        assertEquals(0, fx.session.read().parquet(uri).filter("predicted < 0 OR predicted > 9 OR size(features) < 1").count(),
                "a label of the 10 classes and a feature vector in every row");
    }
}
