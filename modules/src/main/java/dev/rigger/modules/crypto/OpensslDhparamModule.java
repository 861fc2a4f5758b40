package dev.rigger.modules.crypto;

import dev.rigger.modules.files.Attributes;
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
import dev.rigger.spi.StepResult;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Diffie-Hellman parameters in a PEM file, as community.crypto.openssl_dhparam: an existing file
 * is kept when {@code openssl dhparam -check} reads it with the requested size (the module's own
 * test); otherwise {@code openssl dhparam -out TMP SIZE} on the host makes new ones beside it and
 * {@code mv} puts them in place. Mode, owner and group as the file modules set them.
 */
public final class OpensslDhparamModule implements Module {
    private static final ParamSpec SPEC = Attributes.declare(ParamSpec.builder()
            .add(Param.string("path").required().absolutePath().doc("the PEM file of the parameters"))
            .add(Param.choice("state", "present", "absent").defaultValue("present").doc("whether the file should exist"))
            .add(Param.integer("size").defaultValue(4096).doc("the parameters' size in bits (openssl's minimum is 512)"))
            .add(Param.bool("force").defaultValue(false).doc("make new parameters even when the file's are valid"))
            .add(Param.bool("backup").defaultValue(false).doc("keep a copy of the old file as PATH.PID.DATE@TIME~ (registered as backup_file) when it is replaced or removed"))
            .add(Param.bool("return_content").defaultValue(false).doc("register the file's content as dhparams"))
            .add(Param.choice("select_crypto_backend", "auto", "cryptography", "openssl").defaultValue("auto")
                    .doc("Ansible's choice of library; the host's openssl makes and checks the file here whatever is chosen")))
            .build();
    private static final Pattern BITS = Pattern.compile("Parameters:\\s+\\((\\d+) bit\\)");

    @Override public String name() { return "openssl_dhparam"; }
    @Override public List<String> aliases() { return List.of("community.crypto.openssl_dhparam"); }
    @Override public String summary() { return "Diffie-Hellman parameters in a PEM file, made with openssl dhparam on the host"; }
    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- community.crypto.openssl_dhparam:\n    path: /etc/nginx/dh2048.pem\n    size: 2048\n    mode: \"0640\"";
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        String path = p.string("path");
        List<Probe> out = new ArrayList<>(List.of(new Probe.Stat(path), new Probe.Run(List.of("openssl", "dhparam", "-check", "-text", "-noout", "-in", path))));
        out.add(new Probe.Stat(parent(path)));
        if (p.bool("return_content")) out.add(new Probe.Read(path));
        return out;
    }

    @Override
    public Change plan(Params p, Host host) {
        String path = p.string("path");
        if (p.integer("size") < 1) throw new ModuleException("size must be a positive number of bits, not " + p.integer("size"));
        List<ProbeResult> r = host.probe(firstProbes(p));
        FileState cur = r.get(0).fileState();
        if (cur == null) throw new ModuleException("cannot examine " + path);
        if (cur.type() == FileState.Type.DIRECTORY) throw new ModuleException(path + " is a directory");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("filename", path);
        out.put("size", p.integer("size"));
        String backup = path + "." + ProcessHandle.current().pid() + "." + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd@HH:mm:ss~"));
        if (p.string("state").equals("absent")) {
            if (!cur.exists()) return Change.none(out);
            List<Step> steps = new ArrayList<>();
            if (p.bool("backup")) {
                steps.add(Step.Run.of("cp", "-p", "--", path, backup));
                out.put("backup_file", backup);
            }
            steps.add(Step.Run.of("rm", "-f", "--", path));
            return new Change(Change.Kind.CHANGE, "", List.of(Diff.delete(path, "DH parameters")), steps, out, true);
        }
        FileState dir = r.get(2).fileState();
        if (!cur.exists() && (dir == null || dir.type() != FileState.Type.DIRECTORY)) {
            throw new ModuleException("The directory " + parent(path) + " does not exist or the file is not a directory");
        }
        Integer bits = bits(r.get(1));
        boolean valid = cur.type() == FileState.Type.FILE && bits != null && bits.equals(p.integer("size"));
        if (valid && !p.bool("force")) {
            List<Diff> attrs = Attributes.diffs(p, cur);
            if (p.bool("return_content") && r.get(3).ok()) out.put("dhparams", r.get(3).text());
            return Change.of(attrs, Attributes.steps(p, path, attrs)).withOutputs(out);
        }
        String tmp = path.substring(0, path.lastIndexOf('/') + 1) + "." + path.substring(path.lastIndexOf('/') + 1) + ".rigger-dhparam";
        List<Step> steps = new ArrayList<>();
        if (p.bool("backup") && cur.exists()) {
            steps.add(Step.Run.of("cp", "-p", "--", path, backup));
            out.put("backup_file", backup);
        }
        steps.add(Step.Run.of("openssl", "dhparam", "-out", tmp, String.valueOf(p.integer("size"))));
        steps.add(Step.Run.of("mv", "-f", "--", tmp, path));
        List<Diff> diffs = new ArrayList<>();
        diffs.add(cur.exists() ? Diff.update(path, bits == null ? "not DH parameters openssl reads" : bits + "-bit DH parameters", p.integer("size") + "-bit DH parameters" + (p.bool("force") ? " (forced)" : ""))
                : Diff.create(path, p.integer("size") + "-bit DH parameters"));
        // the new file is openssl's (0666 less the umask, the connecting user's): the task's attributes follow
        List<Diff> attrs = Attributes.diffs(p, FileState.absent(path), false);
        diffs.addAll(attrs);
        steps.addAll(Attributes.steps(p, path, attrs));
        if (p.bool("return_content")) steps.add(Step.Run.of("cat", "--", path));
        // force makes new parameters on every run: its re-plan would always change
        Change c = new Change(Change.Kind.CHANGE, "", diffs, steps, out, true);
        return p.bool("force") ? c.unverifiable() : c;
    }

    @Override
    public Map<String, Object> outputs(Params p, List<StepResult> results) {
        if (!p.bool("return_content") || results.isEmpty()) return Map.of();
        StepResult last = results.get(results.size() - 1);
        return last.step() instanceof Step.Run run && run.argv().get(0).equals("cat") ? Map.of("dhparams", last.stdout()) : Map.of();
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    /** The size openssl reports, or null when it cannot read the file as DH parameters. */
    static Integer bits(ProbeResult check) {
        if (!check.ok()) return null;
        Matcher m = BITS.matcher(check.text());
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }
}
