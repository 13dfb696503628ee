package dev.factortwo.harness.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child is ready when it listens on its port, not when anything does: a port another process took between our pick
 * and the child's bind fails at once, naming the port, instead of passing the readiness check and failing later on
 * the first request (S3Proxy's bucket once met another process's socket on its port: "the server failed to respond with
 * a valid HTTP response").
 */
class ChildJvmListeningTest {

    @TempDir
    Path scratch;

    @Test
    void aChildListeningOnItsPortIsReady() throws Exception {
        assumeTrue(Listeners.known(), "this machine does not say who listens");
        int port = LoopbackPorts.free();
        try (ChildJvm child = ChildJvm.start("listener", HarnessStandIn.classpathOf(Listener.class), List.of("-Xmx32m"),
                Listener.class.getName(), List.of(Integer.toString(port)), Map.of(), scratch.resolve("listener.log"))) {
            child.awaitListening(port, Duration.ofSeconds(60), "listening on " + port);
            assertTrue(Listeners.ownedBy(child.pid(), Listeners.on(port)));
            assertFalse(Listeners.ownedBy(ProcessHandle.current().pid(), Listeners.on(port)), "the child's socket, not ours");
        }
    }

    @Test
    void aPortAnotherProcessListensOnFailsAtOnceNamingIt() throws Exception {
        assumeTrue(Listeners.known(), "this machine does not say who listens");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName(LoopbackPorts.HOST))) {
            int port = taken.getLocalPort();
            ChildJvm child = ChildJvm.start("sleeper", HarnessStandIn.classpathOf(HarnessStandIn.Sleeper.class), List.of("-Xmx32m"),
                    HarnessStandIn.Sleeper.class.getName(), List.of(), Map.of(), scratch.resolve("sleeper.log"));
            long t0 = System.nanoTime();
            ChildJvm.PortTaken e = assertThrows(ChildJvm.PortTaken.class,
                    () -> child.awaitListening(port, Duration.ofSeconds(60), "listening on " + port));
            assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(10).toNanos(), "at once, not after the timeout");
            assertEquals("sleeper cannot listen on 127.0.0.1:" + port + ": another process took the port", e.getMessage());
            assertFalse(child.alive(), "the child is stopped");
        }
    }

    /** A child JVM that listens on the port in its argument and waits. */
    public static final class Listener {
        private Listener() {
        }

        public static void main(String[] args) throws Exception {
            try (ServerSocket socket = new ServerSocket(Integer.parseInt(args[0]), 50, InetAddress.getByName(LoopbackPorts.HOST))) {
                Thread.sleep(Duration.ofMinutes(10).toMillis());
            }
        }
    }
}
