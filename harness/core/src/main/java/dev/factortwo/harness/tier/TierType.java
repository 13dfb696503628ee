package dev.factortwo.harness.tier;

import java.util.Objects;
import java.util.function.Function;

/**
 * One storage tier's name and how to make it: an entry of {@link Tiers}. The built-in tiers are listed in {@code Tiers},
 * one line each; a tier of one's own is a {@link StorageTier} class plus a {@code TierType} registered with Java's
 * {@link java.util.ServiceLoader} (a line naming it in {@code META-INF/services/dev.factortwo.harness.tier.TierType} on the
 * classpath), and nothing else: the flags, the contract tests, {@code doctor} and the report take every registered
 * tier from {@code Tiers}. A registered tier runs where it is named ({@code --tiers}); the quick suite keeps to the
 * built-in ones. Implementations are immutable and need a public no-argument constructor to be loaded as a service.
 *
 * <pre>{@code
 * public final class RamDiskTierType implements TierType {
 *     public String name() { return "ramdisk"; }
 *     public StorageTier create(TierSettings settings) { return new RamDiskTier(settings); }
 * }
 * }</pre>
 */
public interface TierType {

    /** The tier's name in cells and flags, e.g. {@code local-disk}: lower case letters, digits and '-'. */
    String name();

    /** A new, unstarted tier reached with {@code settings}. */
    StorageTier create(TierSettings settings);

    /** An entry named {@code name} made by {@code factory}. */
    static TierType of(String name, Function<TierSettings, StorageTier> factory) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(factory, "factory");
        return new TierType() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public StorageTier create(TierSettings settings) {
                return factory.apply(settings);
            }
        };
    }
}
