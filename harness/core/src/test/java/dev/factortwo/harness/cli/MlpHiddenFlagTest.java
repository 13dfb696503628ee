package dev.factortwo.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code run --mlp-hidden}: another size of the MLP is a cell of its own (bare reference and checkpointed twin too), named
 * in its id after the workload; the default size, given or not, keeps the ids a baseline knows; a bad list or a
 * workload that is not an MLP is one line naming the flag. Dry runs: no Spark.
 */
class MlpHiddenFlagTest {

    @Test
    void anotherSizeIsNamedInEveryCellAndTheDefaultKeepsItsIds() {
        MainTest.Outcome big = MainTest.run("run", "--workloads", "train-mlp,infer", "--tiers", "memory", "--states", "local",
                "--strategies", "local-sgd,scheduler", "--checkpoint-every", "1", "--mlp-hidden", "32,16", "--accelerator", "cpu", "--dry-run");
        assertEquals(0, big.code(), big.err());
        List<String> ids = big.out().lines().map(String::strip).filter(l -> l.contains("/tensorflow/")).toList();
        assertEquals(List.of("train-mlp+mlp-32-16/synthetic/memory/none/bare/tensorflow/cpu",
                "train-mlp+mlp-32-16/synthetic/memory/local/local-sgd/tensorflow/cpu",
                "train-mlp+mlp-32-16/synthetic/memory/local/local-sgd+checkpoint-every-1/tensorflow/cpu",
                "infer+mlp-32-16/synthetic/memory/local/scheduler/tensorflow/cpu"), ids.stream().map(i -> i.replace("fashion-mnist", "synthetic")).toList());
        for (String[] flags : List.of(new String[] {"--mlp-hidden", "256,128"}, new String[0])) {
            List<String> args = new java.util.ArrayList<>(List.of("run", "--workload", "train-mlp", "--tier", "memory", "--accelerator", "cpu", "--dry-run"));
            args.addAll(List.of(flags));
            MainTest.Outcome plain = MainTest.run(args.toArray(String[]::new));
            assertEquals(0, plain.code(), plain.err());
            assertTrue(plain.out().contains("  train-mlp/"), plain.out());
            assertFalse(plain.out().contains("+mlp-"), "the default size keeps its ids: " + plain.out());
        }
    }

    @Test
    void badSizesAndOtherWorkloadsAreOneLineNamingTheFlag() {
        MainTest.Outcome word = MainTest.run("run", "--workload", "train-mlp", "--mlp-hidden", "wide", "--dry-run");
        MainTest.Outcome zero = MainTest.run("run", "--workload", "train-mlp", "--mlp-hidden", "64,0", "--dry-run");
        MainTest.Outcome empty = MainTest.run("run", "--workload", "train-mlp", "--mlp-hidden", "64,", "--dry-run");
        MainTest.Outcome huge = MainTest.run("run", "--workload", "train-mlp", "--mlp-hidden", "100000,100000", "--dry-run");
        MainTest.Outcome cnn = MainTest.run("run", "--workloads", "train-mlp,train-cnn", "--mlp-hidden", "64", "--dry-run");
        for (MainTest.Outcome o : List.of(word, zero, empty, huge, cnn)) {
            assertEquals(1, o.code(), o.err());
            assertTrue(o.err().contains("--mlp-hidden"), o.err());
            assertEquals(1, o.err().strip().lines().count(), "one line: " + o.err());
        }
        assertTrue(word.err().contains("whole numbers of 1 or more separated by commas"), word.err());
        assertTrue(huge.err().contains("more than 2147483647 numbers"), huge.err());
        assertTrue(cnn.err().contains("(train-mlp, infer), and train-cnn is not one"), cnn.err());
    }
}
