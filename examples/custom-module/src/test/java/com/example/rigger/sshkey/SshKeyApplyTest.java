package com.example.rigger.sshkey;

import static com.example.rigger.sshkey.SshKeyModuleTest.BODY;
import static com.example.rigger.sshkey.SshKeyModuleTest.KEY;
import static com.example.rigger.sshkey.SshKeyModuleTest.OTHER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.spi.FileState;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The module's steps applied to a host in memory (the testkit's {@link ScriptedHost}): check,
 * apply, check again, twice; owners and modes as a real host would have them. The real host
 * (a lab host, through {@code rigger play}) is Rigger's CustomModuleLabTest.
 */
class SshKeyApplyTest {
    private final ModuleTester tester = ModuleTester.of(new SshKeyModule());

    /** The account alice: home /home/alice, primary group staff. */
    private static ScriptedHost host() {
        return new ScriptedHost()
                .answer("getent passwd alice", 0, "alice:x:1000:50::/home/alice:/bin/sh\n")
                .answer("id -gn alice", 0, "staff\n")
                .dir("/home/alice", 0755, "alice", "staff");
    }

    @Test
    void isRegisteredAsTheEngineLoadsIt() {
        tester.assertRegistered();
    }

    @Test
    void present_createsDir0700AndFile0600_ownedByTheUser_thenNothingToDo() {
        ScriptedHost host = host();
        ModuleTester.Converged first = tester.assertIdempotent(Map.of("user", "alice", "key", KEY), host);

        assertThat(first.changed()).isTrue();
        assertThat(host.content("/home/alice/.ssh/authorized_keys")).isEqualTo(KEY + "\n");
        FileState dir = host.state("/home/alice/.ssh");
        assertThat(dir.type()).isEqualTo(FileState.Type.DIRECTORY);
        assertThat(FileState.octal(dir.mode())).isEqualTo("0700");
        assertThat(dir.owner() + ":" + dir.group()).isEqualTo("alice:staff");
        FileState file = host.state("/home/alice/.ssh/authorized_keys");
        assertThat(FileState.octal(file.mode())).isEqualTo("0600");
        assertThat(file.owner() + ":" + file.group()).isEqualTo("alice:staff");
    }

    @Test
    void absent_removesOnlyThatKey_keepingTheOthers() {
        ScriptedHost host = host().dir("/home/alice/.ssh", 0700, "alice", "staff")
                .file("/home/alice/.ssh/authorized_keys", OTHER + "\n" + "ssh-ed25519 " + BODY + " old comment\n", 0600, "alice", "staff");

        tester.assertIdempotent(Map.of("user", "alice", "key", KEY, "state", "absent"), host);

        assertThat(host.content("/home/alice/.ssh/authorized_keys")).isEqualTo(OTHER + "\n");
    }

    @Test
    void hostileComment_isWrittenLiterally_asOneWrite() {
        ScriptedHost host = host();
        String key = "ssh-ed25519 " + BODY + " it's \"me\" $(touch /tmp/pwned) `touch /tmp/pwned`";

        tester.assertIdempotent(Map.of("user", "alice", "key", key), host);

        assertThat(host.content("/home/alice/.ssh/authorized_keys")).isEqualTo(key + "\n");
        assertThat(host.state("/tmp/pwned").exists()).isFalse();
    }
}
