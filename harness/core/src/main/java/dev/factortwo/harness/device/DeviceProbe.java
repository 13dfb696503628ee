package dev.factortwo.harness.device;

import java.util.Optional;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import dev.factortwo.harness.nn.TfSettings;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/**
 * Which device TensorFlow computes on: {@code gpu:NAME} when an op pinned to GPU 0 runs with soft placement
 * off, {@code cpu} otherwise. Never assumed: always probed.
 */
public final class DeviceProbe {

    private DeviceProbe() {
    }

    /**
     * The device of a run whose sessions use {@code settings}. The probe is often the process's first TensorFlow
     * session, and TensorFlow sizes its per-process intra-op pool by the first session ({@link TfSettings}): with
     * TensorFlow's own default (every core) here, a run's pinned thread count would not be the one its sessions got.
     */
    public static String detect(TfSettings settings) {
        return tensorflowGpu(settings) ? "gpu:" + GpuInfo.query().map(q -> q.split(",")[0].trim().replace(' ', '-')).orElse("0") : "cpu";
    }

    /** True when TensorFlow can place and run an op on GPU 0, asked with the pinned default settings. */
    public static boolean tensorflowGpu() {
        return tensorflowGpu(TfSettings.defaults());
    }

    /** True when TensorFlow can place and run an op on GPU 0, asked in a session with {@code settings}. */
    public static boolean tensorflowGpu(TfSettings settings) {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g).withDevice(DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0).build());
            var sum = tf.math.add(tf.constant(1f), tf.constant(2f));
            try (Session s = new Session(g, config(settings)); var r = s.runner().fetch(sum).run()) {
                return ((TFloat32) r.get(0)).getFloat() == 3f;
            }
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The probe's session configuration: no soft placement, and the run's threads. */
    static ConfigProto config(TfSettings settings) {
        return ConfigProto.newBuilder().setAllowSoftPlacement(false).setIntraOpParallelismThreads(Math.max(0, settings.intraOpThreads()))
                .setInterOpParallelismThreads(settings.interOpThreads()).build();
    }

    /** The reason TensorFlow's native library does not load, or empty when it does. */
    public static Optional<String> nativeLibraryProblem() {
        try {
            org.tensorflow.TensorFlow.version();
            return Optional.empty();
        } catch (Throwable e) {
            return Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
