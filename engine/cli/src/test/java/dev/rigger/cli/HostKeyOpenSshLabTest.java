package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.lab.Lab;
import dev.rigger.lab.LabTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rigger decides on a lab host's real key exactly as OpenSSH's own client does with the same
 * known_hosts (issue 20): a wildcard or hashed {@code @revoked} line refuses the key (even on
 * first use), a {@code [host]:port} entry is not the host on port 22, wildcards and negations
 * match as {@code ssh} matches them. A refused host is never touched and its key not recorded.
 */
@LabTest
class HostKeyOpenSshLabTest {
    /** A host of this task's own (the lab is shared): {@code -Drigger.hostkey.host}. */
    private static final String HOST = System.getProperty("rigger.hostkey.host", "node48");

    @TempDir
    Path dir;
    private final Lab lab = HOST.startsWith("k8s-") ? Lab.get() : Lab.existing();
    private Path playbook;
    private String address;
    private String key;

    @BeforeEach
    void setUp() throws IOException {
        if (!HOST.startsWith("k8s-")) lab.atLeast(Integer.parseInt(HOST.replaceAll("\\D", "")));
        address = lab.address(HOST);
        key = Files.readAllLines(lab.knownHosts()).stream().filter(l -> l.startsWith(address + " ")).findFirst().orElseThrow()
                .substring(address.length() + 1);
        playbook = dir.resolve("pb.yml");
        Files.writeString(playbook, "- hosts: all\n  tasks:\n    - command: hostname\n      changed_when: false\n");
    }

    /** Whether OpenSSH's client logs in with this known_hosts. */
    private boolean opensshAccepts(Path kh, boolean acceptNew) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("ssh", "-o", "BatchMode=yes", "-o", "ConnectTimeout=5", "-o", "IdentitiesOnly=yes",
                "-o", "StrictHostKeyChecking=" + (acceptNew ? "accept-new" : "yes"), "-o", "UserKnownHostsFile=" + kh,
                "-o", "GlobalKnownHostsFile=/dev/null", "-i", lab.clientKey().toString(), "root@" + address, "true"))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor() == 0;
    }

    private Cli.Result rigger(Path kh, boolean acceptNew) throws IOException {
        Path inv = lab.inventory(dir, HOST);
        Files.writeString(inv, Files.readString(inv).replaceAll("UserKnownHostsFile=\\S+'", "UserKnownHostsFile=" + kh + "'"));
        return acceptNew ? Cli.run("play", "-i", inv.toString(), playbook.toString(), "--accept-new-hostkeys")
                : Cli.run("play", "-i", inv.toString(), playbook.toString());
    }

    /** Both clients get their own copy of {@code text}; both must decide {@code accepted}. */
    private void bothDecide(String text, boolean acceptNew, boolean accepted, String riggerSays) throws IOException, InterruptedException {
        Path forSsh = dir.resolve("kh-ssh");
        Path forRigger = dir.resolve("kh-rigger");
        Files.writeString(forSsh, text);
        Files.writeString(forRigger, text);
        assertThat(opensshAccepts(forSsh, acceptNew)).as("OpenSSH with:\n" + text).isEqualTo(accepted);
        Cli.Result r = rigger(forRigger, acceptNew);
        assertThat(r.exitCode()).as(text + "\n" + r.all()).isEqualTo(accepted ? 0 : 3);
        if (!accepted) {
            assertThat(r.out()).contains(riggerSays);
            assertThat(Files.readString(forRigger)).as("nothing recorded").isEqualTo(text);
        }
    }

    private String hashed(String name) throws IOException, InterruptedException {
        Path f = dir.resolve("to-hash");
        Files.writeString(f, name + " " + key + "\n");
        assertThat(new ProcessBuilder("ssh-keygen", "-H", "-f", f.toString()).redirectErrorStream(true).start().waitFor()).isZero();
        return Files.readString(f).strip().split(" ")[0];
    }

    @Test
    void wildcardRevoked_isRefusedOnFirstUse_asOpenSshRefusesIt() throws Exception {
        bothDecide("@revoked * " + key + "\n", true, false, "is REVOKED in known_hosts");
    }

    @Test
    void hashedRevoked_outranksALineTrustingTheKey() throws Exception {
        bothDecide("@revoked " + hashed(address) + " " + key + "\n" + address + " " + key + "\n", false, false, "is REVOKED");
    }

    @Test
    void anEntryForAnotherPort_isNotThisHost_onPort22() throws Exception {
        bothDecide("[" + address + "]:2222 " + key + "\n", false, false, "is not in known_hosts");
    }

    @Test
    void wildcardsAndNegations_matchAsInOpenSsh() throws Exception {
        String prefix = address.substring(0, address.lastIndexOf('.') + 1);
        bothDecide(prefix + "* " + key + "\n", false, true, "");
        bothDecide("*,!" + address + " " + key + "\n", false, false, "is not in known_hosts");
        bothDecide(address + " " + key + "\n", false, true, "");
    }
}
