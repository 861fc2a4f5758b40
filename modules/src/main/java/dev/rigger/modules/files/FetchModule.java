package dev.rigger.modules.files;

import dev.rigger.modules.Shown;
import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import dev.rigger.spi.Step;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A host's file copied to the controller, as Ansible's fetch: into {@code dest/HOST/SRC} (or
 * {@code dest} itself when {@code flat}), written only when the controller's copy differs (sha1, as
 * Ansible compares). The plan reads the file on the host and the copy on the controller; the write
 * is a controller-side step ({@link Step.WriteLocal}). A target that would leave {@code dest}
 * (a {@code ..} in the source or the host's name) is refused.
 */
public final class FetchModule implements Module {
    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.string("src").required().notEmpty().doc("the file on the host to fetch (a file, not a folder)"))
            .add(Param.string("dest").required().notEmpty().doc("the controller folder to save it in (relative: to the playbook's folder); with flat, the file itself (a trailing / takes the source's name)"))
            .add(Param.bool("flat").defaultValue(false).doc("save to dest itself instead of dest/HOST/SRC"))
            .add(Param.bool("fail_on_missing").defaultValue(true).doc("fail when the file cannot be read (else report it and go on)"))
            .add(Param.bool("validate_checksum").defaultValue(true).doc("check that the saved copy has the host file's checksum"))
            .build();
    static final String MISSING = "the remote file does not exist, not transferring, ignored";
    static final String DIRECTORY = "remote file is a directory, fetch cannot work on directories";

    @Override public String name() { return "fetch"; }
    @Override public List<String> aliases() { return List.of("ansible.builtin.fetch"); }
    @Override public String summary() { return "Copy a file from the host to the controller (dest/HOST/SRC, or dest when flat)"; }
    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- fetch:\n    src: /etc/ssh/ssh_host_ed25519_key.pub\n    dest: fetched/\n"
                + "- fetch: { src: /etc/hostname, dest: \"backup/{{ inventory_hostname }}.hostname\", flat: true }";
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        String src = p.string("src");
        return HomePath.isHome(src) ? List.of(HomePath.probe(src)) : probes(src);
    }

    /** The file's content and (following a link, as the copy is of what it names) its mode. */
    private static List<Probe> probes(String src) {
        return List.of(new Probe.Read(src), new Probe.Run(List.of("stat", "-L", "-c", "%a", "--", src)));
    }

    @Override
    public Change plan(Params p, Host host) {
        if (HomePath.isHome(p.string("src"))) p = HomePath.expanded(p, "src", host);
        String src = p.string("src");
        List<ProbeResult> asked = host.probe(probes(src));
        ProbeResult read = asked.get(0);
        if (!read.ok()) return unreadable(p, src, read.error().strip());
        byte[] content = read.output();
        String dest = target(p, src, host.name());
        String remote = hex("SHA-1", content);
        Optional<byte[]> local = p.controllerFile(dest);
        if (local.isPresent() && hex("SHA-1", local.get()).equals(remote)) {
            return Change.none(Map.of("md5sum", hex("MD5", local.get()), "file", src, "dest", dest, "checksum", remote));
        }
        Diff diff = local.isEmpty() ? Diff.create(dest, "fetched from " + host.name() + ":" + src + " (sha1 " + remote + ")")
                : Diff.update(dest, "sha1 " + hex("SHA-1", local.get()), "sha1 " + remote + " (fetched from " + host.name() + ":" + src + ")");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("md5sum", hex("MD5", content));
        out.put("dest", dest);
        out.put("checksum", remote);
        out.put("remote_checksum", remote);
        return Change.of(List.of(diff), List.of(new Step.WriteLocal(dest, content, mode(asked.get(1))))).withOutputs(out);
    }

    /** As Ansible: a missing file or a folder fails, or with fail_on_missing false is reported and skipped. */
    private static Change unreadable(Params p, String src, String why) {
        boolean fail = p.bool("fail_on_missing");
        if (why.contains("Is a directory")) {
            if (fail) throw new ModuleException(DIRECTORY);
            return Change.none(Map.of("msg", DIRECTORY + ", not transferring, ignored"));
        }
        String msg = why.contains("No such file") ? MISSING : "unable to read " + src + ": " + why;
        if (fail) throw new ModuleException(msg);
        return Change.none(Map.of("file", src, "msg", msg));
    }

    /**
     * Where the copy goes on the controller: Ansible's {@code dest/HOST/SRC} (or {@code dest}, with
     * {@code flat}; a trailing slash adds the source's name), normalised. Ansible 2.14 writes a
     * normalised path even when a {@code ..} leads it out of {@code dest}; here that is refused.
     */
    static String target(Params p, String src, String hostName) {
        String dest = p.string("dest");
        // no file name holds a NUL; java.nio would throw on it instead of saying so
        if (dest.indexOf('\0') >= 0) throw new ModuleException("dest " + Shown.quoted(dest) + " holds a NUL character, which no path can");
        if (src.indexOf('\0') >= 0) throw new ModuleException("src " + Shown.quoted(src) + " holds a NUL character, which no path can");
        if (p.bool("flat")) {
            if (!dest.endsWith("/")) {
                String path = p.controllerPath(dest);
                if (java.nio.file.Files.isDirectory(Path.of(path))) {
                    throw new ModuleException("dest is an existing directory, use a trailing slash if you want to fetch src into that directory");
                }
                return path;
            }
            String base = Path.of(src).getFileName() == null ? "" : Path.of(src).getFileName().toString();
            return inside(p.controllerPath(dest), base, "the source's name " + Shown.quoted(base));
        }
        if (hostName.isEmpty() || hostName.contains("/") || hostName.equals(".") || hostName.equals("..")) {
            throw new ModuleException("the host's name " + Shown.quoted(hostName) + " cannot name a folder under dest");
        }
        String folder = Path.of(p.controllerPath(dest), hostName).toString();
        return inside(folder, src, "src " + Shown.quoted(src));
    }

    /** {@code folder/rest}, normalised, refused unless it is a file strictly inside {@code folder}. */
    private static String inside(String folder, String rest, String what) {
        Path base = Path.of(folder);
        Path joined = Path.of(folder + "/" + rest).normalize();
        if (!joined.startsWith(base) || joined.equals(base)) {
            throw new ModuleException("Detected directory traversal: " + what + " leads to " + joined + ", outside " + folder);
        }
        return joined.toString();
    }

    /** A new copy gets the host file's mode (less the umask), as Ansible's sftp copy does. */
    private static Integer mode(ProbeResult stat) {
        String m = stat.text().strip();
        return stat.ok() && m.matches("[0-7]{1,4}") ? Integer.parseInt(m, 8) & 0777 : null;
    }

    static String hex(String algorithm, byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is a JDK standard algorithm", e);
        }
    }
}
