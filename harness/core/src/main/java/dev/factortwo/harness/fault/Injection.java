package dev.factortwo.harness.fault;

import java.util.List;

/**
 * A fault to inject into one repetition: which kind, into what, before which round, and where to record
 * what was done. {@link #NONE} for a fault-free repetition.
 *
 * @param kind     the fault, or null for none
 * @param target   what it is injected into
 * @param atRound  the round before which (or during which) it strikes
 * @param log      what the fault did, in words, appended while the repetition runs (thread-safe)
 */
public record Injection(FaultKind kind, FaultTarget target, int atRound, List<String> log) {

    public static final Injection NONE = new Injection(null, null, -1, List.of());

    /** True for a fault-free repetition. */
    public boolean none() {
        return kind == null;
    }
}
