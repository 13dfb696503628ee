package dev.factortwo.harness.tier;

import dev.factortwo.model.UserError;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The storage tiers by name: the built-in ones (one line each below) and any {@link TierType} registered as a service
 * on the classpath. Immutable once loaded.
 */
public final class Tiers {
    private static final List<TierType> BUILT_IN = List.of(
            TierType.of(LocalTier.MEMORY, s -> new LocalTier(LocalTier.MEMORY, s)),
            TierType.of(LocalTier.LOCAL_DISK, s -> new LocalTier(LocalTier.LOCAL_DISK, s)),
            TierType.of(HdfsTier.NAME, HdfsTier::new),
            TierType.of(S3Tier.NAME, S3Tier::new));

    private static final List<TierType> ALL = withRegistered(BUILT_IN, ServiceLoader.load(TierType.class));

    private Tiers() {
    }

    /**
     * A new, unstarted tier.
     *
     * @throws UserError naming the known tiers, if {@code name} is not one of {@link #names()}
     */
    public static StorageTier create(String name, TierSettings settings) {
        return ALL.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new UserError("unknown storage tier '" + name + "': expected one of " + String.join(", ", names())))
                .create(settings);
    }

    /** Every tier: {@code memory}, {@code local-disk}, {@code hdfs}, {@code s3} (warm to cold), then the registered ones. */
    public static List<String> names() {
        return ALL.stream().map(TierType::name).toList();
    }

    /** The tiers this toolkit ships, warm to cold: what the quick suite runs. */
    public static List<String> builtInNames() {
        return BUILT_IN.stream().map(TierType::name).toList();
    }

    static List<TierType> withRegistered(List<TierType> builtIn, Iterable<TierType> registered) {
        List<TierType> all = new ArrayList<>(builtIn);
        for (TierType t : registered) {
            if (!t.name().matches("[a-z0-9][a-z0-9-]*")) {
                throw new IllegalStateException("tier " + t.getClass().getName() + " is named '" + t.name()
                        + "': expected lower case letters, digits and '-'");
            }
            if (all.stream().anyMatch(known -> known.name().equals(t.name()))) {
                throw new IllegalStateException("tier '" + t.name() + "' is registered twice (" + t.getClass().getName()
                        + " and another): every tier needs its own name");
            }
            all.add(t);
        }
        return List.copyOf(all);
    }
}
