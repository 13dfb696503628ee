package dev.factortwo.harness.testing;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link SparkFixture} for every test class of this JVM that asks for it: one Spark session over one set of
 * {@link SharedTiers} (so one MiniDFSCluster and one S3Proxy, started when a test first uses them, and one staged
 * synthetic data set), instead of one of each per class. A class opts in with {@code @ExtendWith(SharedSpark.class)}
 * and takes the fixture as a parameter of its {@code @BeforeAll} method; it must not close it: JUnit closes it with the
 * root context, when the last test of the run has finished. A class that stops the session (any in-process {@code run},
 * or {@link OwnSpark}) leaves the next class a new session over the same tiers; one that would leave a store down
 * keeps a fixture of its own.
 */
public final class SharedSpark implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedSpark.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SparkFixture.class;
    }

    /**
     * The shared fixture; a new one when a class between stopped its Spark session (a command run in-process, as
     * {@code run} is, stops the session it got, and Spark hands every caller in a JVM the one active session).
     */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ExtensionContext.Store store = context.getRoot().getStore(NAMESPACE);
        SharedTiers tiers = store.getOrComputeIfAbsent(SharedTiers.class, k -> SharedTiers.open(), SharedTiers.class);
        SparkFixture fixture = store.getOrComputeIfAbsent(SparkFixture.class, k -> new SparkFixture(tiers), SparkFixture.class);
        if (fixture.session.sparkContext().isStopped()) {
            store.remove(SparkFixture.class, SparkFixture.class).close();
            fixture = store.getOrComputeIfAbsent(SparkFixture.class, k -> new SparkFixture(tiers), SparkFixture.class);
        }
        return fixture;
    }

    /** Stops the shared fixture's Spark session, if one is running; the next class that asks gets a new one. */
    static void closeShared(ExtensionContext context) {
        SparkFixture running = context.getRoot().getStore(NAMESPACE).remove(SparkFixture.class, SparkFixture.class);
        if (running != null) running.close();
    }
}
