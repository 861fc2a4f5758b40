package dev.rigger.modules.files;

import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.FileState;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import dev.rigger.spi.Step;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Files, directories and links. {@code content} writes the whole file atomically (temp file in
 * the same folder, then rename). {@code touch} creates a missing file but leaves an existing
 * one's times alone, so it is idempotent (Ansible's {@code modification_time: preserve}).
 */
public final class FileModule implements Module {
    private static final ParamSpec SPEC = SelinuxContext.declare(Attributes.declare(ParamSpec.builder()
            .add(Param.string("path").required().absoluteOrHomePath().aliases("dest", "name").doc("the path to manage"))
            .add(Param.choice("state", "file", "directory", "absent", "link", "touch").defaultValue("file")
                    .doc("what the path should be"))
            .add(Param.string("content").doc("the whole content of the file (state=file)"))
            .add(Param.string("src").doc("what a link points to (state=link)"))
            .add(Param.bool("force").defaultValue(false).doc("replace a file that stands where a link should be, or make a link to a source that does not exist (without it that fails, as in Ansible)"))
            .add(Param.bool("recurse").defaultValue(false)
                    .doc("state=directory: set mode, owner and group on everything under path too (a symbolic mode per entry; links get owner and group, and what they point to all three)"))
            .add(Param.bool("follow").defaultValue(true)
                    .doc("when path is a link (and state is not link or absent), act on what it points to, as Ansible's default; false is refused for a link"))
            .add(Param.choice("modification_time", "preserve")
                    .doc("preserve: leave an existing path's modification time alone (what Rigger always does; Ansible's now and timestamps are not supported)"))
            .add(Param.choice("access_time", "preserve")
                    .doc("preserve: leave an existing path's access time alone (what Rigger always does; Ansible's now and timestamps are not supported)"))))
            .onlyIf("state", "file", "content")
            .requiredIf("state", "link", "src")
            .build();

    @Override
    public String name() { return "file"; }

    @Override
    public List<String> aliases() { return List.of("ansible.builtin.file"); }

    @Override
    public String summary() { return "Manage files, directories, links and their content, mode and owner"; }

    @Override
    public ParamSpec spec() { return SPEC; }

    @Override
    public List<Probe> firstProbes(Params p) {
        if (HomePath.isHome(p.string("path"))) return List.of(HomePath.probe(p.string("path")));   // '~' first, expanded on the host
        return probes(p, p.string("path"));
    }

    /** The file's state, and its content when content is given, or its tree when recursing, or whether a link's src exists. */
    private static List<Probe> probes(Params p, String path) {
        List<Probe> out = new ArrayList<>(List.of(new Probe.Stat(path)));
        if ("link".equals(p.string("state")) && p.has("src")) out.add(new Probe.Run(List.of("test", "-e", linkSource(path, p.string("src")))));
        else if (recursing(p)) out.add(TreeListing.probe(path));
        else if (p.has("content")) out.add(new Probe.Read(path));
        for (String a : ancestors(p, path)) out.add(new Probe.Stat(a));
        return out;
    }

    /**
     * A directory's ancestors, from the top, when it has attributes to set: Ansible gives each
     * folder it creates on the way the same mode, owner and group.
     */
    private static List<String> ancestors(Params p, String path) {
        boolean directory = "directory".equals(p.string("state")) || p.bool("recurse");
        if (!directory || !(p.has("mode") || p.has("owner") || p.has("group"))) return List.of();
        List<String> out = new ArrayList<>();
        for (int slash = path.indexOf('/', 1); slash > 0 && slash < path.length() - 1; slash = path.indexOf('/', slash + 1)) {
            out.add(path.substring(0, slash));
        }
        return out;
    }

