package dev.factortwo.reports;

import dev.factortwo.model.CellKey;

/** Short names for a cell where its workload is already known from context. */
public final class CellLabel {

    private CellLabel() {
    }

    /** {@code memory · spark · single · cpu}: the axes that vary within a workload. */
    public static String withinWorkload(CellKey key) {
        return key.withinWorkload();
    }

    /** {@code train-cnn · memory · spark · single · cpu}; another model than the workload's own is named after it ({@code train-mlp+mlp-32-16 · ...}). */
    public static String full(CellKey key) {
        return key.workloadLabel() + " · " + withinWorkload(key);
    }
}
