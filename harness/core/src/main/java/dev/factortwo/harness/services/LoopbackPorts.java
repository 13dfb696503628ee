package dev.factortwo.harness.services;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Free ports on 127.0.0.1 and a wait for a port to accept connections. */
public final class LoopbackPorts {
    /** The loopback host every embedded service binds to. */
    public static final String HOST = "127.0.0.1";

    private LoopbackPorts() {
    }

    /** A port that was free on 127.0.0.1 a moment ago (another process may take it; callers bind at once). */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on " + HOST, e);
        }
    }

    /** True if something accepts a TCP connection on 127.0.0.1:{@code port} within {@code timeout}. */
    public static boolean accepts(int port, Duration timeout) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(HOST, port), (int) Math.max(1, timeout.toMillis()));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
