package dev.rigger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.keeper.KeptSessions;
import dev.rigger.lab.Lab;
import dev.rigger.lab.LabTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --ssh-persist: the session keeper holds each host's session between runs. Logins are counted
 * where they happen, in the host's sshd log; the keeper's own counts only confirm them.
 */
@LabTest
class SessionKeeperLabTest {
    private static final String HOST = "k8s-slave1";

    @TempDir
    Path dir;
    private final Lab lab = Lab.get();
    private Path keeperDir;
    private Path playbook;

    @BeforeEach
    void setUp() throws IOException {
        lab.reset(HOST);
        keeperDir = dir.resolve("keeper");
        System.setProperty("rigger.keeper.dir", keeperDir.toString());
        playbook = dir.resolve("pb.yml");
        Files.writeString(playbook, "- hosts: all\n  tasks:\n"
                + "    - copy: {dest: /root/kept.txt, content: \"kept\\n\", mode: \"0644\"}\n"
                + "    - command: hostname\n      changed_when: false\n");
    }

    @AfterEach
    void tearDown() throws IOException {
        KeptSessions.stop(keeperDir);
        System.clearProperty("rigger.keeper.dir");
    }

    private Cli.Result play(String... extra) throws IOException {
        String[] args = {"play", "-i", lab.inventory(dir, HOST).toString(), playbook.toString()};
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args), java.util.Arrays.stream(extra)).toArray(String[]::new);
        return Cli.run(all);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waited 20 s for: " + what).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private java.util.List<Path> sockets() {
        try (var files = Files.list(keeperDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".sock")).toList();
        } catch (IOException e) {
            return java.util.List.of();
        }
    }

    private int[] status() {
        try {
            return KeptSessions.status(keeperDir);
        } catch (IOException e) {
            return null;
        }
    }

    @Test
    void laterRunsLogInNowhere_andAHostThatRestartedGetsANewSession() throws Exception {
        Cli.Result first = play("--ssh-persist", "60");
        assertThat(first.exitCode()).as(first.all()).isZero();
        // the first run connects itself and starts the keeper for the runs after it
        await("the keeper to answer", () -> status() != null);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keeperDir))).isEqualTo("rwx------");

        long before = lab.logins(HOST);
        Cli.Result second = play("--ssh-persist", "60");
        assertThat(second.exitCode()).as(second.all()).isZero();
        assertThat(second.out()).contains("changed=0");
        assertThat(lab.logins(HOST)).as("the keeper logs in once").isEqualTo(before + 1);

        Cli.Result third = play("--ssh-persist", "60");
        assertThat(third.exitCode()).as(third.all()).isZero();
        assertThat(third.out()).contains("changed=0");
        assertThat(lab.logins(HOST)).as("the kept session is used: no login").isEqualTo(before + 1);
        assertThat(status()).containsExactly(1, 1);

        // the host restarts (every process in it dies, the kept session with them): a new session, no error
        lab.reset(HOST);
        long afterReset = lab.logins(HOST);
        Cli.Result fourth = play("--ssh-persist", "60");
        assertThat(fourth.exitCode()).as(fourth.all()).isZero();
        assertThat(fourth.out()).contains("changed=1"); // the reset host lost the file
        assertThat(lab.logins(HOST)).isEqualTo(afterReset + 1);
        assertThat(status()).containsExactly(2, 1);

        assertThat(KeptSessions.stop(keeperDir)).isTrue();
        await("the keeper to exit", () -> status() == null && sockets().isEmpty());
    }

    @Test
    void aChangedKnownHostsIsCheckedAgain_notBypassedByAKeptSession() throws Exception {
        assertThat(play("--ssh-persist", "60").exitCode()).isZero();
        await("the keeper to answer", () -> status() != null);
        assertThat(play("--ssh-persist", "60").exitCode()).isZero();
        assertThat(status()[1]).isEqualTo(1);

        Path kh = dir.resolve("known_hosts");
        // a real ed25519 key that is not the host's
        Files.writeString(kh, lab.address(HOST) + " ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMkCaRFFVACh9dvy+xJ7l2yo32IWsEWVif8iMniJp3GK\n");
        Cli.Result r = play("--ssh-persist", "60", "--known-hosts", kh.toString());
        assertThat(r.exitCode()).as(r.all()).isEqualTo(3);
        assertThat(r.out()).contains("host key for " + lab.address(HOST) + " has CHANGED");
    }

    @Test
    void aKeeperWithNothingToKeepExitsAfterItsPersistTime() throws Exception {
        assertThat(play("--ssh-persist", "3").exitCode()).isZero();
        await("the keeper to answer", () -> status() != null);
        await("the keeper to exit on its own", () -> status() == null);
        assertThat(sockets()).isEmpty();
    }

    @Test
    void aFolderOthersCanOpen_isNotUsed_andTheRunGoesOn() throws Exception {
        Files.createDirectories(keeperDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(keeperDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        long before = lab.logins(HOST);
        Cli.Result r = play("--ssh-persist", "60");
        assertThat(r.exitCode()).as(r.all()).isZero();
        assertThat(r.all()).contains("sessions are not kept").contains("rwxr-xr-x");
        Thread.sleep(1500); // a keeper started by mistake would have bound its socket by now
        assertThat(sockets()).isEmpty();
        assertThat(lab.logins(HOST)).isEqualTo(before + 1);
        // tearDown's stop checks the folder as every connect does (issue 20): make it trusted again
        Files.setPosixFilePermissions(keeperDir, PosixFilePermissions.fromString("rwx------"));
    }
}
