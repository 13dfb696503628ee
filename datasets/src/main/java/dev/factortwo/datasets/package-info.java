/**
 * Datasets for factortwo: what a dataset is ({@link dev.factortwo.datasets.DatasetSpec}), where records come
 * from ({@link dev.factortwo.datasets.DatasetSource}: MNIST IDX files, the seeded synthetic generator, a
 * shard directory), the shard format with its manifest ({@link dev.factortwo.datasets.ShardFormat},
 * {@link dev.factortwo.datasets.Manifest}), writing and reading shards with verification
 * ({@link dev.factortwo.datasets.ShardWriter}, {@link dev.factortwo.datasets.ShardReader}) and staging them to
 * any Hadoop file system ({@link dev.factortwo.datasets.Stager}).
 *
 * <p>Data flows one way: source → {@code ShardWriter} → local shard directory → {@code Stager} → tier
 * (file, HDFS, S3) → {@code ShardReader} / {@code ShardedSource}. Hadoop is a {@code provided} dependency:
 * the classes that take a {@code FileSystem} or {@code Configuration} need it on the caller's classpath.
 */
package dev.factortwo.datasets;
