package dev.rigger.modules.system;

import dev.rigger.modules.Shown;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mount point and its fstab entry, as ansible.posix.mount on Linux: the same fstab edits
 * ({@link FstabEdit}), the same mount, remount and umount commands, the same verdicts. The host's
 * mounts are read from {@code /proc/self/mountinfo} ({@link MountInfo}); all values reach
 * {@code mount} as argv words, a remount's fallback through a fixed script given them as arguments.
 */
public final class MountModule implements Module {
    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.string("path").required().aliases("name").absolutePath().singleLine().doc("the mount point"))
            .add(Param.string("src").singleLine().notEmpty().doc("the device, label (LABEL=...), UUID=..., remote export or folder (bind) to mount"))
            .add(Param.string("fstype").singleLine().notEmpty().doc("the filesystem type (ext4, tmpfs, nfs, none for a bind mount...)"))
            .add(Param.string("opts").singleLine().notEmpty().doc("mount options (fstab's fourth field); defaults when not given"))
            .add(Param.string("dump").defaultValue("0").singleLine().notEmpty().doc("fstab's dump field"))
            .add(Param.string("passno").defaultValue("0").singleLine().notEmpty().doc("fstab's pass field"))
            .add(Param.bool("boot").defaultValue(true).doc("false adds noauto to opts (unless opts has defaults or noauto)"))
            .add(Param.string("fstab").absolutePath().singleLine().doc("the fstab file (default /etc/fstab; another one is passed to mount as -T FILE)"))
            .add(Param.bool("backup").defaultValue(false).doc("keep a copy of the fstab file before changing it (registered as backup_file)"))
            .add(Param.choice("state", "absent", "absent_from_fstab", "mounted", "present", "unmounted", "remounted", "ephemeral").required()
                    .doc("present: fstab entry only; mounted: entry and mounted; unmounted: not mounted (entry kept); "
                            + "absent: entry removed, unmounted, mount point removed; absent_from_fstab: entry removed only; "
                            + "remounted: remount now; ephemeral: mounted without an fstab entry"))
            .requiredIf("state", "mounted", "src", "fstype")
            .requiredIf("state", "present", "src", "fstype")
            .requiredIf("state", "ephemeral", "src", "fstype")
            .build();
    private static final String DEFAULT_FSTAB = "/etc/fstab";
    /** remount, and when the filesystem refuses it, umount then mount (Ansible's fallback); $1 is the mount point. */
    private static final String REMOUNT = "p=$1; shift; mount -o remount \"$@\" \"$p\" || { umount \"$p\" && mount \"$@\" \"$p\"; }";

    @Override public String name() { return "mount"; }
    @Override public List<String> aliases() { return List.of("ansible.posix.mount", "ansible.builtin.mount"); }
    @Override public String summary() { return "Mount a filesystem and keep its fstab entry, as ansible.posix.mount"; }
    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return """
                - mount:
                    path: /srv/data
                    src: UUID=4b2d3c4e-0000-4f5e-9a1b-000000000003
                    fstype: xfs
                    opts: noatime
                    state: mounted
                - mount: { path: /var/cache/app, src: tmpfs, fstype: tmpfs, opts: size=64m, state: ephemeral }""";
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        return List.of(new Probe.Read(fstabOf(p)), new Probe.Read(MountInfo.PATH), new Probe.Stat(p.string("path")));
    }

    @Override
    public Change plan(Params p, Host host) {
        MountArgs a = MountArgs.of(p);
        String state = p.string("state");
        List<ProbeResult> r = host.probe(firstProbes(p));
        String before = r.get(0).ok() ? r.get(0).text() : null;
        if (r.get(1).ok() == false) throw new ModuleException("cannot read " + MountInfo.PATH + ": " + r.get(1).error().strip());
        MountInfo mounts = MountInfo.parse(r.get(1).text());
        FileState point = r.get(2).fileState();
        boolean mounted = mounts.isMounted(a.path());
        boolean exists = point != null && point.exists();
        FstabEdit fstab = new FstabEdit(before == null ? "" : before);
        Plan plan = new Plan(a, p.bool("backup"), before);
        switch (state) {
            case "present" -> plan.write(fstab.set(a.entry()));
            case "absent_from_fstab" -> plan.write(fstab.unset(a.path(), a.src()));
            case "absent" -> {
                String after = fstab.unset(a.path(), a.src());
                plan.write(after);
                if (after != null && mounted) plan.umount();
                if (after != null && exists) plan.rmdir();
            }
            case "unmounted" -> { if (mounted) plan.umount(); }
            case "mounted" -> {
                if (!exists) plan.mkdir();
                String after = fstab.set(a.entry());
                plan.write(after);
                if (!mounted) plan.mount(a.fstabArgs());
                else if (after != null) plan.remount(a.fstabArgs());
            }
            case "ephemeral" -> {
                // mounted, it is remounted on every run (as Ansible does), so no re-plan can prove convergence
                if (!exists) plan.mkdir();
                if (!mounted) return plan.mount(a.ephemeralArgs()).change().unverifiable();
                if (sameSource(mounts.at(a.path()), a.src())) return plan.remount(a.ephemeralArgs()).change().unverifiable();
                throw new ModuleException("Ephemeral mount point is already mounted with a different source than the specified one. "
                        + "Failing in order to prevent an unwanted unmount or override operation. Try replacing this command with "
                        + "a \"state: unmounted\" followed by a \"state: ephemeral\", or use a different destination path.");
            }
            case "remounted" -> { return plan.remountNow(a).change().unverifiable(); }
            default -> throw new ModuleException("unknown state " + Shown.quoted(state));
        }
        return plan.change();
    }

    /** _is_same_mount_src: the bind source Ansible computes, or the device mount -v prints. */
    private static boolean sameSource(MountInfo.Mount m, String src) {
        return m.src().equals(src) || m.device().equals(src);
    }

    private static String fstabOf(Params p) {
        return p.has("fstab") ? p.string("fstab") : DEFAULT_FSTAB;
    }

    /** The diffs and steps of one mount task, with the values it registers. */
    private static final class Plan {
        private final MountArgs a;
        private final boolean backup;
        private final String before;
        private final List<Diff> diffs = new ArrayList<>();
        private final List<Step> steps = new ArrayList<>();

        Plan(MountArgs a, boolean backup, String before) {
            this.a = a;
            this.backup = backup;
            this.before = before;
        }

        /** The fstab file's new text (null: unchanged); its folder is made when the file is missing, as Ansible does. */
        void write(String after) {
            if (after == null) return;
            diffs.add(before == null ? Diff.create(a.fstab(), after) : Diff.update(a.fstab(), before, after));
            if (before == null) steps.add(Step.Run.of("mkdir", "-p", "--", parent(a.fstab())));
            steps.add(new Step.WriteFile(a.fstab(), after.getBytes(StandardCharsets.UTF_8), null, null, null, backup && before != null, null));
        }

        void mkdir() {
            diffs.add(Diff.create(a.path() + " (mount point)", "directory"));
            steps.add(Step.Run.of("mkdir", "-p", "--", a.path()));
        }

        void rmdir() {
            diffs.add(Diff.delete(a.path() + " (mount point)", "directory"));
            steps.add(Step.Run.of("rmdir", "--", a.path()));
        }

        void umount() {
            diffs.add(Diff.update(a.path(), "mounted", "not mounted"));
            steps.add(Step.Run.of("umount", a.path()));
        }

        Plan mount(List<String> args) {
            diffs.add(Diff.update(a.path(), "not mounted", "mounted"));
            List<String> argv = new ArrayList<>(List.of("mount"));
            argv.addAll(args);
            argv.add(a.path());
            steps.add(Step.Run.of(argv));
            return this;
        }

        Plan remount(List<String> args) {
            diffs.add(Diff.run("remount " + a.path()));
            List<String> argv = new ArrayList<>(List.of("sh", "-c", REMOUNT, "sh", a.path()));
            argv.addAll(args);
            steps.add(Step.Run.of(argv));
            return this;
        }

        /** state=remounted: with options, no fallback (Ansible fails rather than unmount). */
        Plan remountNow(MountArgs a) {
            if (a.opts().equals("defaults")) return remount(a.fstabArgs());
            diffs.add(Diff.run("remount " + a.path() + " with " + a.opts()));
            List<String> argv = new ArrayList<>(List.of("mount", "-o", "remount," + a.opts()));
            argv.addAll(a.fstabArgs());
            argv.add(a.path());
            steps.add(Step.Run.of(argv));
            return this;
        }

        Change change() {
            return Change.of(diffs, steps).withOutputs(a.outputs());
        }
    }

    /** Ansible's args dict: the given values with its defaults, opts with noauto for boot=false. */
    record MountArgs(String path, String src, String fstype, String opts, String dump, String passno, String fstab, boolean boot) {
        static MountArgs of(Params p) {
            String opts = p.has("opts") ? p.string("opts") : "defaults";
            boolean boot = true;
            List<String> words = List.of(opts.split(",", -1));
            if (!p.bool("boot") && !words.contains("noauto")) {
                boot = false;
                if (!words.contains("defaults")) opts = opts + ",noauto";
            }
            MountArgs a = new MountArgs(p.string("path"), p.string("src"), p.string("fstype"), opts, p.string("dump"), p.string("passno"), fstabOf(p), boot);
            a.validate();
            return a;
        }

        /** Values that would read as mount's options, or split an fstab line, are refused. */
        private void validate() {
            for (String[] v : new String[][] {{"path", path}, {"src", src}, {"fstype", fstype}, {"opts", opts}, {"dump", dump}, {"passno", passno}}) {
                if (v[1] == null) continue;
                if (v[1].chars().anyMatch(c -> Character.isWhitespace(c) && c != ' ')) {
                    throw new ModuleException(v[0] + " must not contain tabs or other blanks than spaces (they would split the fstab entry), got " + Shown.quoted(v[1]));
                }
                if (!v[0].equals("opts") && v[1].startsWith("-")) {
                    throw new ModuleException(v[0] + " must not start with '-' (mount would read it as an option), got " + Shown.quoted(v[1]));
                }
            }
        }

        FstabEdit.Entry entry() {
            return new FstabEdit.Entry(src, path, fstype, opts, dump, passno);
        }

        /** -T FILE for another fstab than /etc/fstab (_set_fstab_args). */
        List<String> fstabArgs() {
            return fstab.equals(DEFAULT_FSTAB) ? List.of() : List.of("-T", fstab);
        }

        /** -t FSTYPE [-o OPTS] SRC (_set_ephemeral_args). */
        List<String> ephemeralArgs() {
            List<String> out = new ArrayList<>(List.of("-t", fstype));
            if (!opts.equals("defaults")) out.addAll(List.of("-o", opts));
            out.add(src);
            return out;
        }

        Map<String, Object> outputs() {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("name", path);
            out.put("opts", opts);
            out.put("dump", dump);
            out.put("passno", passno);
            out.put("fstab", fstab);
            out.put("boot", boot ? "yes" : "no");
            out.put("backup_file", "");
            if (src != null) out.put("src", src);
            if (fstype != null) out.put("fstype", fstype);
            return out;
        }
    }

    private static String parent(String file) {
        int slash = file.lastIndexOf('/');
        return slash <= 0 ? "/" : file.substring(0, slash);
    }
}
