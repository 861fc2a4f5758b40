package dev.rigger.testkit;

import dev.rigger.spi.FileState;
import dev.rigger.spi.Host;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A host whose state is given as data, for planning tests ("state in, change out"): files by
 * path, and answers to commands by their joined argv (or shell script). Unscripted commands
 * fail with exit 127, like a missing program. Records every probe it was asked.
 */
public final class ScriptedHost implements Host {
    private final Map<String, FileState> files = new HashMap<>();
    private final Map<String, byte[]> contents = new HashMap<>();
    private final Map<String, ProbeResult> commands = new HashMap<>();
    private final List<Probe> asked = new ArrayList<>();
    private final List<Integer> roundTrips = new ArrayList<>();

    public ScriptedHost file(String path, String content, int mode) {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        files.put(path, new FileState(path, FileState.Type.FILE, mode, "root", "root", b.length, sha256(b), null));
        contents.put(path, b);
        return this;
    }

    public ScriptedHost dir(String path, int mode) {
        files.put(path, new FileState(path, FileState.Type.DIRECTORY, mode, "root", "root", 4096, null, null));
        return this;
    }

    public ScriptedHost link(String path, String target) {
        files.put(path, new FileState(path, FileState.Type.LINK, 0777, "root", "root", target.length(), null, target));
        return this;
    }

    /** The answer to a command: its argv joined with spaces, or a shell probe's script. */
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
        if (p instanceof Probe.Stat s) {
            FileState f = files.getOrDefault(s.path(), FileState.absent(s.path()));
            return new ProbeResult(0, new byte[0], "", f);
        }
        if (p instanceof Probe.Read r) {
            byte[] b = contents.get(r.path());
            return b == null ? ProbeResult.of(1, new byte[0], "cat: " + r.path() + ": No such file or directory") : ProbeResult.of(0, b, "");
        }
        String key = p instanceof Probe.Run run ? String.join(" ", run.argv()) : ((Probe.Shell) p).script();
        return commands.getOrDefault(key, ProbeResult.of(127, new byte[0], "not scripted: " + key));
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
