package dev.factortwo.harness.data;

import dev.factortwo.harness.task.StagedData;
import dev.factortwo.harness.tier.StorageTier;
import dev.factortwo.harness.tier.TierSettings;
import dev.factortwo.harness.tier.Tiers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tiers of one run: each started on first use (embedded services come up only when a cell needs them),
 * each dataset staged to each tier once, and everything stopped at the end. Not thread-safe.
 */
public final class TierRegistry implements AutoCloseable {

    private final TierSettings settings;
    private final Map<String, StorageTier> tiers = new LinkedHashMap<>();
    private final Map<String, StagedData> staged = new LinkedHashMap<>();

    public TierRegistry(TierSettings settings) {
        this.settings = settings;
    }

    public StorageTier tier(String name) {
        StorageTier t = tiers.get(name);
        if (t == null) {
            t = Tiers.create(name, settings);
            try {
                t.start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the " + name + " tier: " + e.getMessage(), e);
            }
            tiers.put(name, t);
        }
        return t;
    }

    /** Stages {@code shards} to {@code tier} (once) and returns where they are. */
    public StagedData stage(String tierName, DatasetCatalog.Shards shards) {
        return staged.computeIfAbsent(tierName + "|" + shards.key(), k -> {
            StorageTier t = tier(tierName);
            URI root = t.root();
            String base = root.toString().endsWith("/") ? root.toString() : root + "/";
            URI target = URI.create(base + "datasets/" + shards.key() + "/train");
            try {
                dev.factortwo.datasets.Stager.stage(shards.dir(), target, t.configuration());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot stage " + shards.key() + " to " + target + " (" + t.describe()
                        + "): " + e.getMessage(), e);
            }
            return new StagedData(target.toString(), t.hadoopConf(), tierName);
        });
    }

    @Override
    public void close() {
        List<String> failures = new ArrayList<>();
        for (StorageTier t : tiers.values()) {
            try {
                t.close();
            } catch (Exception e) {
                failures.add(t.name() + ": " + e.getMessage());
            }
        }
        tiers.clear();
        staged.clear();
        if (!failures.isEmpty()) System.err.println("factortwo: could not stop cleanly: " + failures);
    }
}
