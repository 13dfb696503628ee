package dev.factortwo.harness.measure;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Versions of the libraries a result depends on, read from the libraries themselves. */
public final class Versions {

    private Versions() {
    }

    public static String tensorflow() {
        try {
            return org.tensorflow.TensorFlow.version();
        } catch (Throwable e) {
            return "unavailable: " + e.getMessage();
        }
    }

    public static String spark() {
        try {
            return org.apache.spark.package$.MODULE$.SPARK_VERSION();
        } catch (Throwable e) {
            return "unavailable";
        }
    }

    public static String hadoop() {
        try {
            return org.apache.hadoop.util.VersionInfo.getVersion();
        } catch (Throwable e) {
            return "unavailable";
        }
    }

    /** The protobuf-java runtime on the classpath: {@code 4.33.5}, or {@code 3.x} for a runtime older than 4. */
    public static String protobuf() {
        try {
            Class<?> v = Class.forName("com.google.protobuf.RuntimeVersion");
            return v.getField("MAJOR").get(null) + "." + v.getField("MINOR").get(null) + "." + v.getField("PATCH").get(null);
        } catch (ClassNotFoundException e) {
            try {
                Class.forName("com.google.protobuf.Message");
                return "3.x";
            } catch (ClassNotFoundException none) {
                return "unavailable";
            }
        } catch (ReflectiveOperationException e) {
            return "unknown";
        }
    }

    /**
     * The versions this build pins in the parent pom ({@code spark}, {@code hadoop}, {@code tensorflow.java},
     * {@code protobuf}, {@code awssdk}, {@code jackson}), filtered into the jar by Maven.
     */
    public static Properties builtWith() {
        Properties p = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("built-with.properties")) {
            if (in == null) throw new IllegalStateException("built-with.properties missing from the harness jar");
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
