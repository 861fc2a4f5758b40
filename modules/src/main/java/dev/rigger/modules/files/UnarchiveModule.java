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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An archive (tar, tar.gz, zip) extracted into a folder, as ansible.builtin.unarchive. The archive
 * is read on the controller ({@link Archive}; with remote_src, read from the host), and every
 * member is compared with what the folder holds in one round trip of stats: a missing member, a
 * file whose content differs, a link pointing elsewhere, or (when given) a mode, owner or group
 * that differs is a change, and the whole archive is extracted again by tar or unzip.
 */
public final class UnarchiveModule implements Module {
    private static final ParamSpec SPEC = Attributes.declare(ParamSpec.builder()
            .add(Param.string("src").required().notEmpty().doc("the archive: a file beside the playbook (or in its files/), or on the host with remote_src"))
            .add(Param.string("dest").required().absolutePath().doc("the folder to extract into; it must exist"))
            .add(Param.bool("remote_src").defaultValue(false).doc("src is a path on the host, not on the controller"))
            .add(Param.bool("copy").doc("Ansible's deprecated inverse of remote_src: copy: no is remote_src: yes (not both)"))
            .add(Param.string("creates").doc("when this path exists on the host, the task is skipped (reported ok)"))
            .add(Param.bool("list_files").defaultValue(false).doc("register the archive's member names as files"))
            .add(Param.list("extra_opts").doc("not supported: refused when not empty"))
            .add(Param.list("exclude").doc("not supported: refused when not empty"))
            .add(Param.list("include").doc("not supported: refused when not empty"))
            .add(Param.bool("keep_newer").defaultValue(false).doc("not supported: refused when true")))
            .mutuallyExclusive("copy", "remote_src")
            .build();

