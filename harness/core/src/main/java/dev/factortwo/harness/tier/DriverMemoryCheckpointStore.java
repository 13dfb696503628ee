package dev.factortwo.harness.tier;

import java.io.FileNotFoundException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checkpoints of the memory tier, as byte arrays in the driver JVM's heap. Not Spark's block store: its
 * {@code BlockManager.putBytes} is {@code private[spark]} and takes Spark's internal {@code ChunkedByteBuffer}, and an
 * RDD persisted at {@code MEMORY_ONLY} would keep its bytes in the driver's lineage anyway. So a memory checkpoint
 * survives a worker's loss only because the driver holds it, and costs a copy into the driver's heap: what it
 * measures is a memory copy, not a store. {@link #publish} puts one reference, which readers see whole or not at all.
 */
final class DriverMemoryCheckpointStore implements CheckpointStore {

    private final String prefix;
    private final Map<String, byte[]> objects = new ConcurrentHashMap<>();

    DriverMemoryCheckpointStore(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public String client() {
        return "the driver JVM's heap, byte arrays: not Spark's block store, whose putBytes is internal to Spark";
    }

    @Override
    public void write(String name, byte[] bytes) {
        objects.put(name, bytes.clone());
    }

    @Override
    public void publish(String name, byte[] bytes) {
        objects.put(name, bytes.clone());
    }

    @Override
    public byte[] read(String name) throws FileNotFoundException {
        byte[] b = objects.get(name);
        if (b == null) throw new FileNotFoundException("memory:" + prefix + "/" + name + ": no such checkpoint object");
        return b.clone();
    }

    @Override
    public List<String> list() {
        return objects.keySet().stream().sorted().toList();
    }

    @Override
    public void deleteAll() {
        objects.clear();
    }
}
