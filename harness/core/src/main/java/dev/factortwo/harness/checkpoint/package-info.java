/**
 * Checkpoints of worker state that Spark cannot rebuild (local SGD's replicas): what one holds ({@link
 * dev.factortwo.harness.checkpoint.Checkpoint}), its manifest with a SHA-256 per part, and writing and restoring it
 * through a tier's {@link dev.factortwo.harness.tier.CheckpointStore} ({@link dev.factortwo.harness.checkpoint.Checkpoints}).
 * Below the strategies, above the tiers; driver only.
 */
package dev.factortwo.harness.checkpoint;