    @Override public String name() { return "unarchive"; }
    @Override public List<String> aliases() { return List.of("ansible.builtin.unarchive"); }
    @Override public String summary() { return "Extract a tar, tar.gz or zip archive into a folder"; }
    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- unarchive:\n    src: app-1.2.tar.gz\n    dest: /opt/app\n    creates: /opt/app/bin/app\n"
                + "- unarchive:\n    src: /var/tmp/tools.zip\n    dest: /opt/tools\n    remote_src: true";
    }

    /** remote_src, or the inverse of copy when that is given (as Ansible's unarchive action reads them). */
    private static boolean remote(Params p) {
        return p.values().containsKey("copy") ? !p.bool("copy") : p.bool("remote_src");
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        List<Probe> out = new ArrayList<>(List.of(new Probe.Stat(p.string("dest"))));
        if (p.has("creates")) out.add(new Probe.Stat(p.string("creates")));
        if (remote(p)) out.add(new Probe.Read(p.string("src")));
        return out;
    }

    @Override
    public Change plan(Params p, Host host) {
        for (String opt : List.of("extra_opts", "exclude", "include")) {
            if (!p.list(opt).isEmpty()) throw new ModuleException(opt + " is not supported by Rigger's unarchive; extract with command: tar/unzip and creates: instead");
        }
        if (p.bool("keep_newer")) throw new ModuleException("keep_newer is not supported by Rigger's unarchive");
        String src = p.string("src");
        String dest = p.string("dest");
        if (src.contains("://")) throw new ModuleException("src " + src + " is a URL: download it first with get_url, then unarchive it with remote_src: true");
        if (p.has("creates") && !p.string("creates").startsWith("/")) throw new ModuleException("creates must be an absolute path: " + p.string("creates"));
        List<ProbeResult> r = host.probe(firstProbes(p));
        if (p.has("creates") && r.get(1).fileState() != null && r.get(1).fileState().exists()) {
            return Change.none(Map.of("msg", "skipped, since " + p.string("creates") + " exists"));
        }
        FileState d = r.get(0).fileState();
        if (d == null || d.type() != FileState.Type.DIRECTORY) throw new ModuleException("dest '" + dest + "' must be an existing dir");
        byte[] bytes;
        if (remote(p)) {
            ProbeResult read = r.get(r.size() - 1);
            if (!read.ok()) throw new ModuleException("Source '" + src + "' does not exist: " + read.error().trim());
            bytes = read.output();
        } else {
            bytes = p.localFile(src);
        }
        Archive.Format format = Archive.format(bytes);
        List<Archive.Member> members = Archive.members(bytes, format);
        String base = dest.endsWith("/") ? dest : dest + "/";

        List<Probe> stats = new ArrayList<>();
        for (Archive.Member m : members) stats.add(new Probe.Stat(base + m.path()));
        List<ProbeResult> now = stats.isEmpty() ? List.of() : host.probe(stats);
        List<Diff> diffs = new ArrayList<>();
        List<String> attributed = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            Archive.Member m = members.get(i);
            FileState cur = now.get(i).fileState();
            if (cur == null) throw new ModuleException("cannot inspect " + base + m.path() + ": " + now.get(i).error().trim());
            String want = shown(m);
            String have = shown(cur);
            if (!want.equals(have)) {
                diffs.add(cur.exists() ? Diff.update(cur.path(), have, want) : Diff.create(cur.path(), want));
            } else if (m.kind() != Archive.Kind.LINK) {
                diffs.addAll(Attributes.diffs(p, cur));
            }
            if (m.kind() != Archive.Kind.LINK) attributed.add(base + m.path());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dest", dest);
        out.put("src", src);
        out.put("handler", format.handler);
        if (p.bool("list_files")) out.put("files", members.stream().map(Archive.Member::name).toList());
        if (diffs.isEmpty()) return Change.none(out);

        List<Step> steps = new ArrayList<>();
        String archive = src;
        if (!remote(p)) {
            // the archive goes next to what it fills, under a name no member has, and is removed after
            archive = base + ".rigger-unarchive-" + FileContent.sha256(bytes).substring(0, 16);
            steps.add(new Step.WriteFile(archive, bytes, 0600, null, null, false, null));
        }
        steps.add(format == Archive.Format.ZIP ? Step.Run.of("unzip", "-o", "-q", archive, "-d", dest)
                : Step.Run.of(extract(format, archive, dest)));
        if (!remote(p)) steps.add(Step.Run.of("rm", "-f", "--", archive));
        if (!attributed.isEmpty()) {
            if (p.has("mode")) steps.add(Step.Run.of(argv(List.of("chmod", chmodMode(p.values().get("mode")), "--"), attributed)));
            if (p.has("owner")) steps.add(Step.Run.of(argv(List.of("chown", "--", p.string("owner")), attributed)));
            if (p.has("group")) steps.add(Step.Run.of(argv(List.of("chgrp", "--", p.string("group")), attributed)));
        }
        return Change.of(diffs, steps).withOutputs(out);
    }

    private static List<String> extract(Archive.Format f, String archive, String dest) {
        List<String> argv = new ArrayList<>(List.of("tar", "--extract", "-C", dest));
        if (f == Archive.Format.TAR_GZ) argv.add("-z");
        argv.addAll(List.of("-f", archive));
        return argv;
    }

    private static List<String> argv(List<String> head, List<String> paths) {
        List<String> out = new ArrayList<>(head);
        out.addAll(paths);
        return out;
    }

    private static String shown(Archive.Member m) {
        return switch (m.kind()) {
            case DIRECTORY -> "directory";
            case LINK -> "link to " + m.linkTarget();
            case FILE -> "file, sha256 " + m.sha256();
        };
    }

    private static String shown(FileState s) {
        return switch (s.type()) {
            case ABSENT -> "absent";
            case DIRECTORY -> "directory";
            case LINK -> "link to " + s.linkTarget();
            case FILE -> "file, sha256 " + s.sha256();
            case OTHER -> "special file";
        };
    }

    /** chmod's argument: octal bits, or a symbolic mode as given (chmod works it out per member, X included). */
    private static String chmodMode(Object mode) {
        return mode instanceof Integer i ? Integer.toOctalString(i) : mode.toString();
    }
}
