package dev.factortwo.harness.device;

import dev.factortwo.harness.workload.Workload;

/**
 * The device a cell's compute runs on: the real one TensorFlow found ({@code cpu} or {@code gpu:NAME}), or an
 * emulated accelerator that replaces each batch's compute with a calibrated wait, as MLPerf Storage does.
 */
public sealed interface Accelerator permits Accelerator.Real, Accelerator.Emulated {

    /** The device as cells name it: {@code cpu}, {@code gpu:NAME}, {@code emulate:NAME}. */
    String device();

    String name();

    /** Wait per sample replacing compute, nanoseconds; 0 for a real device. */
    long nanosPerSample(Workload w);

    /** Plain words for the results, e.g. where an emulation profile's numbers come from. */
    String note(Workload w);

    /** The device TensorFlow runs on. */
    record Real(String device) implements Accelerator {
        @Override
        public String name() {
            return device;
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
            return "emulate:" + profile.name();
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
