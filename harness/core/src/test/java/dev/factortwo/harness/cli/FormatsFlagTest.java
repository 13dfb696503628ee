package dev.factortwo.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code run --formats}: shards stay the control and the default (their ids unchanged), each other format adds its own
 * cells beside them, and a bad format or Parquet setting is one line naming the flag.
 */
@org.junit.jupiter.api.extension.ExtendWith(dev.factortwo.harness.testing.OwnSpark.class)
class FormatsFlagTest {

    @Test
    void parquetCellsRunBesideTheShardsOnesAndTheDefaultIsShardsAlone() {
        MainTest.Outcome both = MainTest.run("run", "--workload", "train-mlp", "--tiers", "memory,s3", "--states", "spark",
                "--formats", "shards,parquet", "--accelerator", "cpu", "--no-bare", "--dry-run");
        assertEquals(0, both.code(), both.err());
        List<String> ids = both.out().lines().map(String::strip).filter(l -> l.startsWith("train-mlp/")).toList();
        assertEquals(4, ids.size(), both.out());
        assertTrue(ids.get(0).startsWith("train-mlp/") && ids.get(0).contains("/memory/spark/"), ids.toString());
        assertTrue(ids.get(1).contains("/memory+parquet/spark/"), "each configuration's formats side by side: " + ids);
        assertTrue(ids.get(3).contains("/s3+parquet/spark/"), ids.toString());
        MainTest.Outcome plain = MainTest.run("run", "--workload", "train-mlp", "--tiers", "s3", "--accelerator", "cpu", "--no-bare", "--dry-run");
        assertEquals(0, plain.code(), plain.err());
        assertFalse(plain.out().contains("+parquet"), plain.out());
        assertTrue(plain.out().contains("train-mlp/"), plain.out());
    }

    @Test
    void badFormatsAndSettingsAreOneLineNamingTheFlag() {
        MainTest.Outcome unknown = MainTest.run("run", "--workload", "train-mlp", "--formats", "shards,orc", "--dry-run");
        assertEquals(1, unknown.code(), unknown.err());
        assertTrue(unknown.err().contains("--formats: unknown format 'orc'; expected one of shards, parquet"), unknown.err());
        MainTest.Outcome twice = MainTest.run("run", "--workload", "train-mlp", "--formats", "parquet,parquet", "--dry-run");
        assertEquals(1, twice.code(), twice.err());
        assertTrue(twice.err().contains("--formats [parquet, parquet]: a format is listed twice"), twice.err());
        MainTest.Outcome codec = MainTest.run("run", "--workload", "train-mlp", "--formats", "parquet", "--parquet-compression", "lzma", "--dry-run");
        assertEquals(1, codec.code(), codec.err());
        assertTrue(codec.err().contains("--parquet-compression 'lzma': expected one of snappy, zstd, gzip, lz4_raw, uncompressed"), codec.err());
        MainTest.Outcome groups = MainTest.run("run", "--workload", "train-mlp", "--parquet-row-group-samples", "0", "--dry-run");
        assertEquals(1, groups.code(), groups.err());
        assertTrue(groups.err().contains("--parquet-row-group-samples must be at least 1, was 0"), groups.err());
        for (MainTest.Outcome o : List.of(unknown, twice, codec, groups)) {
            assertEquals(1, o.err().strip().lines().count(), "one line: " + o.err());
        }
    }
}
