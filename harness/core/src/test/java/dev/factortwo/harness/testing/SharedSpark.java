package dev.factortwo.harness.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link SparkFixture} for every test class of this JVM that asks for it: one Spark session, one tier registry
 * (so one MiniDFSCluster and one S3Proxy, started when a test first uses them) and one staged synthetic data set,
 * instead of one of each per class. A class opts in with {@code @ExtendWith(SharedSpark.class)} and takes the fixture
 * as a parameter of its {@code @BeforeAll} method; it must not close it: JUnit closes it with the root context, when
 * the last test of the run has finished. A class that breaks what it shares (stops the session, leaves a store down)
 * keeps a fixture of its own.
 */
public final class SharedSpark implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedSpark.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == SparkFixture.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(SparkFixture.class, k -> {
            try {
                return new SparkFixture(Files.createTempDirectory("factortwo-shared-spark"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, SparkFixture.class);
    }
}
