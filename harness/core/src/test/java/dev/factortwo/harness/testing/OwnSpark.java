package dev.factortwo.harness.testing;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For a test class that starts a Spark session of its own (a command run in-process, a standalone cluster, another
 * master): stops the {@link SharedSpark} fixture first, if one is running, since Spark hands every caller in a JVM the
 * one active session whatever it asked for. The next class that asks for the shared fixture gets a new one. A class
 * that forgets this and asks for another master fails loudly ({@code SparkSessions.start} refuses to be handed a
 * session on a master it did not ask for).
 */
public final class OwnSpark implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        SharedSpark.closeShared(context);
    }
}
