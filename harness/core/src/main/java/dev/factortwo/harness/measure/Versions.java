package dev.factortwo.harness.measure;

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
}
