package dev.rigger.engine.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Commands of {@code ansible_connection=local} get a login's environment, never Rigger's own
 * (issue 20: {@code RIGGER_VAULT_PASSWORD} reached every local command).
 */
class LocalConnectionEnvTest {
    private static final String CANARY = "canary-vault-pw-5e1f";

    /** Run in a child JVM whose environment holds secrets: prints what a local command sees. */
    public static final class Child {
        public static void main(String[] args) {
            ExecResult r = new LocalConnection().exec("env", null, Duration.ofSeconds(20));
            System.out.write(r.stdout(), 0, r.stdout().length);
            System.out.flush();
        }
    }

    @Test
    void rigger_withSecretsInItsEnvironment_runsLocalCommandsWithOnlyALoginsEnvironment() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(javaLauncher(), "-cp", System.getProperty("java.class.path"), Child.class.getName());
        pb.environment().put("RIGGER_VAULT_PASSWORD", CANARY);
        pb.environment().put("RIGGER_VAULT_PASSWORD_FILE", "/tmp/" + CANARY);
        pb.environment().put("AWS_SECRET_ACCESS_KEY", CANARY);
        pb.environment().put("LC_ALL", "de_DE.ISO-8859-1");
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();

        assertThat(out).doesNotContain(CANARY).doesNotContain("RIGGER_");
        Map<String, String> env = parse(out);
        env.remove("PWD"); // set by the shell itself
        assertThat(env.keySet()).containsExactlyElementsOf(LoginEnvironment.NAMES);
        assertThat(env).containsEntry("USER", System.getProperty("user.name")).containsEntry("LOGNAME", System.getProperty("user.name"))
                .containsEntry("LANG", "C.UTF-8").containsEntry("LC_ALL", "C.UTF-8");
        assertThat(env.get("PATH")).isIn(LoginEnvironment.ROOT_PATH, LoginEnvironment.USER_PATH);
        assertThat(env.get("SHELL")).startsWith("/");
        assertThat(env.get("HOME")).isEqualTo(LoginEnvironment.passwdEntry(Path.of("/etc/passwd"), env.get("USER"))[5]);
    }

    @Test
    void passwdEntry_findsTheUsersLine_orNone() throws Exception {
        Path f = Files.createTempFile("passwd", "");
        try {
            Files.writeString(f, "root:x:0:0:root:/root:/bin/bash\nann:x:1000:1000:Ann,,,:/home/ann:/usr/bin/zsh\n");
            assertThat(LoginEnvironment.passwdEntry(f, "ann")).containsExactly("ann", "x", "1000", "1000", "Ann,,,", "/home/ann", "/usr/bin/zsh");
            assertThat(LoginEnvironment.passwdEntry(f, "an")).isNull();
        } finally {
            Files.delete(f);
        }
    }

    private static Map<String, String> parse(String env) {
        Map<String, String> m = new TreeMap<>();
        for (String line : env.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) m.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return m;
    }

    private static String javaLauncher() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
