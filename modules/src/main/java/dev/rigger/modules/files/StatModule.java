package dev.rigger.modules.files;

import dev.rigger.spi.Change;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports what is at a path as Ansible's stat does, under {@code stat} in the registered result;
 * changes nothing. Everything comes from one round trip: {@code stat -c}, the checksum tool, the
 * link's target and resolved path, {@code test -r/-w/-x} for the connecting user and, when asked,
 * {@code file -i}.
 */
public final class StatModule implements Module {
    /** Raw mode in hex, ids, names, size, inode, device, links, access/modify/change times. */
    private static final String FORMAT = "%f\t%u\t%g\t%U\t%G\t%s\t%i\t%d\t%h\t%X\t%Y\t%Z";
    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.string("path").required().notEmpty().aliases("dest", "name").doc("the path to examine"))
            .add(Param.bool("follow").defaultValue(false).doc("report on a symlink's target instead of the link"))
            .add(Param.bool("get_checksum").defaultValue(true).doc("include the checksum of a regular file"))
            .add(Param.choice("checksum_algorithm", "md5", "sha1", "sha224", "sha256", "sha384", "sha512").defaultValue("sha1")
                    .aliases("checksum", "checksum_algo").doc("the checksum's algorithm"))
            .add(Param.bool("get_mime").defaultValue(true).aliases("mime", "mime_type", "mime-type")
                    .doc("include mimetype and charset (from file -i, where the host has it)"))
            .add(Param.bool("get_attributes").defaultValue(true).aliases("attr", "attributes")
                    .doc("accepted for Ansible's playbooks; lsattr flags are not reported"))
            .build();

    @Override public String name() { return "stat"; }
    @Override public List<String> aliases() { return List.of("ansible.builtin.stat"); }
    @Override public String summary() { return "Report a path's type, mode, owner, size, times and checksum; changes nothing"; }
    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- stat:\n    path: /etc/app.conf\n  register: conf\n- debug:\n    msg: \"mode {{ conf.stat.mode }}\"\n  when: conf.stat.exists";
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        String path = p.string("path");
        boolean follow = p.bool("follow");
        List<Probe> probes = new ArrayList<>();
        probes.add(new Probe.Run(follow ? List.of("stat", "-L", "-c", FORMAT, "--", path) : List.of("stat", "-c", FORMAT, "--", path)));
        probes.add(new Probe.Run(List.of("readlink", "--", path)));
        probes.add(new Probe.Run(List.of("realpath", "-m", "--", path)));
        for (String t : List.of("-r", "-w", "-x")) probes.add(new Probe.Run(List.of("test", t, path)));
        if (p.bool("get_checksum")) probes.add(new Probe.Run(List.of(p.string("checksum_algorithm") + "sum", "--", path)));
        if (p.bool("get_mime")) probes.add(new Probe.Run(follow ? List.of("file", "-L", "-i", "-b", "--", path) : List.of("file", "-i", "-b", "--", path)));
        return probes;
    }

    @Override
    public Change plan(Params p, Host host) {
        String path = p.string("path");
        List<ProbeResult> r = host.probe(firstProbes(p));
        ProbeResult st = r.get(0);
        if (!st.ok()) {
            // as Ansible: a path that cannot be reached is reported absent, a forbidden one fails
            if (st.error().contains("Permission denied")) throw new ModuleException("cannot stat " + path + ": " + st.error().trim());
            return Change.none(Map.of("stat", Map.of("exists", false)));
        }
        String[] f = st.text().strip().split("\t", -1);
        if (f.length != 12) throw new ModuleException("unexpected stat output for " + path + ": " + st.text().strip());
        int raw = Integer.parseInt(f[0], 16);
        int type = raw & 0170000;
        int mode = raw & 07777;
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("exists", true);
        s.put("path", path);
        s.put("mode", String.format("%04o", mode));
        s.put("isdir", type == 0040000);
        s.put("ischr", type == 0020000);
        s.put("isblk", type == 0060000);
        s.put("isreg", type == 0100000);
        s.put("isfifo", type == 0010000);
        s.put("islnk", type == 0120000);
        s.put("issock", type == 0140000);
        s.put("uid", Integer.parseInt(f[1]));
        s.put("gid", Integer.parseInt(f[2]));
        s.put("pw_name", f[3]);
        s.put("gr_name", f[4]);
        s.put("size", Long.parseLong(f[5]));
        s.put("inode", Long.parseLong(f[6]));
        s.put("dev", Long.parseLong(f[7]));
        s.put("nlink", Integer.parseInt(f[8]));
        s.put("atime", Double.parseDouble(f[9]));
        s.put("mtime", Double.parseDouble(f[10]));
        s.put("ctime", Double.parseDouble(f[11]));
        String[] who = {"usr", "grp", "oth"};
        for (int i = 0; i < 3; i++) {
            int bits = mode >> (6 - 3 * i);
            s.put("r" + who[i], (bits & 4) != 0);
            s.put("w" + who[i], (bits & 2) != 0);
            s.put("x" + who[i], (bits & 1) != 0);
        }
        s.put("isuid", (mode & 04000) != 0);
        s.put("isgid", (mode & 02000) != 0);
        s.put("readable", r.get(3).ok());
        s.put("writeable", r.get(4).ok());
        s.put("executable", r.get(5).ok());
        if (type == 0120000) {
            s.put("lnk_target", line(r.get(1)));
            s.put("lnk_source", line(r.get(2)));
        }
        int next = 6;
        if (p.bool("get_checksum")) {
            ProbeResult sum = r.get(next++);
            if (type == 0100000 && sum.ok()) s.put("checksum", sum.text().split("\\s", 2)[0]);
        }
        if (p.bool("get_mime")) {
            ProbeResult mime = r.get(next);
            if (mime.ok()) {
                String[] parts = line(mime).split(";\\s*charset=", 2);
                s.put("mimetype", parts[0]);
                if (parts.length == 2) s.put("charset", parts[1]);
            }
        }
        return Change.none(Map.of("stat", s));
    }

    private static String line(ProbeResult r) {
        String t = r.text();
        return t.endsWith("\n") ? t.substring(0, t.length() - 1) : t;
    }
}
