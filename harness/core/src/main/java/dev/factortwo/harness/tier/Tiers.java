package dev.factortwo.harness.tier;

import dev.factortwo.model.UserError;
import java.util.List;

/** The storage tiers by name. */
public final class Tiers {
    private static final List<String> NAMES = List.of(LocalTier.MEMORY, LocalTier.LOCAL_DISK, HdfsTier.NAME, S3Tier.NAME);

    private Tiers() {
    }

    /**
     * A new, unstarted tier.
     *
     * @throws UserError naming the known tiers, if {@code name} is not one of {@link #names()}
     */
    public static StorageTier create(String name, TierSettings settings) {
        return switch (name) {
            case LocalTier.MEMORY, LocalTier.LOCAL_DISK -> new LocalTier(name, settings);
            case HdfsTier.NAME -> new HdfsTier(settings);
            case S3Tier.NAME -> new S3Tier(settings);
            default -> throw new UserError("unknown storage tier '" + name + "': expected one of "
                    + String.join(", ", NAMES));
        };
    }

    /** {@code memory}, {@code local-disk}, {@code hdfs}, {@code s3}: warm to cold. */
    public static List<String> names() {
        return NAMES;
    }
}
