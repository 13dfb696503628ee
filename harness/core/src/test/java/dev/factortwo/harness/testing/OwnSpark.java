package dev.factortwo.harness.testing;

import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * For a test class that starts a Spark session of its own (a command run in-process, a standalone cluster, another
 * master, data written with plain Spark): before the class, stops the {@link SharedSpark} fixture's session and any other session
 * still running, since Spark hands every caller in a JVM the one running session whatever it asked for; after it,
 * stops whatever session the class left running. The next class that asks for the shared fixture gets a new session
 * over the same tiers and staged data ({@link SharedTiers}). A
 * class that forgets this and asks for another master fails loudly ({@code SparkSessions.start} refuses to be handed
 * a session on a master it did not ask for).
 */
public final class OwnSpark implements BeforeAllCallback, AfterAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        SharedSpark.closeShared(context);
        stopRunning();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stopRunning();
    }

    private static void stopRunning() {
        scala.Option<SparkSession> running = SparkSession.getDefaultSession();
        if (running.isDefined() && !running.get().sparkContext().isStopped()) running.get().stop();
        SparkSession.clearDefaultSession();
        SparkSession.clearActiveSession();
    }
}
