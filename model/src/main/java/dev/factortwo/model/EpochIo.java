package dev.factortwo.model;

/**
 * What the storage tier did during one epoch.
 *
 * @param epoch           0-based epoch
 * @param bytesRead       bytes read from the tier's store
 * @param filesOpened     files or objects opened
 * @param requests        read requests (S3 GETs, HDFS reads, file reads)
 * @param blockedSeconds  time the workload waited on input
 */
public record EpochIo(int epoch, long bytesRead, long filesOpened, long requests, double blockedSeconds) {
}
