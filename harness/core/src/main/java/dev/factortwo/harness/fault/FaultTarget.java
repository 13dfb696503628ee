package dev.factortwo.harness.fault;

import dev.factortwo.harness.services.StandaloneCluster;
import dev.factortwo.harness.state.StateMode;
import dev.factortwo.harness.tier.StorageTier;
import dev.factortwo.model.CellKey;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * What a fault is injected into: the cell, its tier and state mode, the Spark context, and the standalone
 * cluster when the run has real executor JVMs.
 */
public record FaultTarget(CellKey key, StorageTier tier, StateMode state, JavaSparkContext sc, Optional<StandaloneCluster> cluster) {
}
