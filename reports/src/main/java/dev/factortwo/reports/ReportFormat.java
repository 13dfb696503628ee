package dev.factortwo.reports;

/**
 * One output format of the report. Implementations are stateless and thread-safe; each renders the
 * whole document as text from saved results alone (no Spark, no TensorFlow).
 */
public interface ReportFormat {

    /** The complete document for {@code input}. */
    String render(ReportInput input);
}
