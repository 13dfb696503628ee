package dev.factortwo.harness.device;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The GPU as {@code nvidia-smi} reports it: name, driver, memory; empty where there is none. */
public final class GpuInfo {

    private GpuInfo() {
    }

    public static Optional<String> query() {
        try {
            Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=name,driver_version,memory.total",
                    "--format=csv,noheader").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).trim();
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0 || out.isBlank()) return Optional.empty();
            return Optional.of(out.lines().findFirst().orElse(out));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
