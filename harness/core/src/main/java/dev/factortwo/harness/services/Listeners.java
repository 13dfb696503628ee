package dev.factortwo.harness.services;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Who listens on a TCP port, as Linux's {@code /proc} says: the socket inodes in state LISTEN on a local port
 * ({@code /proc/net/tcp} and {@code tcp6}), and whether a process holds one of them ({@code /proc/PID/fd}).
 */
final class Listeners {
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    private static final String LISTEN = "0A";

    private Listeners() {
    }

    /** Whether this machine says who listens (Linux); where not, callers can only connect and see. */
    static boolean known() {
        return Files.isReadable(TABLES.get(0)) && Files.isDirectory(Path.of("/proc/self/fd"));
    }

    /** The inodes of the sockets listening on {@code port}, any local address. */
    static Set<Long> on(int port) {
        String hexPort = ":" + String.format(Locale.ROOT, "%04X", port);
        Set<Long> inodes = new HashSet<>();
        for (Path table : TABLES) {
            List<String> lines;
            try {
                lines = Files.readAllLines(table);
            } catch (IOException e) {
                continue; // no IPv6 table, for one
            }
            for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
                String[] f = line.trim().split("\\s+");
                // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
                if (f.length > 9 && f[1].endsWith(hexPort) && f[3].equals(LISTEN)) inodes.add(Long.parseLong(f[9]));
            }
        }
        return inodes;
    }

    /** Whether process {@code pid} holds one of the sockets {@code inodes}. */
    static boolean ownedBy(long pid, Set<Long> inodes) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                String target;
                try {
                    target = Files.readSymbolicLink(fd).toString();
                } catch (IOException e) {
                    continue; // closed since the listing
                }
                if (target.startsWith("socket:[") && inodes.contains(Long.parseLong(target.substring(8, target.length() - 1)))) {
                    return true;
                }
            }
        } catch (IOException e) {
            return false; // gone
        }
        return false;
    }
}
