package dev.factortwo.reports.gate;

import java.util.Objects;

/**
 * One row of a {@link GateReport}: one check of one subject.
 *
 * @param subject  what was checked: a cell id ({@code train-mlp/fashion-mnist/memory/spark/single/tensorflow/cpu}),
 *                 a JMH benchmark key, or {@code (environment)}
 * @param check    which check
 * @param status   outcome
 * @param numbers  the numbers behind it ({@link Numbers#NONE} when none)
 * @param message  the outcome in one plain sentence with the numbers that decided it
 */
public record CheckResult(String subject, Check check, Status status, Numbers numbers, String message) {

    public CheckResult {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(status, "status");
        numbers = numbers == null ? Numbers.NONE : numbers;
        Objects.requireNonNull(message, "message");
    }
}
