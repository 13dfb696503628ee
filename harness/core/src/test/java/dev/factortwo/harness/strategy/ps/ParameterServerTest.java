package dev.factortwo.harness.strategy.ps;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factortwo.harness.nn.Weights;
import dev.factortwo.harness.strategy.GradientCodec;
import java.io.DataOutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterServerTest {

    static final Weights W = new Weights(List.of(new float[] {1f, -2f, 0.5f}, new float[] {3f}));

    @Test
    void pullsWhatItHoldsAndAppliesEachPushAsItArrives() {
        try (ParameterServer server = ParameterServer.start(W, 0.5f, 0.9f, 5_000);
             ParameterClient client = ParameterClient.connect(server.address(), server.lengths(), 5_000)) {
            assertTrue(server.address().startsWith("127.0.0.1:"), server.address());
            assertEquals(W.fingerprint(), client.pull().fingerprint());
            Weights g = new Weights(List.of(new float[] {2f, 2f, -1f}, new float[] {4f}));
            client.push(g);
            client.push(g);
            Weights after = client.pull();
            // momentum 0.9: v = g, w -= 0.5 v; then v = 1.9 g, w -= 0.5 v
            assertArrayEquals(new float[] {-1.9f, -4.9f, 1.95f}, after.tensor(0), 1e-6f);
            assertArrayEquals(new float[] {-2.8f}, after.tensor(1), 1e-6f);
            assertEquals(after.fingerprint(), server.weights().fingerprint());
            assertEquals(2, server.pushes());
            // 2 pulls (5 + 4 + 16 bytes) and 2 pushes (5 + 16 bytes)
            assertEquals(2 * 25 + 2 * 21, server.bytesMoved());
            assertTrue(client.nanos() > 0);
            client.finish();
            assertEquals(2 * 25 + 2 * 21 + 6, server.bytesMoved(), "done: 5 bytes asked, 1 answered");
            server.checkHealthy();
        }
    }

    @Test
    void aBadRequestIsReportedAndCloseStopsListening() throws Exception {
        ParameterServer server = ParameterServer.start(W, 0.1f, 0f, 5_000);
        String address = server.address();
        try (Socket s = new Socket("127.0.0.1", Integer.parseInt(address.substring(address.indexOf(':') + 1)));
             DataOutputStream out = new DataOutputStream(s.getOutputStream())) {
            out.writeByte(2);
            out.writeInt(7);
            out.flush();
            assertEquals(-1, s.getInputStream().read(), "the server drops the connection");
        }
        IllegalStateException e = assertThrows(IllegalStateException.class, server::checkHealthy);
        assertTrue(e.getMessage().contains("op 2 with 7 payload bytes"), e.getMessage());
        server.close();
        UncheckedIOException gone = assertThrows(UncheckedIOException.class, () -> ParameterClient.connect(address, server.lengths(), 1_000));
        assertTrue(gone.getMessage().contains(address), gone.getMessage());
    }

    @Test
    void gradientCodecIsExact() {
        Weights odd = new Weights(List.of(new float[] {Float.MIN_VALUE, -0f, Float.NaN, 1e30f}, new float[] {}, new float[] {-7.25f}));
        assertEquals(odd.fingerprint(), GradientCodec.decode(GradientCodec.encode(odd), GradientCodec.lengths(odd)).fingerprint());
        assertEquals(4 * 5, GradientCodec.bytes(odd).length);
        assertThrows(IllegalArgumentException.class, () -> GradientCodec.fromBytes(new byte[8], new int[] {3}));
    }
}
