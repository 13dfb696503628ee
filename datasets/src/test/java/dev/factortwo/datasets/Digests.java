package dev.factortwo.datasets;

import java.io.IOException;
import java.security.MessageDigest;

/** Test support: SHA-256 of a source's records as the shard format lays them out ([label][image]). */
final class Digests {

    private Digests() {
    }

    static String records(DatasetSource src, String split, long limit) throws IOException {
        MessageDigest md = Sha256.newDigest();
        src.forEach(split, limit, (i, label, image) -> {
            md.update((byte) label);
            md.update(image);
        });
        return Sha256.hex(md.digest());
    }
}
