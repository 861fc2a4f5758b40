package dev.rigger.modules.files;

import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.FileState;
import dev.rigger.spi.Host;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import dev.rigger.spi.Step;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * copy with {@code remote_src}: the source is on the host. A file is compared by checksum and,
 * when it differs, read by one probe and written as copy writes any file (atomic, backup,
 * validate, mode/owner/group); a new file gets 0644 as in Ansible (whose atomic_move resets it).
 * A directory is mirrored as Ansible's copy does: with a trailing slash its content goes into
 * dest, without one the directory itself goes into dest; missing entries are created (files and
 * folders with the source's mode, links as links), files whose content differs are rewritten
 * with the source's mode, nothing is removed, owner and group go to the whole tree.
 */
final class RemoteCopy {
    private RemoteCopy() { }

    /** The source's state and SHA-1 (what Ansible registers as checksum), then what copy asks about dest. */
    static List<Probe> firstProbes(Params p) {
        String src = strip(p.string("src"));
        List<Probe> out = new ArrayList<>(List.of(new Probe.Stat(src), new Probe.Run(List.of("sha1sum", "--", src))));
        out.addAll(FileContent.firstOfReplace(fileDest(p)));
        return out;
    }

    private static String fileDest(Params p) {
        return CopyModule.destination(p.string("dest"), p.string("src"));
    }

    static Change plan(Params p, Host host) {
        String src = p.string("src");
        if (!src.startsWith("/")) throw new ModuleException("src must be an absolute path on the host with remote_src, got '" + src + "'");
        List<ProbeResult> r = host.probe(firstProbes(p));
        FileState s = r.get(0).fileState();
        if (s == null || !s.exists()) throw new ModuleException("Source " + src + " not found");
        if (s.type() == FileState.Type.LINK) {
            s = host.probe(List.of(new Probe.Stat(FileContent.realPath(host, src)))).get(0).fileState();
            if (s == null || !s.exists()) throw new ModuleException("Source " + src + " not found (a link to nothing)");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("src", src);
        if (s.type() == FileState.Type.DIRECTORY) return directory(p, host, src, out);
        if (s.type() != FileState.Type.FILE) throw new ModuleException("Cannot copy invalid source '" + src + "': not a file");
        String sha1 = r.get(1).ok() ? r.get(1).text().split(" ", 2)[0] : null;
        String source = s.path();
        FileContent.Current dest = FileContent.current(host, fileDest(p), false, r.subList(2, 4));
        Change c = FileContent.replace(p, host, src, dest, s.sha256(), () -> {
            ProbeResult read = host.probe(List.of(new Probe.Read(source))).get(0);
            if (!read.ok()) throw new ModuleException("Source " + src + " not readable: " + read.error().trim());
            return read.output();
        });
        out.put("dest", dest.file().type() == FileState.Type.DIRECTORY ? dest.path() + "/" + src.substring(src.lastIndexOf('/') + 1) : dest.path());
        if (sha1 != null) out.put("checksum", sha1);
        out.put("size", s.size());
        return c.withOutputs(out);
    }

    /** Ansible's four cases: trailing slash or not on src, dest a folder or not there yet. */
    private static Change directory(Params p, Host host, String src, Map<String, Object> out) {
        boolean contents = src.endsWith("/");
        String from = strip(src);
        String dest = strip(p.string("dest"));
        String name = from.substring(from.lastIndexOf('/') + 1);
        FileState d = host.probe(List.of(new Probe.Stat(dest), new Probe.Stat(FileContent.parent(dest)))).get(0).fileState();
        boolean destDir = d.type() == FileState.Type.DIRECTORY;
        if (d.exists() && !destDir) throw new ModuleException("dest " + dest + " is a " + d.type().name().toLowerCase() + "; a directory source needs a directory");
        String target = contents ? dest : dest + "/" + name;
        String modeTarget = destDir ? target : dest;
        out.put("dest", destDir && !contents ? target : dest);
        if (!p.bool("force") && d.exists() && (contents || exists(host, target))) return Change.none(out);
        List<ProbeResult> r = host.probe(List.of(new Probe.Stat(target), TreeListing.probe(from), checksums(from),
                TreeListing.probe(target), checksums(target), new Probe.Stat(FileContent.parent(dest)), new Probe.Stat(from)));
        FileState t = r.get(0).fileState();
        if (!d.exists() && !r.get(5).fileState().exists()) throw new ModuleException("Destination directory " + FileContent.parent(dest) + " does not exist");
        if (t.exists() && t.type() != FileState.Type.DIRECTORY) throw new ModuleException(target + " is a " + t.type().name().toLowerCase() + ", not a directory");
        List<FileState> srcTree = TreeListing.entries(r.get(1), from, true);
        Map<String, String> srcSums = sums(r.get(2));
        Map<String, FileState> have = new HashMap<>();
        for (FileState e : TreeListing.entries(r.get(3), target, t.exists())) have.put(e.path(), e);
        Map<String, String> haveSums = t.exists() ? sums(r.get(4)) : Map.of();

        List<Diff> diffs = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        List<FileState> owned = new ArrayList<>(have.values());   // the tree owner and group go to, new entries added below
        owned.add(t.exists() ? t : new FileState(target, FileState.Type.DIRECTORY, 0, null, null, 0, null, null));
        FileState modeState = null;
        if (!t.exists()) {
            int mode = r.get(6).fileState().mode() & 07777;
            diffs.add(Diff.create(target, "directory"));
            if (d.exists() || contents) {
                steps.add(Step.Run.of("mkdir", "-m", Integer.toOctalString(mode), "--", target));   // copytree: the source's mode
                if (modeTarget.equals(target)) modeState = new FileState(target, FileState.Type.DIRECTORY, mode, null, null, 0, null, null);
            } else {
                steps.add(Step.Run.of("mkdir", "-p", "--", target));                                  // makedirs: dest and target, 0755
                modeState = new FileState(dest, FileState.Type.DIRECTORY, Modes.NEW_DIR, null, null, 0, null, null);
                owned.add(modeState);
            }
        }
        for (FileState e : srcTree) {
            String to = target + e.path().substring(from.length());
            FileState now = have.get(to);
            FileState created = new FileState(to, e.type(), e.mode(), null, null, 0, null, e.linkTarget());
            switch (e.type()) {
                case DIRECTORY -> {
                    if (now == null) {
                        diffs.add(Diff.create(to, "directory"));
                        steps.add(Step.Run.of("mkdir", "-m", Integer.toOctalString(e.mode() & 07777), "--", to));
                        owned.add(created);
                    } else if (now.type() != FileState.Type.DIRECTORY) {
                        throw new ModuleException(to + " is a " + now.type().name().toLowerCase() + " where " + e.path() + " is a directory");
                    }
                }
                case FILE -> {
                    String want = srcSums.get(e.path());
                    if (now == null || (now.type() == FileState.Type.FILE && !haveSums.getOrDefault(to, "").equals(want))) {
                        diffs.add(now == null ? Diff.create(to, "copy of " + e.path()) : Diff.update(to, "sha256 " + haveSums.get(to), "sha256 " + want));
                        steps.add(Step.Run.of("cp", "--preserve=mode", "--", e.path(), to));
                        if (now == null) owned.add(created);
                    } else if (now.type() != FileState.Type.FILE) {
                        throw new ModuleException(to + " is a " + now.type().name().toLowerCase() + " where " + e.path() + " is a file");
                    }
                }
                case LINK -> {
                    if (now == null) {
                        diffs.add(Diff.create(to + " -> ", e.linkTarget()));
                        steps.add(Step.Run.of("ln", "-s", "--", e.linkTarget(), to));
                        owned.add(created);
                    }
                }
                default -> throw new ModuleException("cannot copy " + e.path() + ": not a file, directory or link");
            }
        }
        if (p.has("owner") || p.has("group")) {
            Change own = RecursiveAttributes.of(new OwnerOnly(p), target + "/**", owned);
            diffs.addAll(own.diffs());
            steps.addAll(own.steps());
        }
        if (p.has("mode")) {
            FileState m = modeState != null ? modeState : t;   // an existing target is the mode's (dest is a folder)
            List<Diff> mode = Attributes.diffs(new ModeOnly(p), m, true);
            diffs.addAll(mode);
            steps.addAll(Attributes.steps(p, modeTarget, mode));
        }
        return Change.of(diffs, steps).withOutputs(out);
    }

    private static boolean exists(Host host, String path) {
        FileState f = host.probe(List.of(new Probe.Stat(path))).get(0).fileState();
        return f != null && f.exists();
    }

    /** SHA-256 of every regular file under a folder, NUL-terminated lines so any name comes back whole. */
    private static Probe checksums(String root) {
        return new Probe.Run(List.of("find", root, "-type", "f", "-exec", "sha256sum", "-z", "--", "{}", "+"));
    }

    private static Map<String, String> sums(ProbeResult r) {
        Map<String, String> out = new HashMap<>();
        for (String line : new String(r.output(), StandardCharsets.UTF_8).split("\0")) {
            if (line.length() > 66) out.put(line.substring(66), line.substring(0, 64));
        }
        return out;
    }

    private static String strip(String path) {
        String s = path;
        while (s.length() > 1 && s.endsWith("/")) s = s.substring(0, s.length() - 1);
        return s;
    }

    /** The task's parameters without mode: the tree gets owner and group only (Ansible's chown_recursive). */
    private record OwnerOnly(Params p) implements Params {
        @Override public Map<String, Object> values() {
            Map<String, Object> v = new HashMap<>(p.values());
            v.remove("mode");
            return v;
        }
        @Override public byte[] localFile(String name) { return p.localFile(name); }
        @Override public String template(String name) { return p.template(name); }
    }

    /** The task's parameters with mode only: the top folder's mode, its owner being the tree's. */
    private record ModeOnly(Params p) implements Params {
        @Override public Map<String, Object> values() {
            Map<String, Object> v = new HashMap<>();
            v.put("mode", p.values().get("mode"));
            return v;
        }
        @Override public byte[] localFile(String name) { return p.localFile(name); }
        @Override public String template(String name) { return p.template(name); }
    }
}
