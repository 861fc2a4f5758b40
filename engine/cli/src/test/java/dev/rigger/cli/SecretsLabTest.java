package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.lab.Lab;
import dev.rigger.lab.LabTest;
import dev.rigger.engine.vault.Vault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secrets end to end with the real command line on a lab host: a vault vars file, vault
 * group_vars and host_vars (the become password), a play's secret_vars, a --secret-var extra
 * var and a no_log task, through plan -o, show, apply and play at -vvv with --diff and
 * --report-json. Every output is captured (stdout, stderr with the logs, JSON reports, the plan
 * file) and each secret must occur in none of them, while the host proves they were used. The
 * host connects as an unprivileged user whose sudo rule wants a password.
 *
 * <p>The host is {@code k8s-slave2} (reset before and after), or the one named by
 * {@code -Drigger.secrets.host} / {@code RIGGER_SECRETS_HOST}, which must be up already.
 */
@LabTest
class SecretsLabTest {
    private static final String HOST = System.getProperty("rigger.secrets.host",
            System.getenv().getOrDefault("RIGGER_SECRETS_HOST", "k8s-slave2"));
    private static final String BECOME_PW = "Become-Pw-8c1e";
    private static final String VAULT_PW = "Vault-Pw-2b9d";
    /** name -> value of every secret; none may be printed or written anywhere but on the host. */
    private static final Map<String, String> SECRETS = Map.of(
            "vault vars_files value", "VarsFile-Secret-55d1",
            "vault group_vars value", "GroupVars-Secret-7f3a",
            "become password (vault host_vars)", BECOME_PW,
            "secret_vars value", "Plain-Marked-Secret-91c2",
            "--secret-var extra var", "Extra-Secret-3d9e",
            "no_log content", "NoLog-Secret-0b7e",
            "vault password", VAULT_PW,
            "wrong become password", "Wrong-Become-Pw-4a6f");
    private static final String PLAYBOOK = """
            - hosts: all
              vars:
                api_token: "Plain-Marked-Secret-91c2"
              vars_files: [app-vault.yml]
              secret_vars: [api_token, token_out]
              tasks:
                - name: app folder, root's (ops cannot write there)
                  file: {path: /opt/app, state: directory, mode: "0755", owner: root}
                  become: true
                - name: db config from the vault
                  copy: {dest: /opt/app/db.conf, content: "password={{ vault_db_password }}\\nkey={{ app_key }}\\n", mode: "0600"}
                  become: true
                - name: token from a secret var
                  copy: {dest: /opt/app/token, content: "{{ api_token }}\\n"}
                  become: true
                - name: extra secret
                  copy: {dest: /opt/app/extra, content: "{{ extra_secret }}\\n"}
                  become: true
                - name: read the token back
                  command: cat /opt/app/token
                  become: true
                  register: token_out
                  changed_when: false
                - name: say it
                  debug: {msg: "token {{ token_out.stdout }} for {{ inventory_hostname }}"}
                - name: hidden
                  copy: {dest: /opt/app/nolog, content: "NoLog-Secret-0b7e\\n"}
                  become: true
                  no_log: true
            """;

    @TempDir
    Path dir;
    private final Lab lab = HOST.startsWith("k8s-") ? Lab.get() : Lab.existing();
    private final List<String> outputs = new ArrayList<>();
    private Path inv;
    private Path playbook;
    private Path vaultPw;

    @BeforeEach
    void setUp() throws IOException {
        lab.reset(HOST);
        lab.sh(HOST, "useradd -m -d /opt/ops -s /bin/sh ops && echo 'ops:" + BECOME_PW + "' | chpasswd"
                + " && echo 'ops ALL=(ALL) ALL' > /etc/sudoers.d/ops && chmod 440 /etc/sudoers.d/ops"
                + " && install -d -o ops -g ops -m 700 /opt/ops/.ssh && cp /root/.ssh/authorized_keys /opt/ops/.ssh/"
                + " && chown ops: /opt/ops/.ssh/authorized_keys && mkdir -m 755 /opt/app");
        Path root = Files.createDirectories(dir.resolve("site"));
        inv = lab.inventory(root, HOST);
        Files.writeString(inv, Files.readString(inv).replace("ansible_user=root", "ansible_user=ops"));
        Vault vault = new Vault(VAULT_PW.toCharArray());
        Files.createDirectories(root.resolve("group_vars/all"));
        Files.writeString(root.resolve("group_vars/all/vault.yml"), vault.encrypt("vault_db_password: GroupVars-Secret-7f3a\n"));
        Files.createDirectories(root.resolve("host_vars"));
        Files.writeString(root.resolve("host_vars/" + HOST + ".yml"), vault.encrypt("ansible_become_password: " + BECOME_PW + "\n"));
        Files.writeString(root.resolve("app-vault.yml"), vault.encrypt("app_key: VarsFile-Secret-55d1\n"));
        playbook = root.resolve("site.yml");
        Files.writeString(playbook, PLAYBOOK);
        vaultPw = dir.resolve("vault-pass");
        Files.writeString(vaultPw, VAULT_PW + "\n");
    }

    @AfterEach
    void fresh() {
        lab.reset(HOST);
    }

    private Cli.Result cli(String... args) {
        Cli.Result r = Cli.run(args);
        outputs.add(r.out() + r.err()); // not the arguments: -e puts a secret there by the test's own choice
        return r;
    }

