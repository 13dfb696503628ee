package dev.factortwo.reports.cli;

import dev.factortwo.model.Defaults;
import dev.factortwo.reports.gate.GateOptions;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The options of the one rule for "slower than the baseline" ({@link dev.factortwo.reports.gate.SlowdownTest}),
 * shared by {@code gate} and {@code report} so that the same flags give the same answer in both. Defaults come
 * from {@link Defaults}.
 */
public final class SpeedRuleOptions {

    @Option(names = "--max-slowdown", paramLabel = "PERCENT", converter = Fraction.class,
            description = "largest tolerated slowdown, e.g. 5%% or 0.05 (default: ${DEFAULT-VALUE})")
    double maxSlowdown = Defaults.GATE_MAX_SLOWDOWN;

    @Option(names = "--confidence", description = "confidence over the whole comparison (default: ${DEFAULT-VALUE})")
    double confidence = Defaults.GATE_CONFIDENCE;

    @Option(names = "--correction", description = "multiple-comparison correction: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    GateOptions.Correction correction = GateOptions.defaults().correction();

    @Option(names = "--test", description = "significance test: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE})")
    GateOptions.Test test = GateOptions.defaults().test();

    /** The gate's defaults with these flags applied. */
    GateOptions apply(GateOptions base) {
        return base.withMaxSlowdown(maxSlowdown).withConfidence(confidence).withCorrection(correction).withTest(test);
    }

    /** {@code 5%} or {@code 0.05}. */
    static final class Fraction implements ITypeConverter<Double> {
        @Override
        public Double convert(String s) {
            String t = s.trim();
            try {
                return t.endsWith("%") ? Double.parseDouble(t.substring(0, t.length() - 1)) / 100 : Double.parseDouble(t);
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + s + "': expected a percentage like 5% or a fraction like 0.05");
            }
        }
    }
}
