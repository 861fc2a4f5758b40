package dev.rigger.engine.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ansible-playbook's --ssh-common-args/--ssh-extra-args: what Rigger's SSH client honours, notes or refuses. */
class SshArgsTest {
    @Test
    void knownHostsAndAcceptNew_areHonoured_inEveryOpenSshSpelling() {
        SshArgs a = SshArgs.parse(List.of("-o UserKnownHostsFile=/srv/kh -o StrictHostKeyChecking=accept-new"));
        assertThat(a.knownHosts()).isEqualTo(Path.of("/srv/kh"));
        assertThat(a.acceptNew()).isTrue();
        assertThat(a.notes()).isEmpty();
        SshArgs b = SshArgs.parse(List.of("-o 'UserKnownHostsFile=\"/a b/kh\" /second'", "-o 'StrictHostKeyChecking yes'"));
        assertThat(b.knownHosts()).isEqualTo(Path.of("/a b/kh"));
        assertThat(b.acceptNew()).isFalse();
        // OpenSSH reads several files, the first written first; Rigger checks against that one
        assertThat(SshArgs.parse(List.of("-oUserKnownHostsFile=/x/kh")).knownHosts()).isEqualTo(Path.of("/x/kh"));
        assertThat(SshArgs.parse(List.of("-o userknownhostsfile=~/kh")).knownHosts()).isEqualTo(Path.of(System.getProperty("user.home"), "kh"));
    }

    @Test
    void openSshsOwnConnectionOptions_areNoted_notIgnoredSilently() {
        SshArgs a = SshArgs.parse(List.of("-C -o ControlMaster=auto -o ControlPersist=60s -o ServerAliveInterval=30"));
        assertThat(a.notes()).hasSize(4).allMatch(n -> !n.isBlank());
        assertThat(a.notes().get(1)).contains("ControlMaster=auto", "--ssh-persist");
    }

    @Test
    void hostKeyChecksOff_aJumpHost_anotherKey_orAnythingUnknown_isRefused_sayingWhatToDo() {
        assertThatThrownBy(() -> SshArgs.parse(List.of("-o StrictHostKeyChecking=no"))).hasMessageContaining("--accept-new-hostkeys");
        assertThatThrownBy(() -> SshArgs.parse(List.of("-o UserKnownHostsFile=/dev/null"))).hasMessageContaining("host keys are always checked");
        assertThatThrownBy(() -> SshArgs.parse(List.of("-o StrictHostKeyChecking=off"))).hasMessageContaining("--known-hosts");
        assertThatThrownBy(() -> SshArgs.parse(List.of("-J bastion"))).hasMessageContaining("jump host");
        assertThatThrownBy(() -> SshArgs.parse(List.of("-o ProxyCommand='ssh -W %h:%p bastion'"))).hasMessageContaining("ProxyCommand");
        assertThatThrownBy(() -> SshArgs.parse(List.of("-o IdentityFile=/k"))).hasMessageContaining("--private-key");
        assertThatThrownBy(() -> SshArgs.parse(List.of("-o ForwardAgent=yes"))).hasMessageContaining("agent");
        assertThatThrownBy(() -> SshArgs.parse(List.of("-o"))).hasMessageContaining("without an option");
        assertThatThrownBy(() -> SshArgs.parse(List.of("-o 'unbalanced"))).isInstanceOf(IllegalArgumentException.class);
        // the loader fuzzer's finds: an empty or half-quoted file name is a refusal, never a crash
        assertThatThrownBy(() -> SshArgs.parse(List.of("-o UserKnownHostsFile="))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no file");
        assertThatThrownBy(() -> SshArgs.parse(List.of("-o 'UserKnownHostsFile=\"/a'"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theInventorysSshArgs_areReadAlike_andWhatRiggerCannotHonourIsAnErrorAtLoad(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path inv = java.nio.file.Files.writeString(dir.resolve("hosts"), """
                ok ansible_ssh_common_args='-o UserKnownHostsFile=/srv/kh -o ControlMaster=auto -o ControlPersist=60s'
                extra ansible_ssh_extra_args='-oUserKnownHostsFile=/srv/kh2'
                off ansible_ssh_common_args='-o StrictHostKeyChecking=no'
                jump ansible_ssh_common_args='-o ProxyJump=bastion'
                new ansible_ssh_common_args='-o StrictHostKeyChecking=accept-new'
                """);
        dev.rigger.engine.diag.Diagnostics d = new dev.rigger.engine.diag.Diagnostics();
        Inventory i = Inventory.load(inv, d);
        assertThat(i.host("ok").orElseThrow().sshArgs().knownHosts()).isEqualTo(Path.of("/srv/kh"));
        assertThat(i.host("extra").orElseThrow().sshArgs().knownHosts()).isEqualTo(Path.of("/srv/kh2"));
        List<String> errors = d.list().stream().filter(dev.rigger.engine.diag.Diagnostic::isError).map(Object::toString).toList();
        assertThat(errors).hasSize(3);
        assertThat(errors.get(0)).contains("hosts:3", "host 'off'", "--accept-new-hostkeys");
        assertThat(errors.get(1)).contains("hosts:4", "host 'jump'", "ProxyJump");
        assertThat(errors.get(2)).contains("hosts:5", "host 'new'", "give --accept-new-hostkeys");
    }
}
