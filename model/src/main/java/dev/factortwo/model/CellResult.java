package dev.factortwo.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Map;

/**
 * The measured result of one cell. Field names are a public contract ({@code results.json}, schema v1).
 *
 * @param key                     identity, with {@code device} resolved to what ran
 * @param spec                    the settings that ran
 * @param status                  whether the cell produced a result ({@link Status})
 * @param error                   the failure in one line, or null
 * @param repetitions             every measured repetition
 * @param samplesPerSecond        throughput per repetition with mean and 95% CI
 * @param inputSeconds            mean input time per repetition
 * @param computeSeconds          mean compute time per repetition
 * @param acceleratorUtilization  compute time / wall time of the measured region, mean over repetitions
 * @param bytesRead               mean bytes read per repetition
 * @param fingerprint             fingerprint of the first repetition
 * @param testAccuracy            mean held-out accuracy (training), NaN for inference
 * @param latency                 step latency, all repetitions merged
 * @param reproducibility         repeat and fault verdicts, or null when not checked
 * @param io                      per-epoch storage counters of the first repetition, or empty
 * @param notes                   plain-words notes (e.g. "served by a cache", "emulated accelerator")
 * @param attributes              extra facts about the run (e.g. {@code stateReset}, {@code emulated})
 */
public record CellResult(CellKey key, CellSpec spec, Status status, String error,
                         List<Repetition> repetitions, Summary samplesPerSecond,
                         double inputSeconds, double computeSeconds, double acceleratorUtilization,
                         long bytesRead, String fingerprint, double testAccuracy, Latency latency,
                         Reproducibility reproducibility, List<EpochIo> io, List<String> notes,
                         Map<String, String> attributes) {

    /**
     * Whether a cell produced a result. Written to {@code results.json} as its {@link #word()}, {@code ok} or
     * {@code failed}; {@link #toString()} is the word too. Immutable, so thread-safe.
     */
    public enum Status {
        /** The cell was measured. */
        OK("ok"),
        /** The cell failed; {@link CellResult#error()} says why. */
        FAILED("failed");

        private final String word;

        Status(String word) {
            this.word = word;
        }

        /** The word in {@code results.json}: {@code ok} or {@code failed}. */
        @JsonValue
        public String word() {
            return word;
        }

        /**
         * The status written as {@code word}.
         *
         * @throws IllegalArgumentException naming {@code word} and the words expected
         */
        @JsonCreator
        public static Status of(String word) {
            return Words.parse("status", word, values(), Status::word);
        }

        @Override
        public String toString() {
            return word;
        }
    }

    public CellResult {
        repetitions = repetitions == null ? List.of() : List.copyOf(repetitions);
        io = io == null ? List.of() : List.copyOf(io);
        notes = notes == null ? List.of() : List.copyOf(notes);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public String id() {
        return key.id();
    }

    public boolean ok() {
        return status == Status.OK;
    }

    /**
     * The comma-separated numbers of attribute {@code name} (figures recorded one per repetition or per round, e.g.
     * {@code "0.12,0.10,NaN"}), or empty when it is absent, blank, or holds an entry that is not a number (such as
     * {@code not reached}). {@code NaN} entries are kept.
     */
    public java.util.Optional<double[]> numbers(String name) {
        String v = attributes.get(name);
        if (v == null || v.isBlank()) return java.util.Optional.empty();
        String[] parts = v.split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                return java.util.Optional.empty();
            }
        }
        return java.util.Optional.of(out);
    }

    /** A failed cell: kept in the results so that a rerun or the report can see what went wrong. */
    public static CellResult failed(CellKey key, CellSpec spec, String error) {
        return new CellResult(key, spec, Status.FAILED, error, List.of(), null, 0, 0, 0, 0, null,
                Double.NaN, null, null, List.of(), List.of(), Map.of());
    }

    /** The same result with attribute {@code name} set to {@code value}. */
    public CellResult withAttribute(String name, String value) {
        Map<String, String> next = new java.util.HashMap<>(attributes);
        next.put(name, value);
        return new CellResult(key, spec, status, error, repetitions, samplesPerSecond, inputSeconds,
                computeSeconds, acceleratorUtilization, bytesRead, fingerprint, testAccuracy, latency,
                reproducibility, io, notes, next);
    }

    /** The same result with another reproducibility verdict. */
    public CellResult withReproducibility(Reproducibility r) {
        return new CellResult(key, spec, status, error, repetitions, samplesPerSecond, inputSeconds,
                computeSeconds, acceleratorUtilization, bytesRead, fingerprint, testAccuracy, latency,
                r, io, notes, attributes);
    }
}
