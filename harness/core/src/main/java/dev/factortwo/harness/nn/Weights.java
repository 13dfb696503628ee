package dev.factortwo.harness.nn;

import dev.factortwo.datasets.Sha256;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A model's trainable tensors in their fixed order, as flat float arrays. Immutable by convention: the
 * arrays are copied in and never handed out for writing.
 */
public record Weights(List<float[]> tensors) implements Serializable {

    private static final long serialVersionUID = 1L;

    public Weights {
        tensors = tensors.stream().map(float[]::clone).toList();
    }

    public int size() {
        return tensors.size();
    }

    public float[] tensor(int i) {
        return tensors.get(i).clone();
    }

    public long parameters() {
        return tensors.stream().mapToLong(t -> t.length).sum();
    }

    /**
     * {@code sha256:HEX} over every tensor in order: index, length, then each float's IEEE-754 bits,
     * little-endian. Two weight sets have equal fingerprints exactly when they are bit-identical.
     */
    public String fingerprint() {
        MessageDigest md = Sha256.newDigest();
        ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < tensors.size(); i++) {
            float[] t = tensors.get(i);
            header.clear();
            header.putInt(i).putInt(t.length);
            md.update(header.array());
            ByteBuffer buf = ByteBuffer.allocate(t.length * 4).order(ByteOrder.LITTLE_ENDIAN);
            buf.asFloatBuffer().put(t);
            md.update(buf.array());
        }
        return "sha256:" + HexFormat.of().formatHex(md.digest());
    }

    /**
     * Relative L2 difference {@code ||this - other|| / ||other||} over all tensors.
     *
     * @throws IllegalArgumentException when the shapes differ
     */
    public double relativeL2(Weights other) {
        if (other.size() != size()) throw new IllegalArgumentException("different tensor counts: " + size() + " vs " + other.size());
        double diff = 0, norm = 0;
        for (int i = 0; i < size(); i++) {
            float[] a = tensors.get(i), b = other.tensors.get(i);
            if (a.length != b.length) throw new IllegalArgumentException("tensor " + i + " lengths differ: " + a.length + " vs " + b.length);
            for (int j = 0; j < a.length; j++) {
                double d = (double) a[j] - b[j];
                diff += d * d;
                norm += (double) b[j] * b[j];
            }
        }
        return norm == 0 ? Math.sqrt(diff) : Math.sqrt(diff / norm);
    }

    /**
     * The element-wise mean of {@code parts}, summed in list order (the partition order), so that the
     * same inputs always give the same bits.
     */
    public static Weights average(List<Weights> parts) {
        if (parts.isEmpty()) throw new IllegalArgumentException("nothing to average");
        Weights first = parts.get(0);
        List<float[]> out = new ArrayList<>(first.size());
        for (int i = 0; i < first.size(); i++) {
            float[] acc = new float[first.tensors.get(i).length];
            for (Weights w : parts) {
                float[] t = w.tensors.get(i);
                for (int j = 0; j < acc.length; j++) acc[j] += t[j];
            }
            float n = parts.size();
            for (int j = 0; j < acc.length; j++) acc[j] /= n;
            out.add(acc);
        }
        return new Weights(out);
    }
}
