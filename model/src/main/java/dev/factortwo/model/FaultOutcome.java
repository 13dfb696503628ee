package dev.factortwo.model;

/**
 * What happened when a fault was injected into a run of a cell.
 *
 * @param fault               fault kind, e.g. {@code lost-cached-blocks}, {@code task-failure},
 *                            {@code executor-kill}, {@code local-state-loss}, {@code cold-store-outage}
 * @param outcome             {@code recomputed-identical}, {@code recomputed-different}, {@code restarted},
 *                            {@code failed} or {@code not-applicable}
 * @param recoverySeconds     extra wall time versus the fault-free run, seconds
 * @param extraBytesRead      extra bytes read from storage versus the fault-free run
 * @param fingerprint         fingerprint of the faulted run's result, or null when it failed
 * @param explanation         one sentence in plain words, e.g. "lost cached blocks: recomputed from
 *                            HDFS in 3.1 s, identical"
 */
public record FaultOutcome(String fault, String outcome, double recoverySeconds, long extraBytesRead,
                           String fingerprint, String explanation) {

    public static final String RECOMPUTED_IDENTICAL = "recomputed-identical";
    public static final String RECOMPUTED_DIFFERENT = "recomputed-different";
    public static final String RESTARTED = "restarted";
    public static final String FAILED = "failed";
    public static final String NOT_APPLICABLE = "not-applicable";

    /** True when the fault left the result recomputable and identical. */
    public boolean identical() {
        return RECOMPUTED_IDENTICAL.equals(outcome);
    }
}
