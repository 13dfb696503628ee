package dev.factortwo.model.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.factortwo.model.CellResult.Status;
import dev.factortwo.model.FaultOutcome.Outcome;
import dev.factortwo.model.Reproducibility.Verdict;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Verdicts, fault outcomes and statuses are words in {@code results.json}: each is sealed here, and an unknown one is refused. */
class ResultWordsTest {

    static Stream<Arguments> words() {
        return Stream.of(
                arguments(Verdict.BITWISE, "bitwise"),
                arguments(Verdict.TOLERANCE, "tolerance"),
                arguments(Verdict.DIVERGENT, "divergent"),
                arguments(Verdict.NOT_CHECKED, "not-checked"),
                arguments(Outcome.RECOMPUTED_IDENTICAL, "recomputed-identical"),
                arguments(Outcome.RECOMPUTED_DIFFERENT, "recomputed-different"),
                arguments(Outcome.RESTARTED, "restarted"),
                arguments(Outcome.FAILED, "failed"),
                arguments(Outcome.MISSED, "missed"),
                arguments(Outcome.NOT_ATTRIBUTABLE, "not-attributable"),
                arguments(Outcome.NOT_APPLICABLE, "not-applicable"),
                arguments(Outcome.NOT_INJECTED, "not-injected"),
                arguments(Status.OK, "ok"),
                arguments(Status.FAILED, "failed"));
    }

    @Test
    void everyValueHasItsWordListed() {
        assertEquals(Verdict.values().length + Outcome.values().length + Status.values().length, words().count());
    }

    @ParameterizedTest
    @MethodSource("words")
    void eachWordRoundTripsThroughJson(Enum<?> value, String word) throws JsonProcessingException {
        String json = ResultsCodec.mapper().writeValueAsString(value);
        assertEquals("\"" + word + "\"", json);
        assertEquals(value, ResultsCodec.mapper().readValue(json, value.getDeclaringClass()));
        assertEquals(word, value.toString());
    }

    @Test
    void anUnknownWordIsRefusedInOneLineNamingItAndTheExpectedOnes() {
        IllegalArgumentException direct = assertThrows(IllegalArgumentException.class, () -> Verdict.of("bitwize"));
        assertEquals("unknown verdict 'bitwize'; expected one of bitwise, tolerance, divergent, not-checked", direct.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Outcome.of("lost")).getMessage().startsWith("unknown fault outcome 'lost'; "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Status.of("OK")).getMessage().equals("unknown status 'OK'; expected one of ok, failed"));

        String json = ResultsCodec.toJson(ResultsCodecTest.fixture())
                .replaceFirst("\"outcome\" : \"recomputed-identical\"", "\"outcome\" : \"recomputed-same\"");
        ResultsFormatException e = assertThrows(ResultsFormatException.class, () -> ResultsCodec.parse(Path.of("results.json"), json));
        assertTrue(e.getMessage().startsWith("results.json: ") && e.getMessage().contains("unknown fault outcome 'recomputed-same'")
                && e.getMessage().contains("recomputed-identical, recomputed-different"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
