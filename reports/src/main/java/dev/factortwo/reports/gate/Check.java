package dev.factortwo.reports.gate;

/** What one row of a {@link GateReport} checked. */
public enum Check {
    /** Speed (throughput, or a JMH score turned into "higher is faster"): the regression test. */
    SPEED("speed"),
    /** Held-out test accuracy, absolute drop against {@link GateOptions#maxAccuracyDrop()}. */
    ACCURACY("accuracy"),
    /** A cell that was reproducible (bitwise repeat, or a fault recomputed identically) must stay so. */
    REPRODUCIBILITY("reproducibility"),
    /** The cell exists and ran in both files. */
    PRESENCE("presence"),
    /** Device, JDK major version and TensorFlow version are the same. */
    ENVIRONMENT("environment");

    private final String label;

    Check(String label) {
        this.label = label;
    }

    /** Name used in every output, e.g. {@code speed}. */
    public String label() {
        return label;
    }
}
