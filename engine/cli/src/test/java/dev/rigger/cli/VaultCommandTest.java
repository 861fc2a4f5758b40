package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code rigger vault}: files encrypted in place, atomically, mode kept; a wrong password or a tampered file loses nothing. */
class VaultCommandTest {
    private static final String PLAIN = "db_password: vault-cmd-secret\napi_key: \"k-123456\"\n";
    @TempDir
    Path dir;
    private Path pw;
    private Path file;

    @BeforeEach
    void setUp() throws IOException {
        pw = dir.resolve("pw");
        Files.writeString(pw, "the password\n");
        file = dir.resolve("secrets.yml");
        Files.writeString(file, PLAIN);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
    }

    @Test
    void encrypt_view_decrypt_roundTrip_keepsTheMode() throws IOException {
        Cli.Result enc = Cli.run("vault", "encrypt", "--vault-password-file", pw.toString(), file.toString());
        assertThat(enc.exitCode()).as(enc.all()).isZero();
        String text = Files.readString(file);
        assertThat(text).startsWith("$RIGGER_VAULT;1;AES256-GCM;PBKDF2-SHA256;").doesNotContain("vault-cmd-secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
        assertThat(Files.list(dir).map(p -> p.getFileName().toString())).as("no temporary file left").containsExactlyInAnyOrder("pw", "secrets.yml");

        Cli.Result view = Cli.run("vault", "view", "--vault-password-file", pw.toString(), file.toString());
        assertThat(view.exitCode()).as(view.all()).isZero();
        assertThat(view.out()).isEqualTo(PLAIN);

        Cli.Result dec = Cli.run("vault", "decrypt", "--vault-password-file", pw.toString(), file.toString());
        assertThat(dec.exitCode()).as(dec.all()).isZero();
        assertThat(Files.readString(file)).isEqualTo(PLAIN);
        // decrypted text is never readable by more than its owner (issue 20), as ansible-vault writes it
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void decrypt_ofAWorldReadableVault_writes0600_andAStricterModeStays() throws IOException {
        Path loose = dir.resolve("loose.yml");
        Path strict = dir.resolve("strict.yml");
        Files.writeString(loose, PLAIN);
        Files.writeString(strict, PLAIN);
        assertThat(Cli.run("vault", "encrypt", "--vault-password-file", pw.toString(), loose.toString(), strict.toString()).exitCode()).isZero();
        Files.setPosixFilePermissions(loose, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(strict, PosixFilePermissions.fromString("r--------"));
        Cli.Result dec = Cli.run("vault", "decrypt", "--vault-password-file", pw.toString(), loose.toString(), strict.toString());
        assertThat(dec.exitCode()).as(dec.all()).isZero();
        assertThat(Files.readString(loose)).isEqualTo(PLAIN);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(loose))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(strict))).isEqualTo("r--------");
    }

