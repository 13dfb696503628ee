package dev.factortwo.harness.services;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** The S3Proxy child JVM: data survives a kill and restart on the same port; close leaves no process. */
class EmbeddedS3Test {
    @TempDir
    Path scratch;

    @Test
    void killedServerComesBackWithItsDataAndCloseLeavesNoProcess() throws IOException {
        long pid;
        try (EmbeddedS3 s3 = EmbeddedS3.start(scratch, S3ServerClasspath.locate())) {
            System.out.printf("S3Proxy up in %d ms at %s%n", s3.lastStartTime().toMillis(), s3.endpoint());
            s3.createBucket("bench");
            s3.createBucket("bench");
            try (S3Client client = s3.client()) {
                client.putObject(r -> r.bucket("bench").key("k/v.txt"), RequestBody.fromString("kept"));
            }
            long first = s3.pid().orElseThrow();
            s3.stop();
            assertFalse(ProcessHandle.of(first).map(ProcessHandle::isAlive).orElse(false));
            assertFalse(LoopbackPorts.accepts(s3.port(), java.time.Duration.ofMillis(200)));
            s3.restart();
            System.out.printf("S3Proxy restarted in %d ms%n", s3.lastStartTime().toMillis());
            pid = s3.pid().orElseThrow();
            assertTrue(pid != first);
            try (S3Client client = s3.client()) {
                assertEquals("kept", client.getObjectAsBytes(r -> r.bucket("bench").key("k/v.txt")).asUtf8String());
            }
            assertFalse(ProcessHandle.of(pid).orElseThrow().info().commandLine().orElse("")
                    .contains(s3.credentials().secretAccessKey()), "secret on the command line");
        }
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "S3Proxy still running after close");
    }
}
