package dev.factortwo.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import dev.factortwo.harness.plan.SuitePlan;
import dev.factortwo.model.CellKey;
import dev.factortwo.model.CellSpec;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Argument handling: one clear line, no stack trace, exit 1. Nothing here starts Spark. */
@org.junit.jupiter.api.extension.ExtendWith(dev.factortwo.harness.testing.OwnSpark.class)
class MainTest {

    @Test
    void everyCommandsSummaryLineIsAWholeSentence() {
        // picocli lists a command by the first line of its description: a line cut mid-sentence reads "... and writes"
        picocli.CommandLine main = new picocli.CommandLine(new Main());
        for (var e : main.getSubcommands().entrySet()) {
            String[] description = e.getValue().getCommandSpec().usageMessage().description();
            assertTrue(description.length > 0, e.getKey() + " has no description");
            String first = description[0].strip();
            assertTrue(first.endsWith(".") || first.endsWith("?"), e.getKey() + "'s summary stops mid-sentence: " + first);
        }
    }


    record Outcome(int code, String out, String err) {
    }

    static Outcome run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            int code = Main.execute(args);
            return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void helpListsEverySubcommandAndExitsZero() {
        Outcome o = run("--help");
        assertEquals(0, o.code());
        for (String c : new String[] {"run", "report", "gate", "doctor", "baseline"}) assertTrue(o.out().contains(c), c);
        Outcome r = run("run", "--help");
        assertEquals(0, r.code());
        for (String f : new String[] {"--workload", "--tier", "--state", "--epochs", "--batch-size", "--learning-rate", "--seed",
                "--repetitions", "--out", "--resume", "--throttle", "--accelerator", "--master"}) {
            assertTrue(r.out().contains(f), f);
        }
    }

    @Test
    void unknownFlagIsOneLineAndExitOne() {
        Outcome o = run("run", "--bogus");
        assertEquals(1, o.code());
        assertTrue(o.err().contains("--bogus"), o.err());
        assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
    }

    @Test
    void badValuesNameTheFlagAndWhatWasExpected(@TempDir Path dir) {
        Outcome epochs = run("run", "--workload", "train-mlp", "--epochs", "0", "--out", dir.toString());
        assertEquals(1, epochs.code());
        assertTrue(epochs.err().contains("--epochs must be at least 1"), epochs.err());
        Outcome tier = run("run", "--workload", "train-mlp", "--tier", "tape", "--out", dir.toString());
        assertEquals(1, tier.code());
        assertTrue(tier.err().contains("unknown tier 'tape'"), tier.err());
        Outcome workload = run("run", "--workload", "train-gpt", "--out", dir.toString());
        assertEquals(1, workload.code());
        assertTrue(workload.err().contains("unknown workload 'train-gpt'"), workload.err());
        Outcome number = run("run", "--workload", "train-mlp", "--batch-size", "many");
        assertEquals(1, number.code());
        assertTrue(number.err().contains("many"), number.err());
        Outcome emulate = run("run", "--workload", "train-mlp", "--accelerator", "emulate:tpu9", "--out", dir.toString());
        assertEquals(1, emulate.code());
        assertTrue(emulate.err().contains("no profile 'tpu9'"), emulate.err());
        Outcome sync = run("run", "--workload", "train-mlp", "--state", "local", "--strategies", "local-sgd", "--sync-every", "0", "--out", dir.toString());
        assertEquals(1, sync.code());
        assertTrue(sync.err().contains("--sync-every must be a positive number of steps or 'end', was '0'"), sync.err());
        Outcome noLocalSgd = run("run", "--workload", "train-mlp", "--sync-every", "4", "--out", dir.toString());
        assertEquals(1, noLocalSgd.code());
        assertTrue(noLocalSgd.err().contains("--sync-every applies to --strategies local-sgd"), noLocalSgd.err());
        assertTrue(!noLocalSgd.err().contains("\tat "), "no stack trace: " + noLocalSgd.err());
        Outcome threads = run("run", "--workload", "train-mlp", "--tf-intra-op-threads", "many", "--out", dir.toString());
        assertEquals(1, threads.code());
        assertTrue(threads.err().contains("--tf-intra-op-threads") && threads.err().contains("expected 'workload', 'auto' or a number of threads"), threads.err());
    }

    @Test
    void perCellThreadCountsNeedAPoolPerSessionAndSaySo() {
        var byModel = new dev.factortwo.harness.nn.TfSettings(dev.factortwo.harness.nn.TfSettings.BY_WORKLOAD, 2);
        String why = RunCommand.poolsProblem(byModel, false).orElseThrow();
        assertTrue(why.contains("--tf-intra-op-threads workload") && why.contains("export TF_OVERRIDE_GLOBAL_THREADPOOL=1")
                && why.contains("or give a number of threads"), why);
        assertTrue(RunCommand.poolsProblem(new dev.factortwo.harness.nn.TfSettings(dev.factortwo.harness.nn.TfSettings.AUTO, 2), false)
                .orElseThrow().contains("--tf-intra-op-threads auto"));
        assertTrue(RunCommand.poolsProblem(byModel, true).isEmpty(), "with a pool per session the counts apply");
        assertTrue(RunCommand.poolsProblem(new dev.factortwo.harness.nn.TfSettings(2, 2), false).isEmpty(), "one count for the run needs none");
    }