    @Test
    void wrongPassword_namesTheFile_andChangesNoFile() throws IOException {
        Path other = dir.resolve("other.yml");
        Files.writeString(other, "x: 1\n");
        assertThat(Cli.run("vault", "encrypt", "--vault-password-file", pw.toString(), file.toString(), other.toString()).exitCode()).isZero();
        Path wrong = dir.resolve("wrong");
        Files.writeString(wrong, "not it\n");
        byte[] a = Files.readAllBytes(file);
        byte[] b = Files.readAllBytes(other);
        Cli.Result r = Cli.run("vault", "decrypt", "--vault-password-file", wrong.toString(), other.toString(), file.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("rigger: " + other + ": cannot decrypt: wrong vault password, or the file was altered; nothing was changed\n");
        assertThat(Files.readAllBytes(file)).isEqualTo(a);
        assertThat(Files.readAllBytes(other)).isEqualTo(b);
    }

    @Test
    void tamperedFile_isOneClearError() throws IOException {
        assertThat(Cli.run("vault", "encrypt", "--vault-password-file", pw.toString(), file.toString()).exitCode()).isZero();
        String text = Files.readString(file);
        int i = text.indexOf('\n') + 5;
        Files.writeString(file, text.substring(0, i) + (text.charAt(i) == 'A' ? 'B' : 'A') + text.substring(i + 1));
        Cli.Result r = Cli.run("vault", "view", "--vault-password-file", pw.toString(), file.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains(file + ": cannot decrypt: wrong vault password, or the file was altered");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void noPassword_isABadOption_andEncryptingTwiceIsRefused() throws IOException {
        Cli.Result none = Cli.run("vault", "encrypt", file.toString());
        assertThat(none.exitCode()).isEqualTo(5);
        assertThat(none.err()).contains("no vault password");
        assertThat(Files.readString(file)).isEqualTo(PLAIN);
        assertThat(Cli.run("vault", "encrypt", "--vault-password-file", pw.toString(), file.toString()).exitCode()).isZero();
        String once = Files.readString(file);
        Cli.Result twice = Cli.run("vault", "encrypt", "--vault-password-file", pw.toString(), file.toString());
        assertThat(twice.exitCode()).isEqualTo(1);
        assertThat(twice.err()).contains(file + ": already encrypted");
        assertThat(Files.readString(file)).isEqualTo(once);
    }

    @Test
    void create_fromStdin_isPrivate() throws IOException {
        Path created = dir.resolve("new.yml");
        Cli.Result r = withStdin("token: from-stdin\n", () -> Cli.run("vault", "create", "--vault-password-file", pw.toString(), created.toString()));
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(created))).isEqualTo("rw-------");
        assertThat(Cli.run("vault", "view", "--vault-password-file", pw.toString(), created.toString()).out()).isEqualTo("token: from-stdin\n");
    }

    @Test
    void passwordSources_optionThenEnvFileThenEnvValue() throws IOException {
        VaultOptions o = new VaultOptions();
        assertThat(o.password(Map.of())).isNull();
        assertThat(o.password(Map.of("RIGGER_VAULT_PASSWORD", "from-env"))).isEqualTo("from-env");
        assertThat(o.password(Map.of("RIGGER_VAULT_PASSWORD_FILE", pw.toString(), "RIGGER_VAULT_PASSWORD", "from-env"))).isEqualTo("the password");
        o.passwordFile = pw;
        assertThat(o.password(Map.of("RIGGER_VAULT_PASSWORD", "from-env"))).isEqualTo("the password");
    }

    @Test
    void play_withAVaultVarsFile_butNoOrAWrongPassword_exits4_namingTheFile() throws IOException {
        assertThat(Cli.run("vault", "encrypt", "--vault-password-file", pw.toString(), file.toString()).exitCode()).isZero();
        Path inv = dir.resolve("inv.ini");
        Files.writeString(inv, "me ansible_connection=local\n");
        Path pb = dir.resolve("pb.yml");
        Files.writeString(pb, "- hosts: all\n  vars_files: [secrets.yml]\n  tasks:\n    - file: {path: " + dir.resolve("out") + ", content: \"{{ db_password }}\"}\n");
        Cli.Result none = Cli.run("play", "-i", inv.toString(), pb.toString());
        assertThat(none.exitCode()).as(none.all()).isEqualTo(4);
        assertThat(none.err()).contains(file + ":1:1: error: file is vault-encrypted and no vault password was given");
        Path wrong = dir.resolve("wrong");
        Files.writeString(wrong, "not it\n");
        Cli.Result bad = Cli.run("play", "-i", inv.toString(), pb.toString(), "--vault-password-file", wrong.toString());
        assertThat(bad.exitCode()).as(bad.all()).isEqualTo(4);
        assertThat(bad.err()).contains(file + ":1:1: error: cannot decrypt vault: wrong vault password, or the file was altered");
        assertThat(Files.exists(dir.resolve("out"))).as("no host touched").isFalse();
        Cli.Result ok = Cli.run("play", "-i", inv.toString(), pb.toString(), "--vault-password-file", pw.toString(), "--diff", "-vvv");
        assertThat(ok.exitCode()).as(ok.all()).isZero();
        assertThat(Files.readString(dir.resolve("out"))).isEqualTo("vault-cmd-secret");
        assertThat(ok.all()).doesNotContain("vault-cmd-secret").contains("********");
    }

    @Test
    void inventoryList_readsVaultGroupVars_andShowsSecretsMasked() throws IOException {
        Path inv = dir.resolve("inv.ini");
        Files.writeString(inv, "h1 ansible_become_pass=inline-become-pw\n");
        Files.createDirectories(dir.resolve("group_vars"));
        Files.move(file, dir.resolve("group_vars/all.yml"));
        assertThat(Cli.run("vault", "encrypt", "--vault-password-file", pw.toString(), dir.resolve("group_vars/all.yml").toString()).exitCode()).isZero();
        Cli.Result r = Cli.run("inventory", "-i", inv.toString(), "--list", "--vault-password-file", pw.toString());
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.out()).contains("\"db_password\": \"********\"").contains("\"ansible_become_pass\": \"********\"")
                .doesNotContain("vault-cmd-secret").doesNotContain("inline-become-pw");
    }

