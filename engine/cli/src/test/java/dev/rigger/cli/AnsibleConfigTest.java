package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rigger.engine.inventory.SshArgs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ansible.cfg: found where Ansible looks, read with configparser's rules, honoured or warned about. */
class AnsibleConfigTest {
    @TempDir
    Path dir;

    @Test
    void found_asAnsibleFindsIt_firstWins() throws IOException {
        Path cwd = Files.createDirectories(dir.resolve("cwd"));
        Path home = Files.createDirectories(dir.resolve("home"));
        Path fromEnv = Files.writeString(dir.resolve("env.cfg"), "");
        Files.writeString(cwd.resolve("ansible.cfg"), "");
        Files.writeString(home.resolve(".ansible.cfg"), "");
        assertThat(AnsibleConfig.find(Map.of("ANSIBLE_CONFIG", fromEnv.toString()), cwd, home)).contains(fromEnv);
        assertThat(AnsibleConfig.find(Map.of("ANSIBLE_CONFIG", dir.toString()), cwd, home)).contains(cwd.resolve("ansible.cfg"));
        assertThat(AnsibleConfig.find(Map.of(), cwd, home)).contains(cwd.resolve("ansible.cfg"));
        Files.delete(cwd.resolve("ansible.cfg"));
        assertThat(AnsibleConfig.find(Map.of(), cwd, home)).contains(home.resolve(".ansible.cfg"));
    }

    @Test
    void values_relativePaths_inlineComments_andWarnings() throws IOException {
        Path cfg = Files.writeString(dir.resolve("ansible.cfg"), """
                # a comment
                [defaults]
                inventory = hosts.ini, /abs/other ; the lab
                roles_path: roles:~/more
                forks=7
                remote_user = deploy
                private_key_file = keys/id
                timeout = 25
                vault_password_file = .vault-pass
                host_key_checking = False
                strategy = free
                unknown_key = ignored
                [privilege_escalation]
                become = True
                become_user = root
                [ssh_connection]
                pipelining = True
                """);
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        AnsibleConfig c = AnsibleConfig.read(cfg, new PrintStream(warnings, true, StandardCharsets.UTF_8));
        assertThat(c.inventory()).containsExactly(dir.resolve("hosts.ini").toString(), "/abs/other");
        assertThat(c.rolesPath()).containsExactly(dir.resolve("roles"), Path.of(System.getProperty("user.home"), "more"));
        assertThat(c.forks()).isEqualTo(7);
        assertThat(c.remoteUser()).isEqualTo("deploy");
        assertThat(c.privateKeyFile()).isEqualTo(dir.resolve("keys/id"));
        assertThat(c.timeout()).isEqualTo(25);
        assertThat(c.vaultPasswordFile()).isEqualTo(dir.resolve(".vault-pass"));
        assertThat(c.hostKeyCheckingOff()).isTrue();
        assertThat(c.become()).isTrue();
        assertThat(c.becomeUser()).isEqualTo("root");
        String w = warnings.toString(StandardCharsets.UTF_8);
        assertThat(w).contains("[defaults] strategy is not honoured").contains("[ssh_connection] pipelining is not honoured")
                .contains("host_key_checking = False is read as --accept-new-hostkeys").doesNotContain("unknown_key");
    }

    @Test
    void sshArgs_areReadAsSshCommonArgs() throws IOException {
        Path cfg = Files.writeString(dir.resolve("ansible.cfg"), """
                [ssh_connection]
                ssh_args = -C -o ControlMaster=auto -o ControlPersist=60s -o UserKnownHostsFile=/srv/kh -o StrictHostKeyChecking=accept-new
                """);
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        AnsibleConfig c = AnsibleConfig.read(cfg, new PrintStream(warnings, true, StandardCharsets.UTF_8));
        assertThat(c.sshArgs().knownHosts()).isEqualTo(Path.of("/srv/kh"));
        assertThat(c.sshArgs().acceptNew()).isTrue();
        assertThat(c.sshArgs().notes()).hasSize(3).anyMatch(n -> n.contains("ControlPersist=60s"));
        assertThat(warnings.toString(StandardCharsets.UTF_8)).doesNotContain("ssh_args");
        assertThat(AnsibleConfig.NONE.sshArgs()).isEqualTo(SshArgs.NONE);
    }

