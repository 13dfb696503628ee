package dev.factortwo.harness.strategy.ps;

import dev.factortwo.harness.nn.Weights;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A worker's connection to a {@link ParameterServer}: pull the current weights, push a gradient. Counts the
 * time it spends on the wire. Not thread-safe: one per task.
 */
public final class ParameterClient implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final DataOutputStream out;
    private final int[] lengths;
    private final byte[] buf;
    private final String address;
    private long nanos;

    private ParameterClient(String address, int[] lengths, int timeoutMillis) throws IOException {
        this.address = address;
        this.lengths = lengths.clone();
        int n = 0;
        for (int l : lengths) n += l;
        this.buf = new byte[n * 4];
        int colon = address.lastIndexOf(':');
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(timeoutMillis);
        socket.connect(new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1))), timeoutMillis);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
        out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
    }

    /**
     * Connects to {@code host:port}.
     *
     * @throws UncheckedIOException naming the address; the server listens on loopback only, so a worker on
     *                              another machine cannot reach it
     */
    public static ParameterClient connect(String address, int[] lengths, int timeoutMillis) {
        try {
            return new ParameterClient(address, lengths, timeoutMillis);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach the parameter server at " + address + " (it listens on loopback only:"
                    + " workers must run on the driver's machine, e.g. a local[N,F] master): " + e.getMessage(), e);
        }
    }

    /** The server's current weights. */
    public Weights pull() {
        long t0 = System.nanoTime();
        try {
            out.writeByte(ParameterServer.PULL);
            out.writeInt(0);
            out.flush();
            int length = in.readInt();
            if (length != buf.length) throw new IOException("pull answered with " + length + " bytes, expected " + buf.length);
            in.readFully(buf);
        } catch (IOException e) {
            throw new UncheckedIOException("parameter server at " + address + ": pull failed: " + e.getMessage(), e);
        }
        float[] flat = ParameterServer.FloatsLe.get(buf, buf.length / 4);
        List<float[]> tensors = new ArrayList<>(lengths.length);
        int at = 0;
        for (int n : lengths) {
            float[] t = new float[n];
            System.arraycopy(flat, at, t, 0, n);
            tensors.add(t);
            at += n;
        }
        nanos += System.nanoTime() - t0;
        return new Weights(tensors);
    }

    /** Sends a gradient for the server to apply when it arrives. */
    public void push(Weights gradient) {
        long t0 = System.nanoTime();
        float[] flat = new float[buf.length / 4];
        int at = 0;
        for (float[] t : gradient.tensors()) {
            System.arraycopy(t, 0, flat, at, t.length);
            at += t.length;
        }
        ParameterServer.FloatsLe.put(flat, buf);
        try {
            out.writeByte(ParameterServer.PUSH);
            out.writeInt(buf.length);
            out.write(buf);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("parameter server at " + address + ": push failed: " + e.getMessage(), e);
        }
        nanos += System.nanoTime() - t0;
    }

    /** Time spent in {@link #pull} and {@link #push} so far. */
    public long nanos() {
        return nanos;
    }

    /** Waits until the server has applied every gradient this client pushed, then ends the connection. */
    public void finish() {
        long t0 = System.nanoTime();
        try {
            out.writeByte(ParameterServer.DONE);
            out.writeInt(0);
            out.flush();
            in.readByte();
        } catch (IOException e) {
            throw new UncheckedIOException("parameter server at " + address + ": done failed: " + e.getMessage(), e);
        }
        nanos += System.nanoTime() - t0;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
