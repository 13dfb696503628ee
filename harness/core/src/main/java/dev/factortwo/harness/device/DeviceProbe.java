package dev.factortwo.harness.device;

import java.util.Optional;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
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

    public static String detect() {
        return tensorflowGpu() ? "gpu:" + GpuInfo.query().map(q -> q.split(",")[0].trim().replace(' ', '-')).orElse("0") : "cpu";
    }

    /** True when TensorFlow can place and run an op on GPU 0. */
    public static boolean tensorflowGpu() {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g).withDevice(DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0).build());
            var sum = tf.math.add(tf.constant(1f), tf.constant(2f));
            ConfigProto config = ConfigProto.newBuilder().setAllowSoftPlacement(false).build();
            try (Session s = new Session(g, config); var r = s.runner().fetch(sum).run()) {
                return ((TFloat32) r.get(0)).getFloat() == 3f;
            }
        } catch (RuntimeException e) {
            return false;
        }
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
