package dev.factortwo.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A results file: the environment, the suite's configuration and one result per cell.
 *
 * @param schema       always {@link #SCHEMA_V1} when written by this version
 * @param suite        suite name ({@code quick}, a suite file's name, or {@code single})
 * @param createdAt    ISO-8601 instant the run started
 * @param environment  where it ran
 * @param config       the suite's configuration, as flags and values
 * @param cells        one result per cell, in plan order
 */
public record Results(String schema, String suite, String createdAt, Environment environment,
                      Map<String, String> config, List<CellResult> cells) {

    public static final String SCHEMA_V1 = "factortwo/results/v1";

    public Results {
        config = config == null ? Map.of() : Map.copyOf(config);
        cells = cells == null ? List.of() : List.copyOf(cells);
    }

    public Optional<CellResult> cell(String id) {
        return cells.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** These results with {@code result} added, replacing any cell with the same id. */
    public Results with(CellResult result) {
        List<CellResult> next = new ArrayList<>(cells.size() + 1);
        boolean replaced = false;
        for (CellResult c : cells) {
            if (c.id().equals(result.id())) {
                next.add(result);
                replaced = true;
            } else {
                next.add(c);
            }
        }
        if (!replaced) next.add(result);
        return new Results(schema, suite, createdAt, environment, config, next);
    }
}