    /** An ssh_args Rigger cannot honour is refused as --ssh-common-args is, in the same words, naming the file. */
    @Test
    void sshArgs_refusedAsTheCommandLineOption_locatedInTheFile() throws Exception {
        Files.writeString(dir.resolve("hosts.ini"), "w1 ansible_connection=local\n");
        Files.writeString(dir.resolve("pb.yml"), "- hosts: all\n  gather_facts: false\n  tasks:\n    - debug: {msg: hi}\n");
        for (String bad : List.of("-o ProxyJump=bastion", "-o StrictHostKeyChecking=no", "-J bastion", "-o 'UserKnownHostsFile=/a")) {
            Path cfg = Files.writeString(dir.resolve("my.cfg"), "[ssh_connection]\nssh_args = " + bad + "\n");
            String says = catchThrowable(() -> SshArgs.parse(List.of(bad))).getMessage();
            String out = rigger(cfg, "play", "-i", dir.resolve("hosts.ini").toString(), dir.resolve("pb.yml").toString());
            assertThat(out).as(bad).contains("rigger: " + cfg + ": [ssh_connection] ssh_args " + says).doesNotContain("RECAP");
        }
    }

    /** The whole command line with ANSIBLE_CONFIG set: a JVM of its own, as the variable is read from the environment. */
    @Test
    void aPlay_takesItsInventoryUserAndVaultPasswordFromTheConfig_andTheCommandLineWins() throws Exception {
        Files.writeString(dir.resolve("hosts.ini"), "[web]\nw1 ansible_connection=local\n");
        Files.writeString(dir.resolve("pw"), "pw-one\n");
        Files.createDirectories(dir.resolve("group_vars"));
        try (var in = getClass().getResourceAsStream("/ansible-vault/v11.yml")) {
            Files.write(dir.resolve("group_vars/all.yml"), in.readAllBytes());
        }
        Files.writeString(dir.resolve("pb.yml"), """
                - hosts: all
                  gather_facts: false
                  tasks:
                    - name: who
                      debug:
                        msg: "user={{ ansible_user }} len={{ db_password | length }}"
                """);
        Path cfg = Files.writeString(dir.resolve("my.cfg"), "[defaults]\ninventory = hosts.ini\nremote_user = deploy\nvault_password_file = pw\nroles_path = shelf\n");
        String out = rigger(cfg, "play", dir.resolve("pb.yml").toString());
        assertThat(out).contains("w1 / who: user=deploy len=10");
        // roles_path: a role found there, relative to the config file's folder
        Files.createDirectories(dir.resolve("shelf/greet/tasks"));
        Files.writeString(dir.resolve("shelf/greet/tasks/main.yml"), "- name: hello\n  debug:\n    msg: from the shelf\n");
        Path books = Files.createDirectories(dir.resolve("books"));
        Files.writeString(books.resolve("roles.yml"), "- hosts: all\n  gather_facts: false\n  roles: [greet]\n");
        assertThat(rigger(cfg, "play", books.resolve("roles.yml").toString())).contains("from the shelf");
        assertThat(rigger(cfg, "play", dir.resolve("pb.yml").toString(), "-u", "ops")).contains("w1 / who: user=ops");
        Files.writeString(cfg, "[privilege_escalation]\nbecome_user = postgres\nbecome_method = doas\n");
        assertThat(rigger(cfg, "play", "-i", dir.resolve("hosts.ini").toString(), dir.resolve("pb.yml").toString()))
                .contains("--become-method doas (" + cfg + ", [privilege_escalation]): only sudo and su are implemented");
    }

    private String rigger(Path cfg, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder b = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        b.environment().put("ANSIBLE_CONFIG", cfg.toString());
        b.environment().put("RIGGER_PROGRESS", "off");
        b.environment().remove("RIGGER_VAULT_PASSWORD_FILE");
        b.environment().remove("RIGGER_VAULT_PASSWORD");
        Process p = b.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out;
    }
}
