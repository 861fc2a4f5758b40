package dev.rigger.engine.vault;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.inventory.Inventory;
import dev.rigger.engine.load.PlaybookLoader;
import dev.rigger.engine.model.Play;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vault files are read wherever vars are read, and every value in them is handed over as a secret. */
class VaultVarsTest {
    @TempDir
    Path dir;
    private final Vault vault = new Vault("pw".toCharArray(), 1_000);
    private final List<Object> learnt = new ArrayList<>();
    private final Diagnostics diags = new Diagnostics();

    private Play playWithVarsFile(VaultReader reader) throws IOException {
        Files.writeString(dir.resolve("secrets.yml"), vault.encrypt("db_password: s3cret-db\nport: 5432\ntls: true\n"));
        Files.writeString(dir.resolve("pb.yml"), """
                - hosts: all
                  vars: {db_user: app}
                  vars_files: [secrets.yml]
                  tasks: []
                """);
        return new PlaybookLoader(reader).load(dir.resolve("pb.yml"), diags).map(pb -> pb.plays().get(0)).orElse(null);
    }

    @Test
    void varsFiles_encrypted_areDecrypted_andEveryValueLearnt() throws IOException {
        Play play = playWithVarsFile(new VaultReader(vault, learnt::add));
        assertThat(diags.hasErrors()).as(diags.toString()).isFalse();
        assertThat(play.vars()).containsEntry("db_password", "s3cret-db").containsEntry("db_user", "app");
        assertThat(learnt).hasSize(1);
        assertThat(((Map<?, ?>) learnt.get(0)).keySet().toString()).isEqualTo("[db_password, port, tls]");
    }

    @Test
    void varsFiles_encrypted_withoutPassword_isAnErrorNamingTheFile() throws IOException {
        playWithVarsFile(VaultReader.none());
        assertThat(diags.toString()).contains(dir.resolve("secrets.yml") + ":1:1: error: file is vault-encrypted and no vault password was given");
    }

    @Test
    void varsFiles_wrongPassword_isAnErrorNamingTheFile() throws IOException {
        playWithVarsFile(new VaultReader(new Vault("nope".toCharArray(), 1_000), learnt::add));
        assertThat(diags.toString()).contains(dir.resolve("secrets.yml") + ":1:1: error: cannot decrypt vault: wrong vault password, or the file was altered");
        assertThat(learnt.toString()).doesNotContain("s3cret");
    }

    @Test
    void groupVarsAndHostVars_encrypted_areDecrypted_andLearnt() throws IOException {
        Files.writeString(dir.resolve("inv.ini"), "[web]\nh1 ansible_connection=local\n");
        Files.createDirectories(dir.resolve("group_vars"));
        Files.createDirectories(dir.resolve("host_vars/h1"));
        Files.writeString(dir.resolve("group_vars/web.yml"), vault.encrypt("api_key: group-secret\n"));
        Files.writeString(dir.resolve("host_vars/h1/vault.yml"), vault.encrypt("ansible_become_password: host-secret\n"));
        Files.writeString(dir.resolve("host_vars/h1/plain.yml"), "motd: hello\n");
        Inventory inv = Inventory.load(dir.resolve("inv.ini"), diags, new VaultReader(vault, learnt::add));
        assertThat(diags.hasErrors()).as(diags.toString()).isFalse();
        assertThat(inv.host("h1").orElseThrow().vars()).containsEntry("api_key", "group-secret")
                .containsEntry("ansible_become_password", "host-secret").containsEntry("motd", "hello");
        assertThat(learnt.toString()).contains("group-secret").contains("host-secret").doesNotContain("hello");
    }

    @Test
    void groupVars_encrypted_withoutPassword_isAnErrorNamingTheFile() throws IOException {
        Files.writeString(dir.resolve("inv.ini"), "[web]\nh1\n");
        Files.createDirectories(dir.resolve("group_vars"));
        Files.writeString(dir.resolve("group_vars/web.yml"), vault.encrypt("api_key: group-secret\n"));
        Inventory.load(dir.resolve("inv.ini"), diags);
        assertThat(diags.toString()).contains("group_vars/web.yml:1:1: error: file is vault-encrypted and no vault password was given");
    }

    @Test
    void inlineEncryptedValue_inAPlainVarsFile_isDecrypted_andOnlyItIsLearnt() throws IOException {
        StringBuilder yaml = new StringBuilder("user: app\ntoken: |\n");
        for (String l : vault.encrypt("inline-token-value").split("\n")) yaml.append("  ").append(l).append('\n');
        Files.writeString(dir.resolve("vars.yml"), yaml.toString());
        Files.writeString(dir.resolve("pb.yml"), "- hosts: all\n  vars_files: [vars.yml]\n  tasks: []\n");
        Play play = new PlaybookLoader(new VaultReader(vault, learnt::add)).load(dir.resolve("pb.yml"), diags).orElseThrow().plays().get(0);
        assertThat(diags.hasErrors()).as(diags.toString()).isFalse();
        assertThat(play.vars()).containsEntry("token", "inline-token-value").containsEntry("user", "app");
        assertThat(learnt).containsExactly("inline-token-value");
    }

    @Test
    void ansibleVaultFile_withoutAnAnsibleVaultId_saysHowToGiveOne() throws IOException {
        Files.writeString(dir.resolve("secrets.yml"), "$ANSIBLE_VAULT;1.1;AES256\n6162\n");
        Files.writeString(dir.resolve("pb.yml"), "- hosts: all\n  vars_files: [secrets.yml]\n  tasks: []\n");
        new PlaybookLoader(new VaultReader(vault, learnt::add)).load(dir.resolve("pb.yml"), diags);
        assertThat(diags.toString()).contains("secrets.yml").contains("no vault password was given").contains("--vault-id");
    }
}
