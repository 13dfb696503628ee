package dev.factortwo.harness.strategy.ps;

import dev.factortwo.harness.nn.Weights;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A parameter server outside Spark, on the driver: one flat copy of the model's weights behind a loopback
 * socket. Workers pull the current weights and push gradients whenever they like; the server applies each
 * gradient as it arrives, SGD with optional momentum ({@code v = momentum * v + g; w -= learningRate * v}, as
 * TensorFlow's {@code ApplyMomentum}), one gradient at a time, in whatever order the
 * pushes arrive, so two runs with one seed generally differ. Spark cannot see any of this.
 *
 * <p>The protocol, per request: one op byte, a 4-byte big-endian payload length, the payload. {@link #PULL}
 * (empty payload) is answered with a 4-byte length and the weights as little-endian floats; {@link #PUSH}
 * carries a gradient as little-endian floats and is not answered (a connection's requests are handled in
 * order, so its next pull sees its push); {@link #DONE} (empty payload) is answered with one byte once every
 * earlier push of the connection is applied, and ends the connection. Listens on 127.0.0.1 only, on a free port; every read of a
 * connection times out after the idle timeout, and {@link #close} stops everything. Thread-safe.
 */
public final class ParameterServer implements AutoCloseable {

    static final byte PULL = 1;
    static final byte PUSH = 2;
    static final byte DONE = 3;

    private final ServerSocket socket;
    private final float[] weights;
    private final float[] velocity;
    private final int[] lengths;
    private final float learningRate;
    private final float momentum;
    private final int idleTimeoutMillis;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "factortwo-parameter-server");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong bytesIn = new AtomicLong(), bytesOut = new AtomicLong(), pushes = new AtomicLong();
    private final AtomicReference<String> failure = new AtomicReference<>();
    private volatile boolean closed;

    private ParameterServer(Weights initial, float learningRate, float momentum, int idleTimeoutMillis) throws IOException {
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.idleTimeoutMillis = idleTimeoutMillis;
        this.lengths = new int[initial.size()];
        this.weights = new float[Math.toIntExact(initial.parameters())];
        this.velocity = new float[weights.length];
        int at = 0;
        for (int i = 0; i < initial.size(); i++) {
            float[] t = initial.tensors().get(i);
            lengths[i] = t.length;
            System.arraycopy(t, 0, weights, at, t.length);
            at += t.length;
        }
        this.socket = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
    }

    /**
     * Starts a server holding {@code initial}, listening on loopback.
     *
     * @param momentum          0 for plain SGD
     * @param idleTimeoutMillis a connection silent this long is dropped (bounds every read)
     */
    public static ParameterServer start(Weights initial, float learningRate, float momentum, int idleTimeoutMillis) {
        try {
            ParameterServer s = new ParameterServer(initial, learningRate, momentum, idleTimeoutMillis);
            s.threads.execute(s::acceptLoop);
            return s;
        } catch (IOException e) {
            throw new IllegalStateException("parameter server: cannot listen on loopback: " + e.getMessage(), e);
        }
    }

    /** {@code 127.0.0.1:PORT}, for workers. */
    public String address() {
        return socket.getInetAddress().getHostAddress() + ":" + socket.getLocalPort();
    }

    /** The tensor lengths of the model, for clients. */
    public int[] lengths() {
        return lengths.clone();
    }

    /** A consistent copy of the current weights. */
    public Weights weights() {
        float[] copy;
        synchronized (weights) {
            copy = weights.clone();
        }
        List<float[]> out = new ArrayList<>(lengths.length);
        int at = 0;
        for (int n : lengths) {
            float[] t = new float[n];
            System.arraycopy(copy, at, t, 0, n);
            out.add(t);
            at += n;
        }
        return new Weights(out);
    }

    /** Bytes received and sent so far, headers included. */
    public long bytesMoved() {
        return bytesIn.get() + bytesOut.get();
    }

    /** Gradients applied so far. */
    public long pushes() {
        return pushes.get();
    }

    /** @throws IllegalStateException naming the first protocol error a connection hit, if any */
    public void checkHealthy() {
        String f = failure.get();
        if (f != null) throw new IllegalStateException("parameter server at " + address() + ": " + f);
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = socket.accept();
                s.setSoTimeout(idleTimeoutMillis);
                s.setTcpNoDelay(true);
                open.add(s);
                threads.execute(() -> serve(s));
            } catch (IOException e) {
                if (!closed) failure.compareAndSet(null, "accept failed: " + e.getMessage());
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream(), 1 << 16));
             DataOutputStream out = new DataOutputStream(new BufferedOutputStream(s.getOutputStream(), 1 << 16))) {
            byte[] buf = new byte[weights.length * 4];
            while (!closed) {
                int op;
                try {
                    op = in.readByte();
                } catch (EOFException eof) {
                    return;
                }
                int length = in.readInt();
                bytesIn.addAndGet(5L + length);
                if (op == PULL && length == 0) {
                    FloatsLe.put(snapshot(), buf);
                    bytesOut.addAndGet(4L + buf.length);
                    out.writeInt(buf.length);
                    out.write(buf);
                    out.flush();
                } else if (op == PUSH && length == buf.length) {
                    in.readFully(buf);
                    apply(FloatsLe.get(buf, weights.length));
                } else if (op == DONE && length == 0) {
                    bytesOut.incrementAndGet();
                    out.writeByte(0);
                    out.flush();
                    return;
                } else {
                    failure.compareAndSet(null, "bad request: op " + op + " with " + length + " payload bytes; expected pull (1, 0 bytes), push (2, "
                            + buf.length + " bytes) or done (3, 0 bytes)");
                    return;
                }
            }
        } catch (SocketException e) {
            if (!closed) failure.compareAndSet(null, "connection from " + s.getRemoteSocketAddress() + ": " + e.getMessage());
        } catch (IOException e) {
            failure.compareAndSet(null, "connection from " + s.getRemoteSocketAddress() + ": " + e.getMessage());
        } finally {
            open.remove(s);
        }
    }

    private float[] snapshot() {
        synchronized (weights) {
            return weights.clone();
        }
    }

    private void apply(float[] gradient) {
        synchronized (weights) {
            for (int i = 0; i < weights.length; i++) {
                velocity[i] = velocity[i] * momentum + gradient[i];
                weights[i] -= learningRate * velocity[i];
            }
        }
        pushes.incrementAndGet();
    }

    /** Stops listening, drops every connection and waits up to 5 s for the server's threads. */
    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket s : open) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Little-endian float arrays to and from bytes. */
    static final class FloatsLe {
        private FloatsLe() {
        }

        static void put(float[] values, byte[] into) {
            ByteBuffer.wrap(into).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().put(values);
        }

        static float[] get(byte[] from, int n) {
            float[] out = new float[n];
            ByteBuffer.wrap(from, 0, n * 4).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
            return out;
        }
    }
}
