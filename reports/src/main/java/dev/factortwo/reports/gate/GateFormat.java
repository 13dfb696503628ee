package dev.factortwo.reports.gate;

/**
 * One output format of a {@link GateReport}: console table, JUnit XML, Markdown. Implementations are
 * stateless and deterministic (same report, same text), so their output is sealed by golden files.
 */
public interface GateFormat {

    /** The whole document for {@code report}, ending with a newline. */
    String render(GateReport report);
}
