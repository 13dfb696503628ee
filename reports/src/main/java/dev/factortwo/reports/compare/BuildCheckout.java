package dev.factortwo.reports.compare;

import dev.factortwo.model.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a build to compare comes from: a checkout directory with its {@code factortwo} launcher (built or not: the
 * launcher builds it on first use), or a git revision of a repository, checked out with {@code git worktree add
 * --detach} into a directory of the comparison's output (kept, so that a resumed comparison does not rebuild it;
 * {@code git worktree prune} forgets it once deleted). Stateless.
 */
public final class BuildCheckout {

    /** The launcher a checkout must hold. */
    public static final String LAUNCHER = "factortwo";

    private BuildCheckout() {
    }

    /**
     * The launcher of {@code spec}: {@code spec/factortwo} when {@code spec} is such a directory, else the checkout of
     * revision {@code spec} of {@code repository} at {@code into} (reused when it is already that revision).
     *
     * @throws UserError in one line, naming {@code spec}, when it is neither, or when git fails on it
     */
    public static Path launcher(String spec, Path repository, Path into) {
        Path dir = Path.of(spec);
        if (Files.isDirectory(dir)) {
            Path launcher = dir.resolve(LAUNCHER);
            if (!Files.isExecutable(launcher)) {
                throw new UserError(spec + ": a directory without an executable " + LAUNCHER + " launcher; give a"
                        + " factortwo checkout or a git revision");
            }
            return launcher.toAbsolutePath();
        }
        if (repository == null || !Files.isDirectory(repository.resolve(".git")) && !Files.isRegularFile(repository.resolve(".git"))) {
            throw new UserError(spec + ": not a directory, and no git repository to find it in as a revision"
                    + (repository == null ? "" : " (" + repository + " is not one)"));
        }
        String commit = git(repository, "rev-parse", "--verify", "--quiet", spec + "^{commit}");
        if (commit.isEmpty()) throw new UserError(spec + ": not a directory, nor a revision of " + repository);
        if (Files.isRegularFile(into.resolve(LAUNCHER))) {
            String there = git(into, "rev-parse", "HEAD");
            if (!there.equals(commit)) {
                throw new UserError(into + " holds " + there + ", not " + spec + " (" + commit + "): use another --out");
            }
        } else {
            git(repository, "worktree", "add", "--detach", into.toAbsolutePath().toString(), commit);
        }
        return into.resolve(LAUNCHER).toAbsolutePath();
    }

    /** Runs git in {@code dir}; its trimmed output, or "" when it exits 1 quietly (rev-parse --quiet of a non-revision). */
    private static String git(Path dir, String... args) {
        List<String> cmd = new ArrayList<>(List.of("git", "-C", dir.toString()));
        cmd.addAll(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            int code = p.waitFor();
            if (code == 1 && output.isEmpty()) return "";
            if (code != 0) throw new UserError(String.join(" ", cmd) + " exited " + code + ": " + output.lines().reduce((a, b) -> b).orElse(""));
            return output;
        } catch (IOException e) {
            throw new UserError("cannot run git (" + e.getMessage() + "); give the baseline as a checkout directory");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", cmd));
        }
    }
}
