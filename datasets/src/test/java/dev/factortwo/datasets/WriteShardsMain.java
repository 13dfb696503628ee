package dev.factortwo.datasets;

import java.nio.file.Path;

/** Test support: writes synthetic shards in its own (small-heap) JVM. Args: dir, train samples, shards, H, W, C. */
public final class WriteShardsMain {

    private WriteShardsMain() {
    }

    public static void main(String[] args) throws Exception {
        long samples = Long.parseLong(args[1]);
        SyntheticOptions options = new SyntheticOptions(samples, 0, Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                Integer.parseInt(args[5]), 10, 77);
        Manifest m = ShardWriter.write(new SyntheticSource(options), "train", 0, Integer.parseInt(args[2]), Path.of(args[0]));
        System.out.println("records=" + m.records() + " digest=" + m.digest() + " maxHeap=" + Runtime.getRuntime().maxMemory());
    }
}