    @Test
    void helpSaysWhatWarmUpStepsAndAutoThreadsDo() {
        String help = run("run", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("each worker (and the bare reference) runs and undoes before every repetition's timed region"), help);
        assertTrue(help.contains("auto (the cores divided by the tasks a cell runs at once"), help);
        assertTrue(help.contains("workload (each model's measured choice: 1 for the MLPs"), help);
        assertTrue(help.contains("(default: workload)"), help);
    }

    @Test
    void unwritableOutputFailsBeforeAnyWork(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-dir"), "x");
        Outcome o = run("run", "--workload", "train-mlp", "--out", file.resolve("sub").toString());
        assertEquals(1, o.code());
        assertTrue(o.err().contains("not writable"), o.err());
    }

    @Test
    void mistakesFoundPastTheFlagsAreOneLineToo(@TempDir Path dir) throws Exception {
        // thrown as UserError deep in the harness (suite file, profiles file, dataset shape): exit 1, not a bug's 70
        Path suite = Files.writeString(dir.resolve("suite.json"), "{\"workloads\": [\"train-mlp\"], \"epoch\": 2}");
        Outcome suiteFile = run("run", "--suite", suite.toString(), "--dry-run");
        assertEquals(1, suiteFile.code(), suiteFile.err());
        assertTrue(suiteFile.err().contains("suite.json: unknown field 'epoch'"), suiteFile.err());
        Path profiles = Files.writeString(dir.resolve("profiles.json"), "{\"profiles\": {\"tpu9\": {\"nanosPerSample\": {}}}}");
        Outcome profile = run("run", "--workload", "train-mlp", "--accelerator", "emulate:tpu9", "--accelerator-profiles", profiles.toString(),
                "--out", dir.resolve("p").toString());
        assertEquals(1, profile.code(), profile.err());
        assertTrue(profile.err().contains("profiles.json: profile 'tpu9': field 'source' (text) is required"), profile.err());
        Outcome shape = run("run", "--workload", "train-mlp", "--datasets", "synthetic", "--synthetic-shape", "0x28x1", "--accelerator", "cpu",
                "--out", dir.resolve("s").toString());
        assertEquals(1, shape.code(), shape.err());
        assertTrue(shape.err().contains("--synthetic-shape 0x28x1: synthetic: height 0, expected at least 1"), shape.err());
        Outcome warmup = run("run", "--workload", "train-mlp", "--warmup-steps", "-1", "--dry-run");
        assertEquals(1, warmup.code(), warmup.err());
        assertTrue(warmup.err().contains("--warmup-steps must be 0 or more, was -1"), warmup.err());
        for (Outcome o : List.of(suiteFile, profile, shape, warmup)) assertFalse(o.err().contains("\tat "), "no stack trace: " + o.err());
    }

    @Test
    void checkpointEveryAddsACheckpointedCellBesideEachLocalSgdCellAndLeavesTheOthersAlone() {
        Outcome dry = run("run", "--workload", "train-mlp", "--datasets", "synthetic", "--strategies", "local-sgd,model-averaging",
                "--checkpoint-every", "2", "--accelerator", "cpu", "--dry-run");
        assertEquals(0, dry.code(), dry.err());
        assertTrue(dry.out().contains("/local-sgd+checkpoint-every-2/"), dry.out());
        assertTrue(dry.out().contains("/local-sgd/"), "the plain cell is measured beside it: " + dry.out());
        assertTrue(dry.out().contains("/model-averaging/"), dry.out());
        assertFalse(dry.out().contains("/model-averaging+checkpoint-every-2/"), "nothing to checkpoint, so no such cell: " + dry.out());
        assertTrue(dry.out().contains("/bare/"), dry.out());
        assertFalse(dry.out().contains("/bare+"), dry.out());
        Outcome none = run("run", "--workload", "train-mlp", "--datasets", "synthetic", "--strategies", "model-averaging",
                "--checkpoint-every", "2", "--dry-run");
        assertEquals(1, none.code(), none.err());
        assertTrue(none.err().contains("--checkpoint-every applies to strategies whose workers keep state"), none.err());
        Outcome bad = run("run", "--workload", "train-mlp", "--checkpoint-every", "-1", "--dry-run");
        assertEquals(1, bad.code(), bad.err());
        assertTrue(bad.err().contains("--checkpoint-every must be a number of rounds"), bad.err());
        assertFalse(bad.err().contains("\tat "), bad.err());
    }

