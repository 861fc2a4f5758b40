package dev.rigger.engine.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.inventory.Inventory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files made by ansible-vault 2.14 (test resources, and live when ansible-vault is installed) read as they are. */
class AnsibleVaultTest {
    @TempDir
    Path dir;

    private static String resource(String name) throws IOException {
        try (var in = AnsibleVaultTest.class.getResourceAsStream("/ansible-vault/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static AnsibleVault ids(String... labelAndPassword) {
        List<AnsibleVault.Id> ids = new ArrayList<>();
        for (int i = 0; i < labelAndPassword.length; i += 2) ids.add(new AnsibleVault.Id(labelAndPassword[i], labelAndPassword[i + 1].toCharArray()));
        return new AnsibleVault(ids);
    }

    @Test
    void format11_wholeFile() throws Exception {
        assertThat(ids("default", "pw-one").decryptToString(resource("v11.yml"))).isEqualTo("db_password: s3cret-one\nport: 5432\n");
    }

    @Test
    void format12_withAVaultId_triesEveryPasswordGiven() throws Exception {
        String text = resource("v12.yml");
        assertThat(ids("prod", "pw-two").decryptToString(text)).isEqualTo("api_token: t0ken-two\n");
        // the label names which id to try first; another label's password still opens it, as in Ansible
        assertThat(ids("dev", "pw-one", "other", "pw-two").decryptToString(text)).isEqualTo("api_token: t0ken-two\n");
    }

    @Test
    void wrongPassword_namesTheVaultIdTheFileAsksFor() throws IOException {
        assertThatThrownBy(() -> ids("default", "nope").decrypt(resource("v12.yml")))
                .isInstanceOf(VaultException.class).hasMessageContaining("vault id 'prod'");
        assertThatThrownBy(() -> ids().decrypt(resource("v11.yml"))).hasMessageContaining("no vault password");
    }

    @Test
    void alteredCiphertext_isRefusedByTheHmac() throws IOException {
        String text = resource("v11.yml");
        int last = text.strip().length() - 1;
        String altered = text.substring(0, last) + (text.charAt(last) == '0' ? '1' : '0') + text.substring(last + 1);
        assertThatThrownBy(() -> ids("default", "pw-one").decrypt(altered)).isInstanceOf(VaultException.class);
    }

    @Test
    void groupVars_wholeFileAndInlineValues_areDecryptedAndLearntAsSecrets() throws IOException {
        Files.createDirectories(dir.resolve("group_vars"));
        Files.writeString(dir.resolve("group_vars/all.yml"), resource("v11.yml"));
        Files.writeString(dir.resolve("group_vars/web.yml"), resource("inline.yml"));
        Files.writeString(dir.resolve("inv.ini"), "[web]\nw1\n");
        List<Object> learnt = new ArrayList<>();
        Diagnostics diags = new Diagnostics();
        Inventory inv = Inventory.load(dir.resolve("inv.ini"), diags, new VaultReader(null, ids("prod", "pw-two", "dev", "pw-one"), learnt::add));
        assertThat(diags.hasErrors()).as(diags.toString()).isFalse();
        Map<String, Object> vars = inv.host("w1").orElseThrow().vars();
        assertThat(vars).containsEntry("db_password", "s3cret-one").containsEntry("port", 5432)
                .containsEntry("inline_secret", "inline-s3cret").containsEntry("plain", "visible");
        assertThat(learnt).contains("inline-s3cret").anySatisfy(x -> assertThat(x.toString()).contains("s3cret-one"));
    }

    @Test
    void aFileAnsibleVaultEncryptsNow_readsBack() throws Exception {
        assumeThat(Path.of("/usr/bin/ansible-vault")).exists();
        Path pw = dir.resolve("pw");
        Files.writeString(pw, "live-pw\n");
        Path f = dir.resolve("live.yml");
        String plain = "x: " + System.nanoTime() + "\n";
        Files.writeString(f, plain);
        Process p = new ProcessBuilder("ansible-vault", "encrypt", "--vault-id", "live@" + pw, f.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        String text = Files.readString(f);
        assertThat(text).startsWith("$ANSIBLE_VAULT;1.2;AES256;live");
        assertThat(ids("live", "live-pw").decryptToString(text)).isEqualTo(plain);
    }
}
