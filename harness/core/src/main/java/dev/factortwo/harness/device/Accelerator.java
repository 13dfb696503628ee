package dev.factortwo.harness.device;

import dev.factortwo.model.CellKey;
import dev.factortwo.harness.workload.Workload;
import dev.factortwo.model.UserError;

/**
 * The device a cell's compute runs on: the real one TensorFlow found ({@code cpu} or {@code gpu:NAME}), or an
 * emulated accelerator that replaces each batch's compute with a calibrated wait, as MLPerf Storage does.
 */
public sealed interface Accelerator permits Accelerator.Real, Accelerator.Emulated {

    /** The device as cells name it: {@code cpu}, {@code gpu:NAME}, {@code emulate:NAME}. */
    String device();

    String name();

    /** True when compute is replaced by a calibrated wait: no model runs, so there are no weights to compare. */
    boolean emulated();

    /** True when TensorFlow runs on a GPU (its utilization and memory are sampled). */
    boolean gpu();

    /**
     * Parses a device as flags give it: {@code cpu}, {@code gpu:NAME}, or {@code emulate:NAME} with the named
     * profile from {@code profiles} (read only for an emulated device).
     *
     * @throws UserError naming the device and what was expected
     */
    static Accelerator of(String device, java.util.function.Supplier<java.util.Map<String, AcceleratorProfile>> profiles) {
        if (device.startsWith(CellKey.EMULATED_DEVICE_PREFIX)) {
            String name = device.substring(CellKey.EMULATED_DEVICE_PREFIX.length());
            java.util.Map<String, AcceleratorProfile> known = profiles.get();
            AcceleratorProfile p = known.get(name);
            if (p == null) throw new UserError("no profile '" + name + "'; known: " + new java.util.TreeSet<>(known.keySet()));
            return new Emulated(p);
        }
        if (device.equals("cpu") || device.startsWith(Real.GPU_PREFIX)) return new Real(device);
        throw new UserError("unknown device '" + device + "': expected cpu, gpu:NAME or emulate:NAME");
    }

    /** Wait per sample replacing compute, nanoseconds; 0 for a real device. */
    long nanosPerSample(Workload w);

    /** Plain words for the results, e.g. where an emulation profile's numbers come from. */
    String note(Workload w);

    /** The device TensorFlow runs on. */
    record Real(String device) implements Accelerator {
        /** The prefix of a GPU device's name: {@code gpu:NAME}. */
        public static final String GPU_PREFIX = "gpu";

        @Override
        public String name() {
            return device;
        }

        @Override
        public boolean emulated() {
            return false;
        }

        @Override
        public boolean gpu() {
            return device.startsWith(GPU_PREFIX);
        }

        @Override
        public long nanosPerSample(Workload w) {
            return 0;
        }

        @Override
        public String note(Workload w) {
            return "";
        }
    }

    /** An emulated accelerator from a profile. */
    record Emulated(AcceleratorProfile profile) implements Accelerator {
        @Override
        public String device() {
            return CellKey.EMULATED_DEVICE_PREFIX + profile.name();
        }

        @Override
        public boolean emulated() {
            return true;
        }

        @Override
        public boolean gpu() {
            return false;
        }

        @Override
        public String name() {
            return profile.name();
        }

        @Override
        public long nanosPerSample(Workload w) {
            return profile.nanosPerSample(w.name());
        }

        @Override
        public String note(Workload w) {
            return "emulated " + profile.name() + ": compute replaced by a wait of " + nanosPerSample(w)
                    + " ns per sample (" + profile.source() + "); fingerprints and accuracy are not meaningful";
        }
    }
}
