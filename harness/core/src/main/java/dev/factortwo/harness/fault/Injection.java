package dev.factortwo.harness.fault;


/**
 * A fault to inject into one repetition: which kind, into what, before which round, and where to record
 * what was done and its evidence. {@link #NONE} for a fault-free repetition.
 *
 * @param kind     the fault, or null for none
 * @param target   what it is injected into
 * @param atRound  the round before which (or during which) it strikes
 * @param record   what the fault did and the evidence, written while the repetition runs
 */
public record Injection(FaultKind kind, FaultTarget target, int atRound, FaultRecord record) {

    public static final Injection NONE = new Injection(null, null, -1, new FaultRecord());

    /** True for a fault-free repetition. */
    public boolean none() {
        return kind == null;
    }
}