    private void file(Path f) throws IOException {
        outputs.add("# " + f + "\n" + Files.readString(f));
    }

    @Test
    void everySecret_isUsedOnTheHost_andFoundZeroTimesInEveryOutput() throws IOException {
        Path plan = dir.resolve("plan.json");
        Path planReport = dir.resolve("plan-report.json");
        Cli.Result planned = cli("plan", "-i", inv.toString(), playbook.toString(), "-o", plan.toString(), "--vault-password-file", vaultPw.toString(),
                "-e", "extra_secret=Extra-Secret-3d9e", "--secret-var", "extra_secret", "--diff", "-vvv", "--report-json", planReport.toString());
        assertThat(planned.exitCode()).as(planned.all()).isZero();
        assertThat(planned.out()).contains("+password=********").contains("+key=********");
        assertThat(planned.err()).as("-vvv logs are captured").contains("probe(s) in one round trip");
        file(plan);
        file(planReport);

        Cli.Result show = cli("show", plan.toString());
        assertThat(show.exitCode()).as(show.all()).isZero();

        Path applyReport = dir.resolve("apply-report.json");
        Cli.Result applied = cli("apply", plan.toString(), "--vault-password-file", vaultPw.toString(), "-e", "extra_secret=Extra-Secret-3d9e",
                "--diff", "-vvv", "--report-json", applyReport.toString());
        assertThat(applied.exitCode()).as(applied.all()).isZero();
        assertThat(applied.out()).contains("token ******** for " + HOST).contains("(changes hidden: no_log)");
        assertThat(applied.err()).contains("running WriteFile");
        file(applyReport);

        // the run used every secret: sudo took the vault's become password, files hold the values
        assertThat(lab.sh(HOST, "stat -c %U:%a /opt/app/db.conf")).isEqualTo("root:600\n");
        assertThat(lab.sh(HOST, "cat /opt/app/db.conf")).isEqualTo("password=GroupVars-Secret-7f3a\nkey=VarsFile-Secret-55d1\n");
        assertThat(lab.sh(HOST, "cat /opt/app/token /opt/app/extra /opt/app/nolog"))
                .isEqualTo("Plain-Marked-Secret-91c2\nExtra-Secret-3d9e\nNoLog-Secret-0b7e\n");

        Path again = dir.resolve("again.json");
        Cli.Result converged = cli("play", "-i", inv.toString(), playbook.toString(), "--vault-password-file", vaultPw.toString(),
                "-e", "extra_secret=Extra-Secret-3d9e", "--secret-var", "extra_secret", "--diff", "-vvv", "--report-json", again.toString());
        assertThat(converged.exitCode()).as(converged.all()).isZero();
        assertThat(converged.out()).contains("changed=0");
        file(again);

        // a wrong become password: every become task fails clearly, after one attempt, and is never shown
        Cli.Result wrong = cli("play", "-i", inv.toString(), playbook.toString(), "--vault-password-file", vaultPw.toString(),
                "-e", "extra_secret=Extra-Secret-3d9e", "--secret-var", "extra_secret", "-e", "ansible_become_password=Wrong-Become-Pw-4a6f", "-vvv");
        assertThat(wrong.exitCode()).as(wrong.all()).isEqualTo(2);
        assertThat(wrong.out()).contains("become: sudo refused the become password on " + HOST).contains("incorrect password attempt");

        Map<String, Integer> found = new LinkedHashMap<>();
        String all = String.join("\n", outputs);
        SECRETS.forEach((what, value) -> found.put(what, count(all, value)));
        if (Boolean.getBoolean("rigger.secrets.dump")) System.out.println(all); // to read what was checked
        System.out.println("SecretsLabTest: " + outputs.size() + " outputs, " + all.length() + " chars; occurrences per secret: " + found);
        assertThat(found).as(all).allSatisfy((what, n) -> assertThat(n).as(what).isZero());
    }

    @Test
    void becomePasswordFile_withoutAVar_isUsed_andAMissingVaultPasswordIsExit4() throws IOException {
        Files.delete(inv.getParent().resolve("host_vars/" + HOST + ".yml"));
        Path becomePw = dir.resolve("become-pass");
        Files.writeString(becomePw, BECOME_PW + "\n");
        Cli.Result none = cli("play", "-i", inv.toString(), playbook.toString(), "-e", "extra_secret=x");
        assertThat(none.exitCode()).as(none.all()).isEqualTo(4);
        assertThat(none.err()).contains("app-vault.yml:1:1: error: file is vault-encrypted and no vault password was given");
        Cli.Result r = cli("play", "-i", inv.toString(), playbook.toString(), "--vault-password-file", vaultPw.toString(),
                "--become-password-file", becomePw.toString(), "-e", "extra_secret=Extra-Secret-3d9e", "--secret-var", "extra_secret", "-vvv", "--diff");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(lab.sh(HOST, "stat -c %U /opt/app/token")).isEqualTo("root\n");
        String all = String.join("\n", outputs);
        SECRETS.values().forEach(v -> assertThat(count(all, v)).as(v).isZero());
    }

    private static int count(String text, String s) {
        int n = 0;
        for (int i = text.indexOf(s); i >= 0; i = text.indexOf(s, i + 1)) n++;
        return n;
    }
}