    @Test
    void knobsRefusesImpossibleCountsBeforeStartingSpark(@TempDir Path dir) {
        // they reached the records' preconditions, a bug's exit 70, once a plain IllegalArgumentException meant one
        Outcome threads = run("knobs", "--threads", "-3", "--out", dir.toString());
        assertEquals(1, threads.code(), threads.err());
        assertTrue(threads.err().contains("--threads must be 0 (TensorFlow chooses) or more, was -3"), threads.err());
        Outcome partitions = run("knobs", "--partitions", "1,0", "--out", dir.toString());
        assertEquals(1, partitions.code(), partitions.err());
        assertTrue(partitions.err().contains("--partitions must each be at least 1, was [1, 0]"), partitions.err());
    }

    @Test
    void reportAndGateNameABadFile(@TempDir Path dir) throws Exception {
        Path empty = Files.writeString(dir.resolve("empty.json"), "");
        Outcome r = run("report", empty.toString(), "-o", dir.resolve("r.html").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("empty.json") && r.err().contains("empty"), r.err());
        Outcome g = run("gate", "--baseline", empty.toString(), "--candidate", empty.toString());
        assertEquals(1, g.code());
    }

    @Test
    void quickSuiteWithTwoEnginesPlansBothOverTheSameTiersAndStates() {
        String[] args = {"run", "--suite", "quick", "--engines", "tensorflow,mllib", "--dry-run"};
        Outcome o = run(args);
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("skipped mllib x train-cnn x spark state") && o.out().contains("no convolutions"), o.out());
        assertTrue(o.out().contains("skipped mllib x train-mlp x local state") && o.out().contains("spark state only"), o.out());
        assertTrue(o.out().contains("train-mlp/synthetic/s3/spark/mllib-lbfgs/mllib/auto")
                || o.out().contains("train-mlp/fashion-mnist/s3/spark/mllib-lbfgs/mllib/auto"), o.out());

        RunCommand cmd = new RunCommand();
        new picocli.CommandLine(cmd).parseArgs(java.util.Arrays.copyOfRange(args, 1, args.length));
        List<CellSpec> cells = SuitePlan.expand(cmd.suite(), "cpu");
        List<CellKey> tf = cells.stream().map(CellSpec::key).filter(k -> k.engine().equals("tensorflow")).toList();
        List<CellKey> mllib = cells.stream().map(CellSpec::key).filter(k -> k.engine().equals("mllib")).toList();
        assertEquals(3 * 4 * 2 + 2 + 2, tf.size(),
                "tensorflow: every workload x tier x state, and local-sgd-end and single for each training workload");
        assertEquals(List.of("train-mlp", "train-cnn"), tf.stream().filter(k -> k.strategy().equals("single"))
                .map(CellKey::workload).toList(), "the recomputable baseline per training workload");
        assertEquals(List.of("train-mlp", "train-cnn"), tf.stream().filter(k -> k.strategy().equals("local-sgd-end"))
                .map(CellKey::workload).toList(), "one configuration that gives recomputability up per training workload");
        assertEquals(2 * 4, mllib.size(), "mllib: train-mlp and infer on every tier, spark state");
        assertEquals(tf.stream().map(CellKey::tier).collect(Collectors.toSet()), mllib.stream().map(CellKey::tier).collect(Collectors.toSet()));
        assertEquals(Set.of("spark"), mllib.stream().map(CellKey::state).collect(Collectors.toSet()));
        for (CellKey m : mllib) {
            assertTrue(tf.stream().anyMatch(t -> t.workload().equals(m.workload()) && t.dataset().equals(m.dataset())
                    && t.tier().equals(m.tier()) && t.state().equals(m.state())), "a tensorflow cell beside " + m);
            assertEquals(m.workload().equals("infer") ? "mllib-transform" : "mllib-lbfgs", m.strategy());
        }
        assertEquals(cells.size(), new java.util.HashSet<>(cells.stream().map(CellSpec::id).toList()).size(), "no duplicate cells");
        List<CellSpec> withBare = SuitePlan.withBareReferences(cells);
        assertEquals(cells.size() + 2, withBare.size(), "a bare reference for train-mlp and train-cnn, none for infer or mllib");
        assertTrue(o.out().contains(withBare.size() + " cells"), o.out());
        assertTrue(o.out().contains("/memory/none/bare/tensorflow/"), "the dry run lists the bare references: " + o.out());
    }

    @Test
    void unknownEngineOrForeignStrategyIsOneLine() {
        Outcome engine = run("run", "--suite", "quick", "--engines", "torch", "--dry-run");
        assertEquals(1, engine.code());
        assertTrue(engine.err().contains("unknown engine 'torch'") && engine.err().contains("mllib"), engine.err());
        Outcome strategy = run("run", "--suite", "quick", "--strategies", "allreduce", "--dry-run");
        assertEquals(1, strategy.code());
        assertTrue(strategy.err().contains("unknown strategy 'allreduce'") && strategy.err().contains("mllib-lbfgs"), strategy.err());
    }
}
