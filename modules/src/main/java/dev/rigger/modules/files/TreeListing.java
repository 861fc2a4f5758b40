package dev.rigger.modules.files;

import dev.rigger.spi.FileState;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Everything under a directory, in one read-only {@code find}: type, mode, owner, group, link
 * target and path of each entry, NUL-separated so that any file name (newlines included) comes
 * back whole. The root itself is not listed.
 */
final class TreeListing {
    private static final String FORMAT = "%y\\0%m\\0%u\\0%g\\0%l\\0%p\\0";

    private TreeListing() { }

    /** The probe listing {@code root}'s tree (a missing root answers an error, read as empty by {@link #entries}). */
    static Probe probe(String root) {
        return new Probe.Run(List.of("find", root, "-mindepth", "1", "-printf", FORMAT));
    }

    /** The entries the probe answered, in find's order (a directory before what it holds); empty when root is absent. */
    static List<FileState> entries(ProbeResult r, String root, boolean rootExists) {
        if (!rootExists) return List.of();
        if (!r.ok()) throw new ModuleException("cannot list " + root + ": " + r.error().trim());
        String[] f = new String(r.output(), StandardCharsets.UTF_8).split("\0", -1);
        List<FileState> out = new ArrayList<>();
        for (int i = 0; i + 5 < f.length; i += 6) {
            FileState.Type type = switch (f[i]) {
                case "f" -> FileState.Type.FILE;
                case "d" -> FileState.Type.DIRECTORY;
                case "l" -> FileState.Type.LINK;
                default -> FileState.Type.OTHER;
            };
            out.add(new FileState(f[i + 5], type, Integer.parseInt(f[i + 1], 8), f[i + 2], f[i + 3], 0, null,
                    type == FileState.Type.LINK ? f[i + 4] : null));
        }
        return out;
    }

    /** Where a link's target is, as the kernel resolves it from the link's folder (without following further links). */
    static String target(FileState link) {
        String t = link.linkTarget();
        if (t.startsWith("/")) return normalize(t);
        String dir = link.path().substring(0, link.path().lastIndexOf('/'));
        return normalize(dir + "/" + t);
    }

    private static String normalize(String path) {
        List<String> parts = new ArrayList<>();
        for (String s : path.split("/")) {
            if (s.isEmpty() || s.equals(".")) continue;
            if (s.equals("..")) { if (!parts.isEmpty()) parts.remove(parts.size() - 1); } else parts.add(s);
        }
        return "/" + String.join("/", parts);
    }
}
