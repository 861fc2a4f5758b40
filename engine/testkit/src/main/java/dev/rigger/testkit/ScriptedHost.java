package dev.rigger.testkit;

import dev.rigger.spi.FileState;
import dev.rigger.spi.Host;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import dev.rigger.spi.Step;
import dev.rigger.spi.StepResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A host whose state is data, in memory: files with content, mode, owner and group, folders
 * and symlinks by path, and answers to commands by their joined argv (or shell script).
 * <ul>
 *   <li>Planning tests ("state in, change out"): {@link Host#stat} and {@link Host#read} see the
 *       files, commands get their scripted answer; every probe asked is recorded.</li>
 *   <li>Applying ({@link #run}, or {@link ModuleTester#apply}): a write, and the file commands
 *       modules use ({@code mkdir}, {@code rm}, {@code ln -s}, {@code chmod} with an octal mode,
 *       {@code chown}, {@code chgrp}, {@code touch}), change the state as on a real host; any
 *       other command runs as scripted (no effect) or fails. A controller-side write
 *       ({@link Step.WriteLocal}) lands on the test's own file system.</li>
 * </ul>
 * Unscripted commands fail with exit 127, like a missing program. New files belong to the
 * {@linkplain #user connecting user} (root unless set). Folders not given are taken to exist.
 */
public final class ScriptedHost implements Host {
    private final Map<String, FileState> files = new HashMap<>();
    private final Map<String, byte[]> contents = new HashMap<>();
    private final Map<String, ProbeResult> commands = new HashMap<>();
    private final List<Probe> asked = new ArrayList<>();
    private final List<Integer> roundTrips = new ArrayList<>();
    private final List<Step> ran = new ArrayList<>();
    private String user = "root";
    private String group = "root";

    /** The user (and group) new files belong to, as with {@code become: false} on a real host. */
    public ScriptedHost user(String user, String group) {
        this.user = user;
        this.group = group;
        return this;
    }

    /** A regular file of the connecting user. */
    public ScriptedHost file(String path, String content, int mode) {
        return file(path, content, mode, user, group);
    }

    public ScriptedHost file(String path, String content, int mode, String owner, String group) {
        put(path, content.getBytes(StandardCharsets.UTF_8), mode, owner, group);
        return this;
    }

    /** A regular file of any bytes (an archive, a binary) of the connecting user. */
    public ScriptedHost file(String path, byte[] content, int mode) {
        put(path, content, mode, user, group);
        return this;
    }

    public ScriptedHost dir(String path, int mode) {
        return dir(path, mode, user, group);
    }

    public ScriptedHost dir(String path, int mode, String owner, String group) {
        contents.remove(path);
        files.put(path, new FileState(path, FileState.Type.DIRECTORY, mode, owner, group, 4096, null, null));
        return this;
    }

    public ScriptedHost link(String path, String target) {
        contents.remove(path);
        files.put(path, new FileState(path, FileState.Type.LINK, 0777, user, group, target.length(), null, target));
        return this;
    }

    /** The answer to a command (a probe or a step): its argv joined with spaces, or a shell script. */
    public ScriptedHost answer(String command, int exitCode, String stdout) {
        commands.put(command, ProbeResult.of(exitCode, stdout.getBytes(StandardCharsets.UTF_8), ""));
        return this;
    }

    public List<Probe> asked() {
        return asked;
    }

    /** How many probes each round trip carried. */
    public List<Integer> roundTrips() {
        return roundTrips;
    }

    /** Every step {@link #run} so far. */
    public List<Step> ran() {
        return ran;
    }

    /** What is at {@code path} now (absent when nothing). */
    public FileState state(String path) {
        return files.getOrDefault(path, FileState.absent(path));
    }

    /** A regular file's content now, or null when there is none. */
    public String content(String path) {
        byte[] b = contents.get(path);
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }

    @Override
    public String name() {
        return "scripted";
    }

    @Override
    public Map<String, Object> facts() {
        return Map.of();
    }

    @Override
    public List<ProbeResult> probe(List<Probe> probes) {
        asked.addAll(probes);
        roundTrips.add(probes.size());
        List<ProbeResult> out = new ArrayList<>();
        for (Probe p : probes) out.add(answer(p));
        return out;
    }

    private ProbeResult answer(Probe p) {
        if (p instanceof Probe.Stat s) return new ProbeResult(0, new byte[0], "", state(s.path()));
        if (p instanceof Probe.Read r) {
            byte[] b = contents.get(resolved(r.path()));
            return b == null ? ProbeResult.of(1, new byte[0], "cat: " + r.path() + ": No such file or directory") : ProbeResult.of(0, b, "");
        }
        String key = p instanceof Probe.Run run ? String.join(" ", run.argv()) : ((Probe.Shell) p).script();
        return commands.getOrDefault(key, ProbeResult.of(127, new byte[0], "not scripted in ScriptedHost: " + key));
    }

    /** Applies one step as a real host would, and records it; see the class comment for what it knows. */
    public StepResult run(Step step) {
        ran.add(step);
        if (step instanceof Step.WriteFile w) return write(w);
        if (step instanceof Step.WriteLocal l) return writeLocal(l);
        if (step instanceof Step.Run r) return FileCommands.apply(this, r);
        if (step instanceof Step.Reboot r) return reboot(r);
        return scripted(step, ((Step.Shell) step).script());
    }

    /**
     * A reboot as a real host's: the reboot command (its scripted answer, if any: a non-zero one
     * fails as Ansible's words say), then what lived in the tmpfs {@code /tmp} and {@code /run} is
     * gone; it takes no time here (stdout, the seconds it took, is 0).
     */
    private StepResult reboot(Step.Reboot r) {
        ProbeResult a = commands.get(String.join(" ", r.command()));
        if (a != null && a.exitCode() != 0) {
            return new StepResult(r, a.exitCode(), "", "Reboot command failed. Error was: '" + a.text().strip() + ", " + a.error().strip() + "'");
        }
        for (String path : List.copyOf(files.keySet())) {
            if (path.startsWith("/tmp/") || path.startsWith("/run/")) remove(path);
        }
        return new StepResult(r, 0, "0", "");
    }

    StepResult scripted(Step step, String key) {
        ProbeResult a = commands.get(key);
        if (a == null) return new StepResult(step, 127, "", "not scripted in ScriptedHost: " + key + " (script it with answer(...))");
        return new StepResult(step, a.exitCode(), a.text(), a.error());
    }

    private StepResult write(Step.WriteFile w) {
        FileState old = state(w.path());
        if (old.type() == FileState.Type.DIRECTORY) return new StepResult(w, 1, "", w.path() + ": Is a directory");
        String parent = parent(w.path());
        if (state(parent).exists() && state(parent).type() != FileState.Type.DIRECTORY) {
            return new StepResult(w, 1, "", parent + ": Not a directory");
        }
        if (w.validate() != null) {
            StepResult v = scripted(w, String.join(" ", w.validate()));
            if (v.exitCode() != 0) return new StepResult(w, v.exitCode(), v.stdout(), "validation failed: " + v.stderr());
        }
        boolean file = old.type() == FileState.Type.FILE;
        if (w.backup() && file) put(w.path() + "~", contents.get(w.path()), old.mode(), old.owner(), old.group());
        put(w.path(), w.content(), w.mode() != null ? w.mode() : file ? old.mode() : 0644,
                w.owner() != null ? w.owner() : file ? old.owner() : user, w.group() != null ? w.group() : file ? old.group() : group);
        return new StepResult(w, 0, "", "");
    }

    /** A controller-side write lands on the test's own file system (give it a temporary folder), as the engine writes it. */
    private static StepResult writeLocal(Step.WriteLocal l) {
        try {
            java.nio.file.Path p = java.nio.file.Path.of(l.path());
            java.nio.file.Files.createDirectories(p.getParent());
            java.nio.file.Files.write(p, l.content());
            return new StepResult(l, 0, "", "");
        } catch (java.io.IOException e) {
            return new StepResult(l, 1, "", e.toString());
        }
    }

    void put(String path, byte[] content, int mode, String owner, String group) {
        files.put(path, new FileState(path, FileState.Type.FILE, mode, owner, group, content.length, sha256(content), null));
        contents.put(path, content);
    }

    void remove(String path) {
        files.keySet().removeIf(p -> p.equals(path) || p.startsWith(path + "/"));
        contents.keySet().removeIf(p -> p.equals(path) || p.startsWith(path + "/"));
    }

    void attributes(String path, Integer mode, String owner, String group) {
        FileState f = state(path);
        files.put(path, new FileState(path, f.type(), mode != null ? mode : f.mode(), owner != null ? owner : f.owner(),
                group != null ? group : f.group(), f.size(), f.sha256(), f.linkTarget()));
    }

    String user() {
        return user;
    }

    String group() {
        return group;
    }

    /** A symlink's path followed to what it names (relative targets from its folder). */
    private String resolved(String path) {
        for (int hops = 0; hops < 40; hops++) {
            FileState f = state(path);
            if (f.type() != FileState.Type.LINK) return path;
            String t = f.linkTarget();
            path = t.startsWith("/") ? t : parent(path) + "/" + t;
        }
        return path;
    }

    static String parent(String path) {
        int i = path.lastIndexOf('/');
        return i <= 0 ? "/" : path.substring(0, i);
    }

    private static String sha256(byte[] b) {
        try {
            byte[] d = java.security.MessageDigest.getInstance("SHA-256").digest(b);
            return java.util.HexFormat.of().formatHex(d);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
