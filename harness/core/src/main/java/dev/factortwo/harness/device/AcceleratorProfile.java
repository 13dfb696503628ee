package dev.factortwo.harness.device;

import com.fasterxml.jackson.databind.JsonNode;
import dev.factortwo.model.UserError;
import dev.factortwo.model.json.ResultsCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Per-sample compute time of each workload on one accelerator, with where the numbers come from. Profiles
 * ship in {@code accelerators.json} on the classpath; users add their own with {@code --accelerator-profiles FILE}
 * (same format).
 *
 * @param name              e.g. {@code h100}
 * @param nanosPerSample    workload name to nanoseconds per sample
 * @param source            how the numbers were obtained, in words
 */
public record AcceleratorProfile(String name, Map<String, Long> nanosPerSample, String source) {

    public AcceleratorProfile {
        nanosPerSample = Map.copyOf(nanosPerSample);
    }

    public long nanosPerSample(String workload) {
        Long n = nanosPerSample.get(workload);
        if (n == null) {
            throw new UserError("accelerator profile '" + name + "' has no time for workload '"
                    + workload + "'; it has " + nanosPerSample.keySet());
        }
        return n;
    }

    /** Profiles shipped with factortwo plus those in {@code extra}, which win on equal names. */
    public static Map<String, AcceleratorProfile> load(Optional<Path> extra) {
        Map<String, AcceleratorProfile> out = new LinkedHashMap<>();
        try (InputStream in = AcceleratorProfile.class.getResourceAsStream("/accelerators.json")) {
            if (in != null) out.putAll(parse(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8), "accelerators.json (built in)"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UserError e) {
            throw new IllegalStateException("the built-in profiles are broken (a bug, not your mistake): " + e.getMessage(), e);
        }
        if (extra.isPresent()) {
            try {
                out.putAll(parse(Files.readString(extra.get()), extra.get().toString()));
            } catch (IOException e) {
                throw new UserError(extra.get() + ": cannot read accelerator profiles: " + e.getMessage());
            }
        }
        return out;
    }

    static Map<String, AcceleratorProfile> parse(String json, String where) {
        Map<String, AcceleratorProfile> out = new LinkedHashMap<>();
        JsonNode root;
        try {
            root = ResultsCodec.mapper().readTree(json);
        } catch (IOException e) {
            throw new UserError(where + ": not valid JSON: " + e.getMessage());
        }
        JsonNode profiles = root.path("profiles");
        if (!profiles.isObject()) throw new UserError(where + ": expected an object 'profiles' of name -> profile");
        for (Iterator<Map.Entry<String, JsonNode>> it = profiles.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode p = e.getValue();
            if (!p.path("source").isTextual()) throw new UserError(where + ": profile '" + e.getKey() + "': field 'source' (text) is required");
            JsonNode w = p.path("nanosPerSample");
            if (!w.isObject()) throw new UserError(where + ": profile '" + e.getKey() + "': field 'nanosPerSample' (workload -> ns) is required");
            Map<String, Long> times = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> t = w.fields(); t.hasNext(); ) {
                Map.Entry<String, JsonNode> te = t.next();
                if (!te.getValue().canConvertToLong() || te.getValue().asLong() <= 0) {
                    throw new UserError(where + ": profile '" + e.getKey() + "', workload '" + te.getKey() + "': expected a positive number of nanoseconds");
                }
                times.put(te.getKey(), te.getValue().asLong());
            }
            out.put(e.getKey(), new AcceleratorProfile(e.getKey(), times, p.get("source").asText()));
        }
        return out;
    }
}
