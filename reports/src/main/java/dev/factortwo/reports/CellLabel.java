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

    /** {@code train-cnn · memory · spark · single · cpu}. */
    public static String full(CellKey key) {
        return key.workload() + " · " + withinWorkload(key);
    }
}