    /** The ancestors the probes found missing: mkdir -p creates them, and they get the task's attributes. */
    private static List<String> missingAncestors(Params p, String path, List<ProbeResult> r) {
        List<String> all = ancestors(p, path);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            FileState f = r.get(r.size() - all.size() + i).fileState();
            if (f != null && !f.exists()) out.add(all.get(i));
        }
        return out;
    }

    /** recurse with something to set: without mode, owner or group there is nothing to do under path. */
    private static boolean recursing(Params p) {
        return p.bool("recurse") && (p.has("mode") || p.has("owner") || p.has("group"));
    }

    @Override
    public Change plan(Params p, Host host) {
        if (HomePath.isHome(p.string("path"))) p = HomePath.expanded(p, "path", host);
        return SelinuxContext.checked(plan(p, host, p.string("path"), true), p, host);
    }

    /** The plan for {@code path}; a link there is followed once (readlink -f: the whole chain) when follow says so. */
    private static Change plan(Params p, Host host, String path, boolean mayFollow) {
        String state = p.string("state");
        List<ProbeResult> r = host.probe(probes(p, path));
        FileState cur = r.get(0).fileState();
        if (cur == null) throw new ModuleException("cannot inspect " + path + ": " + r.get(0).error().trim());
        if (mayFollow && cur.type() == FileState.Type.LINK && !state.equals("link") && !state.equals("absent")) {
            if (!p.bool("follow")) {
                throw new ModuleException(path + " is a link, and follow: false (acting on the link itself) is not supported:"
                        + " give the path it points to, or follow: true");
            }
            ProbeResult target = host.probe(List.of(new Probe.Run(List.of("readlink", "-f", "--", path)))).get(0);
            if (!target.ok() || target.text().isBlank()) {
                throw new ModuleException("cannot follow the link " + path + ": " + (target.ok() ? "no target" : target.error().strip()));
            }
            return plan(p, host, target.text().strip(), false);
        }
        if (p.bool("recurse")) {
            // Ansible's default state with recurse is directory; state=file is the default here, so it reads the same
            boolean asDirectory = state.equals("directory") || (state.equals("file") && cur.type() != FileState.Type.FILE && !p.has("content"));
            if (!asDirectory) throw new ModuleException("recurse option requires state to be 'directory' (" + path + " is "
                    + (state.equals("file") ? "a file" : "asked to be " + state) + ")");
            Change top = directory(p, cur, missingAncestors(p, path, r));
            if (!recursing(p) || !cur.exists()) return top;
            return Change.all(List.of(top, tree(p, host, path, TreeListing.entries(r.get(1), path, true))));
        }
        return switch (state) {
            case "absent" -> absent(cur);
            case "directory" -> directory(p, cur, missingAncestors(p, path, r));
            case "link" -> link(p, cur, r.get(1));
            case "touch" -> touch(p, cur);
            default -> file(p, cur, r.size() > 1 ? r.get(1) : null);
        };
    }

    /**
     * Attributes on everything under {@code path}, and on what its links point to outside it (as
     * Ansible's default follow does); a link to a directory outside the tree is refused rather than
     * walked.
     */
    private static Change tree(Params p, Host host, String path, List<FileState> entries) {
        List<FileState> all = new ArrayList<>(entries);
        List<Probe> outside = new ArrayList<>();
        List<String> links = new ArrayList<>();
        for (FileState e : entries) {
            if (e.type() != FileState.Type.LINK) continue;
            String target = TreeListing.target(e);
            if (target.startsWith(path.endsWith("/") ? path : path + "/")) continue;
            outside.add(new Probe.Stat(target));
            links.add(e.path());
        }
        if (!outside.isEmpty()) {
            List<ProbeResult> r = host.probe(outside);
            for (int i = 0; i < r.size(); i++) {
                FileState f = r.get(i).fileState();
                if (f == null || !f.exists() || f.type() == FileState.Type.LINK) continue;   // Ansible skips what is not there
                if (f.type() == FileState.Type.DIRECTORY) {
                    throw new ModuleException("recurse would follow the link " + links.get(i) + " to the directory " + f.path()
                            + " outside " + path + " (Ansible walks it too); Rigger does not: give that directory a task of its own");
                }
                all.add(f);
            }
        }
        return RecursiveAttributes.of(p, (path.endsWith("/") ? path : path + "/") + "**", all);
    }

    private static Change absent(FileState cur) {
        if (!cur.exists()) return Change.none();
        return Change.of(List.of(Diff.delete(cur.path(), cur.type().name().toLowerCase())),
                List.of(Step.Run.of("rm", "-rf", "--", cur.path())));
    }

    private static Change directory(Params p, FileState cur, List<String> newAncestors) {
        List<Diff> diffs = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        if (!cur.exists()) {
            diffs.add(Diff.create(cur.path(), "directory"));
            steps.add(Step.Run.of("mkdir", "-p", "--", cur.path()));
            for (String a : newAncestors) {
                List<Diff> attrs = Attributes.diffs(p, FileState.absent(a), true);
                diffs.add(Diff.create(a, "directory"));
                diffs.addAll(attrs);
                steps.addAll(Attributes.steps(p, a, attrs));
            }
        } else if (cur.type() != FileState.Type.DIRECTORY) {
            throw new ModuleException(cur.path() + " exists and is not a directory");
        }
        List<Diff> attrs = Attributes.diffs(p, cur, true);
        diffs.addAll(attrs);
        steps.addAll(Attributes.steps(p, cur.path(), attrs));
        return Change.of(diffs, steps);
    }

    /** Where a link's src is, as Ansible checks it: relative to the link's folder (os.path.join keeps an absolute src). */
    private static String linkSource(String path, String src) {
        if (src.startsWith("/")) return src;
        int slash = path.lastIndexOf('/');
        return (slash <= 0 ? "/" : path.substring(0, slash + 1)) + src;
    }

    private static Change link(Params p, FileState cur, ProbeResult srcExists) {
        String src = p.string("src");
        if (!p.bool("force") && srcExists.exitCode() != 0) {
            throw new ModuleException("src file does not exist, use \"force=yes\" if you really want to create the link: "
                    + linkSource(cur.path(), src));
        }
        if (cur.type() == FileState.Type.LINK && src.equals(cur.linkTarget())) return Change.none();
        if (cur.type() == FileState.Type.DIRECTORY || (cur.type() == FileState.Type.FILE && !p.bool("force"))) {
            throw new ModuleException(cur.path() + " exists as a " + cur.type().name().toLowerCase()
                    + "; use force: true to replace a file by a link");
        }
        Diff d = cur.type() == FileState.Type.LINK ? Diff.update(cur.path() + " -> ", cur.linkTarget(), src)
                : Diff.create(cur.path() + " -> ", src);
        return Change.of(List.of(d), List.of(Step.Run.of("ln", "-sfn", "--", src, cur.path())));
    }

    private static Change touch(Params p, FileState cur) {
        if (cur.exists()) return attributesOnly(p, cur);
        List<Diff> diffs = new ArrayList<>(List.of(Diff.create(cur.path(), "")));
        diffs.addAll(Attributes.diffs(p, cur));
        return Change.of(diffs, List.of(new Step.WriteFile(cur.path(), new byte[0], Attributes.newFileMode(p, cur),
                p.string("owner"), p.string("group"), false, null)));
    }

    private static Change file(Params p, FileState cur, ProbeResult content) {
        if (!p.has("content")) {
            if (!cur.exists()) throw new ModuleException(cur.path() + " does not exist (use state=touch or content to create it)");
            return attributesOnly(p, cur);
        }
        if (cur.exists() && cur.type() != FileState.Type.FILE) {
            throw new ModuleException(cur.path() + " exists and is a " + cur.type().name().toLowerCase() + ", not a file");
        }
        byte[] want = p.string("content").getBytes(StandardCharsets.UTF_8);
        String before = cur.exists() && content != null && content.ok() ? content.text() : null;
        if (before != null && java.util.Arrays.equals(content.output(), want)) return attributesOnly(p, cur);
        List<Diff> diffs = new ArrayList<>();
        diffs.add(before == null ? Diff.create(cur.path(), p.string("content")) : Diff.update(cur.path(), before, p.string("content")));
        diffs.addAll(Attributes.diffs(p, cur));
        return Change.of(diffs, List.of(new Step.WriteFile(cur.path(), want, Attributes.newFileMode(p, cur), p.string("owner"),
                p.string("group"), false, null)));
    }

    private static Change attributesOnly(Params p, FileState cur) {
        List<Diff> attrs = Attributes.diffs(p, cur);
        return Change.of(attrs, Attributes.steps(p, cur.path(), attrs));
    }
}
