package dev.factortwo.model;

import java.util.Map;

/**
 * Where a results file was measured. Every known nondeterminism knob is recorded here.
 *
 * @param jdk                 {@code java.version} and vendor
 * @param os                  OS name, version and architecture
 * @param cpuModel            CPU model name
 * @param cores               logical cores available to the JVM
 * @param memoryBytes         physical memory
 * @param gpu                 GPU model, driver and CUDA where present, else {@code none}
 * @param tensorflowVersion   TensorFlow native version
 * @param sparkVersion        Spark version
 * @param hadoopVersion       Hadoop version
 * @param tfIntraOpThreads    TensorFlow intra-op threads asked for (changes the bits of a CNN); -1 for {@code auto}
 *                            and -2 for {@code workload}, both chosen per cell (each cell's {@code tfIntraOpThreads}
 *                            attribute holds what its tasks used); see {@link #intraOpSetting}
 * @param tfInterOpThreads    TensorFlow inter-op threads
 * @param onednn              value of {@code TF_ENABLE_ONEDNN_OPTS} (changes the bits), or {@code default}
 * @param gitCommit           commit of the build, or {@code unknown}
 * @param gitDirty            true when the working tree had uncommitted changes
 * @param extra               further facts (JVM flags, GC, container limits, Spark master, ...)
 */
public record Environment(String jdk, String os, String cpuModel, int cores, long memoryBytes, String gpu,
                          String tensorflowVersion, String sparkVersion, String hadoopVersion,
                          int tfIntraOpThreads, int tfInterOpThreads, String onednn,
                          String gitCommit, boolean gitDirty, Map<String, String> extra) {

    public Environment {
        extra = extra == null ? Map.of() : Map.copyOf(extra);
    }

    /** This environment with {@code value} recorded under {@code key} among its extras (replacing one there). */
    public Environment withExtra(String key, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(extra);
        more.put(key, value);
        return new Environment(jdk, os, cpuModel, cores, memoryBytes, gpu, tensorflowVersion, sparkVersion, hadoopVersion,
                tfIntraOpThreads, tfInterOpThreads, onednn, gitCommit, gitDirty, more);
    }

    /** {@link #tfIntraOpThreads} as {@code --tf-intra-op-threads} takes it: {@code workload}, {@code auto} or the number. */
    public String intraOpSetting() {
        return tfIntraOpThreads == -2 ? "workload" : tfIntraOpThreads == -1 ? "auto" : String.valueOf(tfIntraOpThreads);
    }
}
