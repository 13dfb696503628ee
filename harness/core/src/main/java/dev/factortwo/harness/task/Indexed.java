package dev.factortwo.harness.task;

import java.io.Serializable;
import java.util.Comparator;
import java.util.List;

/** A task's result with its partition, so that results can be put back in partition order. */
public record Indexed<T>(int partition, T value, IoCount io) implements Serializable {

    private static final long serialVersionUID = 1L;

    public static <T> List<T> values(List<Indexed<T>> results, int partitions) {
        List<Indexed<T>> sorted = results.stream().sorted(Comparator.comparingInt(Indexed::partition)).toList();
        if (sorted.size() != partitions) {
            throw new IllegalStateException("expected one result per partition (" + partitions + "), got " + sorted.size());
        }
        return sorted.stream().map(Indexed::value).toList();
    }
}
