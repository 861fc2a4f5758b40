package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.lab.Lab;
import dev.rigger.lab.LabTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host keys: a changed key is refused before any command, with the offered fingerprint; an unknown one unless accepted. */
@LabTest
class HostKeyLabTest {
    @TempDir
    Path dir;
    private final Lab lab = Lab.get();
    private Path playbook;

    @BeforeEach
    void setUp() throws IOException {
        lab.reset("k8s-slave2");
        playbook = dir.resolve("pb.yml");
        Files.writeString(playbook, "- hosts: all\n  tasks:\n    - file: {path: /root/touched, state: touch}\n");
    }

    private Path inventory(Path knownHosts) throws IOException {
        Path inv = lab.inventory(dir, "k8s-slave2");
        Files.writeString(inv, Files.readString(inv).replaceAll("UserKnownHostsFile=\\S+'", "UserKnownHostsFile=" + knownHosts + "'"));
        return inv;
    }

    @Test
    void changedKey_isRefusedBeforeAnyCommand_withTheFingerprint() throws IOException {
        Path kh = dir.resolve("known_hosts");
        // a real ed25519 key that is not the host's
        Files.writeString(kh, "127.0.10.3 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMkCaRFFVACh9dvy+xJ7l2yo32IWsEWVif8iMniJp3GK\n");
        String before = lab.fingerprint("k8s-slave2");
        Cli.Result r = Cli.run("play", "-i", inventory(kh).toString(), playbook.toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).contains("host key for 127.0.10.3 has CHANGED").containsPattern("offered ssh-ed25519 SHA256:[A-Za-z0-9+/]{43}");
        assertThat(lab.fingerprint("k8s-slave2")).isEqualTo(before);
        assertThat(lab.ssh("k8s-slave2", "test -e /root/touched").exitCode()).isNotZero();
    }

    @Test
    void unknownKey_isRefused_unlessAcceptNew_whichRecordsIt() throws IOException {
        Path kh = dir.resolve("empty_known_hosts");
        Files.writeString(kh, "");
        Cli.Result refused = Cli.run("play", "-i", inventory(kh).toString(), playbook.toString());
        assertThat(refused.exitCode()).isEqualTo(3);
        assertThat(refused.out()).contains("is not in known_hosts").contains("--accept-new-hostkeys");
        Cli.Result accepted = Cli.run("play", "-i", inventory(kh).toString(), playbook.toString(), "--accept-new-hostkeys");
        assertThat(accepted.exitCode()).as(accepted.all()).isZero();
        assertThat(Files.readString(kh)).contains("ssh-ed25519");
        assertThat(Cli.run("play", "-i", inventory(kh).toString(), playbook.toString()).exitCode()).as("recorded key now known").isZero();
    }
}
