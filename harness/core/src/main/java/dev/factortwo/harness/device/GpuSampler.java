package dev.factortwo.harness.device;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Samples GPU utilization and memory while a region runs, from a child {@code nvidia-smi} that prints one
 * CSV line per GPU every {@value #INTERVAL_MS} ms ({@link #COMMAND}). Without {@code nvidia-smi}, or when it
 * prints no samples (no driver, no device), the summary says "no GPU" and why.
 *
 * <p>With several GPUs every sample line of every GPU counts alike: the summary is over the whole machine
 * (mean and max utilization of any GPU, the largest memory use of any GPU).
 *
 * <p>{@link #start()} and {@link #stop()} are called from one thread; the child's output is read on a
 * daemon thread of this class.
 *
 * <pre>{@code
 * GpuSampler gpu = GpuSampler.start();
 * runTheCell();
 * GpuSampler.Summary s = gpu.stop();   // s.present(), s.meanUtilizationPercent(), s.maxMemoryUsedMiB()
 * }</pre>
 */
public final class GpuSampler implements AutoCloseable {

    /** Milliseconds between samples. */
    public static final int INTERVAL_MS = 200;

    /** The child process: utilization (%), memory used and total (MiB), name; no header, no units. */
    public static final List<String> COMMAND = List.of("nvidia-smi",
            "--query-gpu=utilization.gpu,memory.used,memory.total,name",
            "--format=csv,noheader,nounits", "-lms", String.valueOf(INTERVAL_MS));

    private final Process process;
    private final Thread reader;
    private final List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
    private final List<String> unparsed = Collections.synchronizedList(new ArrayList<>());
    private final String program;
    private final String absent;
    private Summary summary;

    private GpuSampler(String program, Process process, String absent) {
        this.program = program;
        this.process = process;
        this.absent = absent;
        if (process == null) {
            reader = null;
            return;
        }
        reader = new Thread(this::readLines, "factortwo-gpu-sampler");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * One line of the child's output for one GPU.
     *
     * @param utilizationPercent  {@code utilization.gpu}: percent of the last sample period a kernel ran
     * @param memoryUsedMiB       {@code memory.used}, MiB
     * @param memoryTotalMiB      {@code memory.total}, MiB
     * @param name                product name, e.g. {@code NVIDIA H100 80GB HBM3}
     */
    public record Sample(double utilizationPercent, long memoryUsedMiB, long memoryTotalMiB, String name) {
    }

    /**
     * What the GPUs did during the sampled region.
     *
     * @param samples                 sample lines parsed (one per GPU per interval); 0 when there is no GPU
     * @param meanUtilizationPercent  mean utilization over all samples; NaN without samples
     * @param maxUtilizationPercent   highest utilization seen; NaN without samples
     * @param maxMemoryUsedMiB        most memory in use on any GPU, MiB; -1 without samples
     * @param memoryTotalMiB          memory of the largest GPU, MiB; -1 without samples
     * @param device                  the GPU names, comma-separated; "none" without samples
     * @param note                    how it was measured, or why there is no GPU ("no GPU: ...")
     */
    public record Summary(int samples, double meanUtilizationPercent, double maxUtilizationPercent,
                          long maxMemoryUsedMiB, long memoryTotalMiB, String device, String note) {

        /** An empty summary: {@code "no GPU: " + why}. */
        public static Summary noGpu(String why) {
            return new Summary(0, Double.NaN, Double.NaN, -1, -1, "none", "no GPU: " + why);
        }

        /** True when at least one sample was read. */
        public boolean present() {
            return samples > 0;
        }
    }

    /** Starts {@code nvidia-smi} sampling; never throws for a missing GPU (see {@link Summary#noGpu}). */
    public static GpuSampler start() {
        return start(COMMAND);
    }

    /** Starts sampling with another command printing the same CSV lines (tests, remote wrappers). */
    static GpuSampler start(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            p.getOutputStream().close();
            return new GpuSampler(command.get(0), p, null);
        } catch (IOException e) {
            return new GpuSampler(command.get(0), null, command.get(0) + " cannot be run (" + e.getMessage() + ")");
        }
    }

    /** Stops the child and summarizes what it printed; later calls return the same summary. */
    public Summary stop() {
        if (summary != null) return summary;
        if (process == null) {
            summary = Summary.noGpu(absent);
            return summary;
        }
        process.destroy();
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            }
            reader.join(TimeUnit.SECONDS.toMillis(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Sample> taken;
        synchronized (samples) {
            taken = List.copyOf(samples);
        }
        if (taken.isEmpty()) {
            String said;
            synchronized (unparsed) {
                said = unparsed.isEmpty() ? "it printed nothing" : "it printed '" + unparsed.get(0) + "'";
            }
            summary = Summary.noGpu(program + " gave no samples: " + said);
        } else {
            summary = summarize(taken);
        }
        return summary;
    }

    /** Lines read so far, samples or not. */
    int linesRead() {
        return samples.size() + unparsed.size();
    }

    @Override
    public void close() {
        stop();
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                Optional<Sample> s = parse(line);
                if (s.isPresent()) {
                    samples.add(s.get());
                } else if (!line.isBlank() && unparsed.size() < 10) {
                    unparsed.add(line.trim());
                }
            }
        } catch (IOException e) {
            // the child was stopped while we read: what was read counts
        } catch (UncheckedIOException e) {
            // same, from a stream closed under us
        }
    }

    /**
     * One line of {@code nvidia-smi --query-gpu=utilization.gpu,memory.used,memory.total,name
     * --format=csv,noheader,nounits}, e.g. {@code 87, 30412, 81559, NVIDIA H100 80GB HBM3}; empty for a
     * header, a blank line, an error message, or fields nvidia-smi cannot read ({@code [N/A]},
     * {@code [Not Supported]}).
     */
    static Optional<Sample> parse(String line) {
        String[] f = line.split(",", 4);
        if (f.length != 4) return Optional.empty();
        try {
            double util = Double.parseDouble(f[0].trim());
            long used = Long.parseLong(f[1].trim());
            long total = Long.parseLong(f[2].trim());
            String name = f[3].trim();
            if (util < 0 || util > 100 || used < 0 || total <= 0 || name.isEmpty()) return Optional.empty();
            return Optional.of(new Sample(util, used, total, name));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The summary of at least one sample. */
    static Summary summarize(List<Sample> samples) {
        if (samples.isEmpty()) throw new IllegalArgumentException("no samples to summarize");
        double sum = 0, max = 0;
        long maxUsed = 0, total = 0;
        Set<String> names = new LinkedHashSet<>();
        for (Sample s : samples) {
            sum += s.utilizationPercent();
            max = Math.max(max, s.utilizationPercent());
            maxUsed = Math.max(maxUsed, s.memoryUsedMiB());
            total = Math.max(total, s.memoryTotalMiB());
            names.add(s.name());
        }
        return new Summary(samples.size(), sum / samples.size(), max, maxUsed, total, String.join(", ", names),
                String.format("nvidia-smi every %d ms: %d samples", INTERVAL_MS, samples.size()));
    }
}
