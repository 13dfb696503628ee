package dev.factortwo.model;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Reads the enums that {@code results.json} writes as words ({@link Reproducibility.Verdict} and the like). */
final class Words {

    private Words() {
    }

    /**
     * The value of {@code values} written as {@code word}.
     *
     * @throws IllegalArgumentException in one line naming {@code field}, {@code word} and the words expected, e.g.
     *                                  {@code unknown verdict 'bitwize'; expected one of bitwise, tolerance, divergent, not-checked}
     */
    static <E extends Enum<E>> E parse(String field, String word, E[] values, Function<E, String> wordOf) {
        for (E e : values) {
            if (wordOf.apply(e).equals(word)) return e;
        }
        throw new IllegalArgumentException("unknown " + field + " '" + word + "'; expected one of "
                + Arrays.stream(values).map(wordOf).collect(Collectors.joining(", ")));
    }
}
