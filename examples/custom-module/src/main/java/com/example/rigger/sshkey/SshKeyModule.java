package com.example.rigger.sshkey;

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
import java.util.Map;

/**
 * {@code ssh_key}: one key line in a user's {@code ~/.ssh/authorized_keys}, with the
 * directory at 0700 and the file at 0600, both owned by the user and the user's primary group.
 * Plans in two round trips (the account, then directory + file); the file is always replaced
 * atomically by the engine, never edited in place.
 */
public final class SshKeyModule implements Module {
    private static final int DIR_MODE = 0700;
    private static final int FILE_MODE = 0600;
    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.string("user").required().doc("the account whose authorized_keys file is managed"))
            .add(Param.string("key").required().doc("one public key line: 'TYPE BASE64 [COMMENT]'"))
            .add(Param.choice("state", "present", "absent").defaultValue("present")
                    .doc("present adds the key (or replaces its line when the comment differs); absent removes it"))
            .add(Param.string("path").doc("the file to manage instead of <home>/.ssh/authorized_keys"))
            .add(Param.bool("manage_dir").defaultValue(true)
                    .doc("create the file's directory and keep it at 0700, owned by the user"))
            .add(Param.bool("exclusive").defaultValue(false)
                    .doc("with state=present, remove every other line: the file holds only this key"))
            .build();

    /** What the module needs to know about the account: from {@code getent passwd} and {@code id -gn}. */
    record Account(String user, String group, String home) {
        String owner() {
            return user + ":" + group;
        }
    }

    @Override
    public String name() { return "ssh_key"; }

    @Override
    public String summary() { return "Manage one SSH public key in a user's authorized_keys file"; }

    @Override
    public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return """
                - name: Let the deploy key in as deploy
                  ssh_key:
                    user: deploy
                    key: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMkCaRFFVACh9dvy+xJ7l2yo32IWsEWVif8iMniJp3GK deploy@ci"

                - name: Only this key may log in as backup, from a file outside the home
                  ssh_key:
                    user: backup
                    key: "{{ backup_public_key }}"
                    path: /etc/ssh/keys/backup
                    manage_dir: false
                    exclusive: true

                - name: Revoke an old key
                  ssh_key:
                    user: root
                    key: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJbyGWGjeMzHRlRNoE3xvDS/bl44tw7NYBdbharTCDG6 old@laptop"
                    state: absent
                """;
    }

    @Override
    public Change plan(Params p, Host host) {
        KeyLine key = KeyLine.parse(p.string("key"));
        Account account = account(checkUser(p.string("user")), host);
        String file = p.optional("path").orElse(account.home() + "/.ssh/authorized_keys");
        if (!file.startsWith("/") || file.endsWith("/")) throw new ModuleException("path must be an absolute file path: '" + file + "'");
        String dir = file.substring(0, Math.max(1, file.lastIndexOf('/')));
        List<ProbeResult> r = host.probe(List.of(new Probe.Stat(dir), new Probe.Stat(file), new Probe.Read(file)));
        FileState dirState = stat(r.get(0), dir);
        FileState fileState = stat(r.get(1), file);
        if (fileState.exists() && fileState.type() != FileState.Type.FILE) {
            throw new ModuleException(file + " is a " + fileState.type().name().toLowerCase() + ", not a regular file");
        }
        if (fileState.exists() && !r.get(2).ok()) throw new ModuleException("cannot read " + file + ": " + r.get(2).error().strip());
        KeysFile before = KeysFile.parse(fileState.exists() ? r.get(2).text() : "");
        Map<String, Object> outputs = Map.of("keyfile", file);
        if (p.string("state").equals("absent")) return absent(key, account, fileState, before).withOutputs(outputs);
        Change dirChange = p.bool("manage_dir") ? managedDir(account, dirState) : plainDir(dirState);
        Change fileChange = fileChange(account, fileState, before, before.withKey(key, p.bool("exclusive")));
        return Change.all(List.of(dirChange, fileChange)).withOutputs(outputs);
    }

    /** A user name goes into probes and chown as one literal argument; refuse what cannot be a name. */
    private static String checkUser(String user) {
        if (!user.matches("[A-Za-z0-9_.][A-Za-z0-9_.-]*\\$?")) throw new ModuleException("user '" + user + "' is not a valid user name");
        return user;
    }

    /** Round trip 1: the account's home and primary group, together. */
    private static Account account(String user, Host host) {
        List<ProbeResult> r = host.probe(List.of(new Probe.Run(List.of("getent", "passwd", user)),
                new Probe.Run(List.of("id", "-gn", user))));
        ProbeResult pw = r.get(0);
        if (pw.exitCode() == 2) throw new ModuleException("user '" + user + "' does not exist on " + host.name());
        if (!pw.ok()) throw new ModuleException("cannot look up user '" + user + "' (getent exit " + pw.exitCode() + "): " + pw.error().strip());
        String[] f = pw.text().strip().split("\n")[0].split(":", -1);
        if (f.length < 7 || f[5].isEmpty()) throw new ModuleException("user '" + user + "' has no home directory in its passwd entry");
        ProbeResult gid = r.get(1);
        if (!gid.ok()) throw new ModuleException("cannot find the primary group of '" + user + "': " + gid.error().strip());
        return new Account(user, gid.text().strip(), f[5]);
    }

    private static FileState stat(ProbeResult r, String path) {
        if (r.fileState() == null) throw new ModuleException("cannot inspect " + path + ": " + r.error().strip());
        return r.fileState();
    }

    /** manage_dir: the directory exists, is a real directory, 0700, owned by the user. */
    private static Change managedDir(Account a, FileState dir) {
        String path = dir.path();
        if (path.equals("/")) throw new ModuleException("refusing to manage / as the key directory; set manage_dir: false");
        if (!dir.exists()) {
            return Change.of(List.of(Diff.create(path, "directory, mode " + FileState.octal(DIR_MODE) + ", owner " + a.owner())),
                    List.of(Step.Run.of("mkdir", "-m", Integer.toOctalString(DIR_MODE), "--", path),
                            Step.Run.of("chown", "--", a.owner(), path)));
        }
        if (dir.type() != FileState.Type.DIRECTORY) {
            throw new ModuleException(path + " is a " + dir.type().name().toLowerCase()
                    + ", not a directory (manage_dir: false leaves it alone)");
        }
        List<Diff> diffs = new ArrayList<>();
        List<Step> steps = new ArrayList<>();
        if ((dir.mode() & 07777) != DIR_MODE) {
            diffs.add(Diff.update(path + " mode", FileState.octal(dir.mode() & 07777), FileState.octal(DIR_MODE)));
            steps.add(Step.Run.of("chmod", Integer.toOctalString(DIR_MODE), "--", path));
        }
        String owner = dir.owner() + ":" + dir.group();
        if (!owner.equals(a.owner())) {
            diffs.add(Diff.update(path + " owner", owner, a.owner()));
            steps.add(Step.Run.of("chown", "--", a.owner(), path));
        }
        return Change.of(diffs, steps);
    }

    /** manage_dir: false still needs somewhere to write: a missing directory is created as is (like Ansible). */
    private static Change plainDir(FileState dir) {
        if (dir.exists()) return Change.none();
        return Change.of(List.of(Diff.create(dir.path(), "directory")), List.of(Step.Run.of("mkdir", "-p", "--", dir.path())));
    }

    /** Content, mode and owner of the file: any difference is closed by one atomic write. */
    private static Change fileChange(Account a, FileState cur, KeysFile before, KeysFile after) {
        String path = cur.path();
        List<Diff> diffs = new ArrayList<>();
        if (!cur.exists()) {
            diffs.add(Diff.create(path, after.text()));
            diffs.add(Diff.create(path + " mode", FileState.octal(FILE_MODE)));
            diffs.add(Diff.create(path + " owner", a.owner()));
        } else {
            if (!after.equals(before)) diffs.add(Diff.update(path, before.text(), after.text()));
            if ((cur.mode() & 07777) != FILE_MODE) {
                diffs.add(Diff.update(path + " mode", FileState.octal(cur.mode() & 07777), FileState.octal(FILE_MODE)));
            }
            String owner = cur.owner() + ":" + cur.group();
            if (!owner.equals(a.owner())) diffs.add(Diff.update(path + " owner", owner, a.owner()));
        }
        if (diffs.isEmpty()) return Change.none();
        return Change.of(diffs, List.of(write(a, path, after)));
    }

    /** state=absent: only a file that holds the key is rewritten; nothing is created. */
    private static Change absent(KeyLine key, Account a, FileState cur, KeysFile before) {
        KeysFile after = before.withoutKey(key);
        if (!cur.exists() || after.equals(before)) return Change.none();
        return Change.of(List.of(Diff.update(cur.path(), before.text(), after.text())), List.of(write(a, cur.path(), after)));
    }

    private static Step write(Account a, String path, KeysFile content) {
        return new Step.WriteFile(path, content.text().getBytes(StandardCharsets.UTF_8), FILE_MODE, a.user(), a.group(), false, null);
    }
}
