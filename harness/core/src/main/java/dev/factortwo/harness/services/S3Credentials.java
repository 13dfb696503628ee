package dev.factortwo.harness.services;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * An S3 access key pair. {@link #toString()} never shows the secret or the session token, so the record
 * can sit inside settings that get printed; never write its fields to logs or results.
 */
public record S3Credentials(String accessKeyId, String secretAccessKey, Optional<String> sessionToken) {
    public S3Credentials {
        Objects.requireNonNull(accessKeyId, "accessKeyId");
        Objects.requireNonNull(secretAccessKey, "secretAccessKey");
        Objects.requireNonNull(sessionToken, "sessionToken");
    }

    /** A fresh random identity for a local server that lives as long as one run. */
    public static S3Credentials randomLocal() {
        SecureRandom random = new SecureRandom();
        byte[] id = new byte[8];
        byte[] secret = new byte[24];
        random.nextBytes(id);
        random.nextBytes(secret);
        HexFormat hex = HexFormat.of();
        return new S3Credentials("factortwo-" + hex.formatHex(id), hex.formatHex(secret), Optional.empty());
    }

    @Override
    public String toString() {
        return "S3Credentials[accessKeyId=<redacted>, secretAccessKey=<redacted>"
                + (sessionToken.isPresent() ? ", sessionToken=<redacted>]" : "]");
    }
}
