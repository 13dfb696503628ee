package dev.factortwo.harness.strategy;

import dev.factortwo.harness.nn.Weights;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Tensors as bytes and text for the wire: every tensor's floats in order, IEEE-754 little-endian, and for
 * Spark's {@code allGather} (which takes strings) Base64 of those bytes: 4/3 of 4 bytes per parameter. Exact:
 * decoding gives back the same bits. Stateless and thread-safe.
 */
public final class GradientCodec {

    private GradientCodec() {
    }

    /** Little-endian float bytes of every tensor, in order. */
    public static byte[] bytes(Weights w) {
        ByteBuffer b = ByteBuffer.allocate(Math.toIntExact(w.parameters() * 4)).order(ByteOrder.LITTLE_ENDIAN);
        FloatBuffer f = b.asFloatBuffer();
        for (int i = 0; i < w.size(); i++) f.put(w.tensor(i));
        return b.array();
    }

    /** Tensors of the given lengths from little-endian float bytes. */
    public static Weights fromBytes(byte[] bytes, int[] lengths) {
        long expected = 0;
        for (int n : lengths) expected += n;
        if (bytes.length != expected * 4) {
            throw new IllegalArgumentException("expected " + expected * 4 + " bytes (" + expected + " floats), got " + bytes.length);
        }
        FloatBuffer f = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        List<float[]> out = new ArrayList<>(lengths.length);
        for (int n : lengths) {
            float[] t = new float[n];
            f.get(t);
            out.add(t);
        }
        return new Weights(out);
    }

    /** Base64 of {@link #bytes}. */
    public static String encode(Weights w) {
        return Base64.getEncoder().encodeToString(bytes(w));
    }

    /** The inverse of {@link #encode}. */
    public static Weights decode(String text, int[] lengths) {
        return fromBytes(Base64.getDecoder().decode(text), lengths);
    }

    /** The tensor lengths of {@code w}, for decoding. */
    public static int[] lengths(Weights w) {
        int[] n = new int[w.size()];
        for (int i = 0; i < n.length; i++) n[i] = w.tensors().get(i).length;
        return n;
    }
}
