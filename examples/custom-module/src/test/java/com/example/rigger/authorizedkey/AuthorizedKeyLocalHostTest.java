package com.example.rigger.authorizedkey;

import static com.example.rigger.authorizedkey.AuthorizedKeyModuleTest.BODY;
import static com.example.rigger.authorizedkey.AuthorizedKeyModuleTest.KEY;
import static com.example.rigger.authorizedkey.AuthorizedKeyModuleTest.OTHER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.engine.transport.LocalConnection;
import dev.rigger.testkit.ModuleTester;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module on this machine, through the engine's own local transport: check, apply, check
 * again, twice. {@code path} points into a temporary folder, so no real authorized_keys file is
 * ever touched; the user is whoever runs the build (root on the lab machine).
 */
class AuthorizedKeyLocalHostTest {
    private static final String USER = System.getProperty("user.name");

    private final ModuleTester tester = ModuleTester.of(new AuthorizedKeyModule());

    @TempDir
    Path tmp;

    @Test
    void present_createsDir0700AndFile0600_thenNothingToDo() throws IOException {
        Path file = tmp.resolve("ssh/authorized_keys");
        ModuleTester.Converged first = tester.assertIdempotent(
                Map.of("user", USER, "key", KEY, "path", file.toString()), new LocalConnection());

        assertThat(first.changed()).isTrue();
        assertThat(Files.readString(file)).isEqualTo(KEY + "\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.getOwner(file).getName()).isEqualTo(USER);
    }

    @Test
    void absent_removesOnlyThatKey_keepingTheOthers() throws IOException {
        Path file = tmp.resolve("authorized_keys");
        Files.writeString(file, OTHER + "\n" + "ssh-ed25519 " + BODY + " old comment\n");

        tester.assertIdempotent(Map.of("user", USER, "key", KEY, "path", file.toString(), "state", "absent",
                "manage_dir", false), new LocalConnection());

        assertThat(Files.readString(file)).isEqualTo(OTHER + "\n");
    }

    @Test
    void hostileComment_isWrittenLiterally_andRunsNothing() throws IOException {
        Path file = tmp.resolve("ssh/authorized_keys");
        Path canary = tmp.resolve("pwned");
        String key = "ssh-ed25519 " + BODY + " it's \"me\" $(touch " + canary + ") `touch " + canary + "`";

        tester.assertIdempotent(Map.of("user", USER, "key", key, "path", file.toString()), new LocalConnection());

        assertThat(Files.readString(file)).isEqualTo(key + "\n");
        assertThat(canary).doesNotExist();
    }
}
