package dev.factortwo.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Map;
import java.util.TreeMap;

/**
 * What happened when a fault was injected into a run of a cell, with the evidence that it hit.
 *
 * @param fault               fault kind, e.g. {@code lost-cached-blocks}, {@code task-failure},
 *                            {@code executor-kill}, {@code local-state-loss}, {@code cold-store-outage}
 * @param outcome             what the faulted run gave ({@link Outcome})
 * @param recoverySeconds     extra wall time versus the fault-free runs, seconds, the harness's own waiting
 *                            (an outage's timer) excluded
 * @param extraBytesRead      extra bytes read from storage versus the fault-free runs
 * @param fingerprint         fingerprint of the faulted run's result, or null when it failed
 * @param explanation         one sentence in plain words, e.g. "lost cached blocks: recomputed from
 *                            HDFS in 3.1 s, identical"
 * @param evidence            what the fault did and what it caused, counted where it happened, e.g.
 *                            {@code blocksRemoved}, {@code failedTaskAttempts}, {@code executorsLost},
 *                            {@code entriesDropped}, {@code entriesDropped.executor.1}, {@code bytesReread};
 *                            empty for outcomes without an injection (and in results written before evidence)
 * @param recovery            {@link #recoverySeconds} with its interval (a prediction interval for one faulted run
 *                            against the fault-free repetitions), or null where it was not estimated
 */
public record FaultOutcome(String fault, Outcome outcome, double recoverySeconds, long extraBytesRead,
                           String fingerprint, String explanation,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Long> evidence,
                           @JsonInclude(JsonInclude.Include.NON_NULL) Interval recovery) {

    /**
     * What a run with a fault injected gave. Written to {@code results.json} as its {@link #word()}, e.g.
     * {@code "outcome" : "recomputed-identical"}; {@link #toString()} is the word too. Immutable, so thread-safe.
     */
    public enum Outcome {
        /** The run recovered and gave the fault-free result, bit for bit. */
        RECOMPUTED_IDENTICAL("recomputed-identical"),
        /** The run recovered with another result. */
        RECOMPUTED_DIFFERENT("recomputed-different"),
        /** The fault made the run fail, and it had to start over. */
        RESTARTED("restarted"),
        /** The run failed, also when restarted. */
        FAILED("failed"),
        /** Injected, but nothing shows it hit anything. */
        MISSED("missed"),
        /** The repeats already differ, so a difference says nothing about the fault. */
        NOT_ATTRIBUTABLE("not-attributable"),
        /** The fault does not apply to the cell, or its engine does not take it. */
        NOT_APPLICABLE("not-applicable"),
        /**
         * The injection itself failed before it could touch anything (e.g. the store could not be taken down): nothing
         * was tested, never green.
         */
        NOT_INJECTED("not-injected");

        private final String word;

        Outcome(String word) {
            this.word = word;
        }

        /** The word in {@code results.json}, e.g. {@code recomputed-identical}. */
        @JsonValue
        public String word() {
            return word;
        }

        /**
         * The outcome written as {@code word}.
         *
         * @throws IllegalArgumentException naming {@code word} and the words expected
         */
        @JsonCreator
        public static Outcome of(String word) {
            return Words.parse("fault outcome", word, values(), Outcome::word);
        }

        @Override
        public String toString() {
            return word;
        }
    }

    /**
     * Evidence keys whose positive count shows that a fault reached what the run depends on: something was removed,
     * killed or dropped and the run felt it (a task attempt failed, an executor was lost, bytes were read again, a
     * replica was restored). Counts of what the fault merely did or where it looked ({@code storeDownMillis},
     * {@code executorsReached}, {@code restarts}, {@code bytesReadFromFaultRound}, {@code filesOpenedFromFaultRound}) are recorded too, but show no hit.
     */
    public static final java.util.Set<String> HIT_EVIDENCE = java.util.Set.of("blocksRemoved", "failedTaskAttempts",
            "executorsLost", "entriesDropped", "bytesReread", "stepsLost", "stepsRerun", "replicasRestored", "tasksLost");

    public FaultOutcome {
        evidence = evidence == null ? Map.of() : java.util.Collections.unmodifiableMap(new TreeMap<>(evidence));
    }

    /** An outcome without evidence or interval (not applicable, or read from results written before them). */
    public FaultOutcome(String fault, Outcome outcome, double recoverySeconds, long extraBytesRead, String fingerprint, String explanation) {
        this(fault, outcome, recoverySeconds, extraBytesRead, fingerprint, explanation, Map.of(), null);
    }

    /** True when the fault hit, left the result recomputable and identical. */
    public boolean identical() {
        return outcome == Outcome.RECOMPUTED_IDENTICAL;
    }

    /** True when the fault was not injected into this cell (it does not apply, or its engine does not take it). */
    public boolean notApplicable() {
        return outcome == Outcome.NOT_APPLICABLE;
    }

    /** True when the injection was tried and could not be made: nothing was tested. */
    public boolean notInjected() {
        return outcome == Outcome.NOT_INJECTED;
    }

    /**
     * True when the recorded evidence shows the fault hit, judged by its values: some count in {@link #HIT_EVIDENCE}
     * is positive. A map of zeros, or one of only what the fault did ({@code storeDownMillis}), shows nothing.
     */
    public boolean evidenced() {
        return evidence.entrySet().stream().anyMatch(e -> e.getValue() != null && e.getValue() > 0 && HIT_EVIDENCE.contains(e.getKey()));
    }

    /**
     * True when this fault makes its cell's result recomputable: it hit, with evidence ({@link #evidenced}), and the
     * run recomputed the identical result.
     */
    public boolean recomputedWithEvidence() {
        return identical() && evidenced();
    }

    /** True when the recovery's interval includes 0: the fault cost nothing measurable. */
    public boolean recoveryWithinNoise() {
        return recovery != null && recovery.contains(0);
    }
}
