package dev.factortwo.reports.jmh;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One entry of a JMH JSON result file ({@code -rf json}): one benchmark method, one parameter combination,
 * one mode.
 *
 * @param benchmark   fully qualified benchmark method, e.g. {@code dev.factortwo.bench.ShardRead.read}
 * @param mode        {@code thrpt}, {@code avgt}, {@code sample} or {@code ss}
 * @param params      {@code @Param} values, sorted by name; empty when none
 * @param unit        score unit, e.g. {@code ops/s}, {@code ms/op}
 * @param score       JMH's score (mean over all measured iterations of all forks)
 * @param forks       per fork, the measured iteration values ({@code primaryMetric.rawData}; for {@code sample}
 *                    mode, each iteration's mean from {@code rawDataHistogram})
 * @param jdkVersion  {@code jdkVersion}, or null when absent
 * @param vmName      {@code vmName}, or null when absent
 */
public record JmhBenchmark(String benchmark, String mode, SortedMap<String, String> params, String unit,
                           double score, List<List<Double>> forks, String jdkVersion, String vmName) {

    public JmhBenchmark {
        params = params == null ? new TreeMap<>() : new TreeMap<>(params);
        forks = forks == null ? List.of() : forks.stream().map(List::copyOf).toList();
    }

    /** Identity across files: {@code benchmark:mode} with params, e.g. {@code a.B.read:thrpt(shardKiB=64)}. */
    public String key() {
        StringBuilder b = new StringBuilder(benchmark).append(':').append(mode);
        if (!params.isEmpty()) {
            b.append('(');
            boolean first = true;
            for (Map.Entry<String, String> e : params.entrySet()) {
                if (!first) b.append(',');
                b.append(e.getKey()).append('=').append(e.getValue());
                first = false;
            }
            b.append(')');
        }
        return b.toString();
    }

    /** True for {@code thrpt} (operations per time); false for {@code avgt}, {@code sample}, {@code ss} (time per operation). */
    public boolean higherIsBetter() {
        return "thrpt".equals(mode);
    }

    /**
     * The samples the gate tests: one mean per fork when there are at least two forks (forks are the
     * independent runs; iterations inside a fork share JIT decisions and are correlated), else the
     * iterations of the single fork.
     */
    public double[] samples() {
        if (forks.size() >= 2) {
            return forks.stream().filter(f -> !f.isEmpty())
                    .mapToDouble(f -> f.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN)).toArray();
        }
        return forks.isEmpty() ? new double[0] : forks.get(0).stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** True when {@link #samples()} are per-fork means. */
    public boolean perForkSamples() {
        return forks.size() >= 2;
    }
}
