package dev.rigger.modules.ssh;

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
 * SSH public keys in a user's authorized_keys file, as ansible.posix.authorized_key (1.5.4): the
 * file's edit is Ansible's ({@link AuthorizedKeys}), and as there, modes and owners are set only
 * when the file is written: the folder (manage_dir) created at 0700 and given to the user, the
 * file at 0600 owned by the user and the user's primary group. The first round trip asks for the
 * account (and, with {@code path}, the folder and file too); without {@code path}, a second asks
 * for the folder and file under the account's home.
 */
public final class AuthorizedKeyModule implements Module {
    private static final int DIR_MODE = 0700;
    private static final int FILE_MODE = 0600;

    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.string("user").required().notEmpty().singleLine().doc("the account whose authorized_keys file is managed"))
            .add(Param.string("key").required()
                    .doc("the public key(s), one per line ('[OPTIONS] TYPE BASE64 [COMMENT]'); blank lines and lines starting with '#' are left out. A URL is refused"))
            .add(Param.string("path").absolutePath().singleLine()
                    .doc("the file instead of <home>/.ssh/authorized_keys (its folder is the one manage_dir manages)"))
            .add(Param.bool("manage_dir").defaultValue(true)
                    .doc("when writing, create the file's folder (0700) and give it to the user with mode 0700"))
            .add(Param.choice("state", "present", "absent").defaultValue("present").doc("whether the keys are in the file"))
            .add(Param.string("key_options").doc("options put before every key (replacing the key's own), e.g. 'no-pty,from=\"10.0.0.1\"'"))
            .add(Param.bool("exclusive").defaultValue(false)
                    .doc("with state=present, remove every other line of the file (keys, comments and blank lines)"))
            .add(Param.string("comment").doc("the comment written after every key (replacing the key's own)"))
            .add(Param.bool("validate_certs").defaultValue(true).doc("for a key from a URL, which Rigger refuses: accepted and unused"))
            .add(Param.bool("follow").defaultValue(false).doc("write through a symlink at the file's path instead of replacing the link"))
            .build();

    /** The account as the write needs it: owner, primary group, home. */
    private record Account(String user, String group, String home) { }

    @Override public String name() { return "authorized_key"; }

    @Override public List<String> aliases() { return List.of("ansible.posix.authorized_key", "ansible.builtin.authorized_key"); }

    @Override public String summary() { return "Add or remove SSH authorized keys of a user (as ansible.posix.authorized_key)"; }

    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return """
                - name: Let the deploy key in as deploy
                  ansible.posix.authorized_key:
                    user: deploy
                    key: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMkCaRFFVACh9dvy+xJ7l2yo32IWsEWVif8iMniJp3GK deploy@ci"

                - name: Only these keys may log in as backup, only from the backup network
                  authorized_key:
                    user: backup
                    key: "{{ backup_public_keys | join('\\n') }}"
                    key_options: 'from="10.0.8.0/24",no-pty'
                    exclusive: true

                - name: Revoke an old key
                  authorized_key:
                    user: root
                    key: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJbyGWGjeMzHRlRNoE3xvDS/bl44tw7NYBdbharTCDG6 old@laptop"
                    state: absent
                """;
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        List<Probe> probes = new ArrayList<>(who(p.string("user")));
        p.optional("path").ifPresent(path -> probes.addAll(fileProbes(path, p.bool("follow"))));
        return probes;
    }

    private static List<Probe> who(String user) {
        return List.of(new Probe.Run(List.of("getent", "passwd", "--", user)), new Probe.Run(List.of("id", "-gn", "--", user)));
    }

    /** The folder, the file (not followed), its content (followed) and, with follow, where it leads. */
    private static List<Probe> fileProbes(String file, boolean follow) {
        List<Probe> probes = new ArrayList<>(List.of(new Probe.Stat(parent(file)), new Probe.Stat(file), new Probe.Read(file)));
        if (follow) probes.add(new Probe.Run(List.of("readlink", "-m", "--", file)));
        return probes;
    }

    @Override
    public Change plan(Params p, Host host) {
        String key = p.string("key");
        if (key.startsWith("http")) {
            throw new ModuleException("a key from a URL is not supported by Rigger's authorized_key: fetch it first "
                    + "(a uri task with return_content, registered, or a lookup on the controller) and pass its text as key");
        }
        boolean follow = p.bool("follow");
        List<ProbeResult> r = host.probe(firstProbes(p));
        String user = p.string("user");
        Account account = account(user, r.get(0), r.get(1), host);
        String path = p.optional("path").orElse(null);
        if (path == null) {
            if (account == null) throw new ModuleException("Failed to lookup user " + user + ": no such user on " + host.name());
            path = account.home() + "/.ssh/authorized_keys";
            r = host.probe(fileProbes(path, follow));
        } else {
            r = r.subList(2, r.size());
        }
        FileState dir = stat(r.get(0), parent(path));
        FileState file = stat(r.get(1), path);
        if (file.type() == FileState.Type.DIRECTORY) throw new ModuleException(path + " is a directory, not a file of keys");
        String existing = r.get(2).ok() ? r.get(2).text() : "";
        String target = follow && r.get(3).ok() && !r.get(3).text().isBlank() ? r.get(3).text().strip() : path;

        AuthorizedKeys.Edit edit = AuthorizedKeys.edit(existing, key, p.string("state").equals("present"),
                p.optional("key_options").orElse(null), p.optional("comment").orElse(null), p.bool("exclusive"));
        Map<String, Object> outputs = outputs(p, path);
        if (!edit.write()) return Change.none(outputs);
        if (account == null) {
            return Change.unknown("user '" + user + "' does not exist on " + host.name() + " (yet): the key file is written as that user");
        }
        List<Diff> diffs = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        if (p.bool("manage_dir")) managedDir(account, dir, diffs, steps);
        // a new file's folder, when manage_dir did not make it (or follow leads elsewhere): Ansible's makedirs
        if (!file.exists() && (!dir.exists() && !p.bool("manage_dir") || !parent(target).equals(dir.path()))) {
            steps.add(Step.Run.of("mkdir", "-p", "--", parent(target)));
        }
        diffs.add(r.get(2).ok() ? Diff.update(path, existing, edit.text()) : Diff.create(path, edit.text()));
        steps.add(new Step.WriteFile(target, edit.text().getBytes(StandardCharsets.UTF_8), FILE_MODE, account.user(), account.group(), false, null));
        return Change.of(diffs, steps).withOutputs(outputs);
    }

    /** The account from getent passwd and id -gn; null when there is no such user. */
    private static Account account(String user, ProbeResult pw, ProbeResult gid, Host host) {
        if (pw.exitCode() == 2) return null;
        if (!pw.ok()) throw new ModuleException("Failed to lookup user " + user + " (getent exit " + pw.exitCode() + "): " + pw.error().strip());
        String[] f = pw.text().strip().split("\n")[0].split(":", -1);
        if (f.length < 7) throw new ModuleException("Failed to lookup user " + user + ": unreadable passwd entry " + Shown.quoted(pw.text().strip()));
        if (!gid.ok()) throw new ModuleException("cannot find the primary group of user " + user + " on " + host.name() + ": " + gid.error().strip());
        return new Account(user, gid.text().strip(), f[5]);
    }

    private static FileState stat(ProbeResult r, String path) {
        if (r.fileState() == null) throw new ModuleException("cannot inspect " + path + ": " + r.error().strip());
        return r.fileState();
    }

    /** Ansible's manage_dir on a write: the folder made (one level, 0700) when missing, then owned by the user at 0700. */
    private static void managedDir(Account a, FileState dir, List<Diff> diffs, List<Step> steps) {
        String path = dir.path();
        String owner = a.user() + ":" + a.group();
        if (!dir.exists()) {
            diffs.add(Diff.create(path, "directory, mode " + FileState.octal(DIR_MODE) + ", owner " + owner));
            steps.add(Step.Run.of("mkdir", "-m", Integer.toOctalString(DIR_MODE), "--", path));
            steps.add(Step.Run.of("chown", "--", owner, path));
            return;
        }
        if (dir.type() != FileState.Type.DIRECTORY && dir.type() != FileState.Type.LINK) {
            throw new ModuleException(path + " is not a directory (manage_dir: false leaves the folder alone)");
        }
        boolean link = dir.type() == FileState.Type.LINK;
        if (link || (dir.mode() & 07777) != DIR_MODE) {
            if (!link) diffs.add(Diff.update(path + " mode", FileState.octal(dir.mode() & 07777), FileState.octal(DIR_MODE)));
            steps.add(Step.Run.of("chmod", Integer.toOctalString(DIR_MODE), "--", path));
        }
        String now = dir.owner() + ":" + dir.group();
        if (link || !now.equals(owner)) {
            if (!link) diffs.add(Diff.update(path + " owner", now, owner));
            steps.add(Step.Run.of("chown", "--", owner, path));
        }
    }

    /** Ansible returns its parameters and keyfile; those not given (null there) are left out. */
    private static Map<String, Object> outputs(Params p, String keyfile) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : List.of("user", "key", "path", "state", "key_options", "comment")) p.optional(name).ifPresent(v -> out.put(name, v));
        for (String name : List.of("manage_dir", "exclusive", "validate_certs", "follow")) out.put(name, p.bool(name));
        out.put("keyfile", keyfile);
        return out;
    }

    private static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