    /** Files made by ansible-vault (the engine's test resources): each --vault-id's password is tried, the header's label first. */
    @Test
    void ansibleVaultFiles_openWithVaultIds_andTheirValuesAreMasked() throws IOException {
        Path inv = dir.resolve("inv.ini");
        Files.writeString(inv, "[web]\nw1\n");
        Files.createDirectories(dir.resolve("group_vars/all"));
        for (String f : new String[] {"v11.yml", "v12.yml", "inline.yml"}) {
            try (InputStream in = getClass().getResourceAsStream("/ansible-vault/" + f)) {
                Files.write(dir.resolve("group_vars/all/" + f), in.readAllBytes());
            }
        }
        Path one = dir.resolve("pw-one");
        Path two = dir.resolve("pw-two");
        Files.writeString(one, "pw-one\n");
        Files.writeString(two, "pw-two\n");
        Cli.Result none = Cli.run("inventory", "-i", inv.toString(), "--list");
        assertThat(none.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(none.err()).contains("v11.yml").contains("no vault password was given");
        Cli.Result wrong = Cli.run("inventory", "-i", inv.toString(), "--list", "--vault-id", "prod@" + one);
        assertThat(wrong.exitCode()).isEqualTo(ExitCodes.INVALID);
        assertThat(wrong.err()).contains("v12.yml").contains("vault id 'prod'");
        Cli.Result ok = Cli.run("inventory", "-i", inv.toString(), "--host", "w1", "--vault-id", "dev@" + one, "--vault-id", "prod@" + two);
        assertThat(ok.exitCode()).as(ok.all()).isZero();
        assertThat(ok.out()).contains("\"db_password\": \"********\"", "\"api_token\": \"********\"", "\"inline_secret\": \"********\"",
                "\"plain\": \"visible\"").doesNotContain("s3cret").doesNotContain("t0ken");
    }

    @Test
    void askVaultPassword_withoutATerminal_isRefused() {
        Cli.Result r = Cli.run("inventory", "-i", dir.resolve("x.ini").toString(), "--list", "--ask-vault-password");
        assertThat(r.exitCode()).isEqualTo(ExitCodes.BAD_OPTIONS);
        assertThat(r.err()).contains("asks on a terminal and there is none");
    }

    @Test
    void extraVarsFile_mayBeAVault_itsValuesSecret() throws IOException {
        assertThat(Cli.run("vault", "encrypt", "--vault-password-file", pw.toString(), file.toString()).exitCode()).isZero();
        Path inv = dir.resolve("inv.ini");
        Files.writeString(inv, "me ansible_connection=local\n");
        Path pb = dir.resolve("pb.yml");
        Files.writeString(pb, "- hosts: all\n  tasks:\n    - copy: {dest: " + dir.resolve("out") + ", content: \"{{ api_key }}\"}\n");
        Cli.Result none = Cli.run("play", "-i", inv.toString(), pb.toString(), "-e", "@" + file);
        assertThat(none.exitCode()).as(none.all()).isEqualTo(5);
        assertThat(none.err()).contains("-e " + file + ":1:1: error: file is vault-encrypted and no vault password was given");
        Cli.Result ok = Cli.run("play", "-i", inv.toString(), pb.toString(), "-e", "@" + file, "--vault-password-file", pw.toString(), "--diff");
        assertThat(ok.exitCode()).as(ok.all()).isZero();
        assertThat(Files.readString(dir.resolve("out"))).isEqualTo("k-123456");
        assertThat(ok.all()).doesNotContain("k-123456").contains("out = ********");
    }

    static Cli.Result withStdin(String in, java.util.function.Supplier<Cli.Result> run) {
        InputStream old = System.in;
        System.setIn(new ByteArrayInputStream(in.getBytes(StandardCharsets.UTF_8)));
        try {
            return run.get();
        } finally {
            System.setIn(old);
        }
    }
}
