package dev.rigger.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.engine.compile.CompileOptions;
import dev.rigger.engine.compile.CompiledRun;
import dev.rigger.engine.compile.Compiler;
import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.inventory.Inventory;
import dev.rigger.engine.load.PlaybookLoader;
import dev.rigger.engine.module.ModuleRegistry;
import dev.rigger.engine.report.ConsoleReporter;
import dev.rigger.engine.report.JsonReport;
import dev.rigger.engine.report.Masker;
import dev.rigger.engine.report.RunResult;
import dev.rigger.engine.transport.LocalConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Variables marked secret ({@code secret_vars}, {@code --secret-var}) and connection passwords
 * are masked wherever their values travel: templated into parameters, diffs, registered output.
 */
class SecretVarsRunTest {
    @TempDir
    Path dir;
    private final Masker masker = new Masker();
    private final ByteArrayOutputStream console = new ByteArrayOutputStream();

    private RunResult run(String inventory, String yaml, Map<String, Object> extra, Set<String> secretVars, Diagnostics d) throws IOException {
        Path inv = dir.resolve("inv.ini");
        Files.writeString(inv, inventory);
        Path pb = dir.resolve("pb.yml");
        Files.writeString(pb, yaml.replace("DIR", dir.toString()));
        Inventory i = Inventory.load(inv, d);
        var book = new PlaybookLoader().load(pb, d).orElseThrow();
        var compiled = new Compiler(ModuleRegistry.of(new LocalRunTest.EchoModule())).compile(List.of(book), i,
                new CompileOptions(extra, null, Set.of(), Set.of(), secretVars), d);
        if (compiled.isEmpty()) return null;
        CompiledRun run = compiled.get();
        var printer = new ConsoleReporter(new PrintStream(console, true), true, 3, masker);
        return new Executor(h -> new LocalConnection(), masker).run(run, RunOptions.defaults(), printer);
    }

    private String everything(RunResult r) {
        return console + new JsonReport(masker).toMap(r).toString();
    }

    @Test
    void secretVars_templatedIntoAParameter_andRegistered_neverShown_butUsed() throws IOException {
        RunResult r = run("me ansible_connection=local\n", """
                - hosts: all
                  vars: {db_password: "pw-from-play-vars", dsn: "postgres://app:{{ db_password }}@db/app"}
                  secret_vars: [db_password, token]
                  tasks:
                    - name: conf
                      echo: {path: DIR/conf, value: "{{ dsn }}"}
                      register: written
                    - name: read a token
                      echo: {path: DIR/token, value: "tok-{{ written.value | length }}-generated"}
                      register: token
                    - name: uses the token
                      echo: {path: DIR/copy, value: "{{ token.value }}"}
                """, Map.of(), Set.of(), new Diagnostics());
        assertThat(r.exitCode()).as(console.toString()).isZero();
        assertThat(Files.readString(dir.resolve("conf"))).isEqualTo("postgres://app:pw-from-play-vars@db/app");
        assertThat(Files.readString(dir.resolve("copy"))).isEqualTo("tok-39-generated");
        assertThat(everything(r)).doesNotContain("pw-from-play-vars").doesNotContain("tok-39-generated")
                .contains("postgres://app:" + Masker.MASK + "@db/app").contains("token: null -> " + Masker.MASK);
    }

    @Test
    void secretVarOption_masksAnExtraVar_andBecomePasswordVarsAreAlwaysSecret() throws IOException {
        RunResult r = run("me ansible_connection=local ansible_become_pass=become-pw-123\n", """
                - hosts: all
                  tasks:
                    - echo: {path: DIR/a, value: "key={{ api_key }} pw={{ ansible_become_pass }}"}
                """, Map.of("api_key", "extra-secret-42"), Set.of("api_key"), new Diagnostics());
        assertThat(r.exitCode()).as(console.toString()).isZero();
        assertThat(Files.readString(dir.resolve("a"))).isEqualTo("key=extra-secret-42 pw=become-pw-123");
        assertThat(everything(r)).doesNotContain("extra-secret-42").doesNotContain("become-pw-123").contains("key=" + Masker.MASK);
    }

    @Test
    void secretsKnownBeforeTheRun_areMaskedFromTheFirstLine_preflightMessagesToo() throws IOException {
        RunResult r = run("me ansible_connection=local\n", """
                - hosts: all
                  vars: {db_password: "pw-in-a-preflight-rule"}
                  secret_vars: [db_password]
                  preflight:
                    - {assert: "false", message: "cannot reach the db with {{ db_password }}"}
                  tasks:
                    - echo: {path: DIR/never, value: x}
                """, Map.of(), Set.of(), new Diagnostics());
        assertThat(r.exitCode()).isNotZero();
        assertThat(everything(r)).contains("cannot reach the db with " + Masker.MASK).doesNotContain("pw-in-a-preflight-rule");
        assertThat(Files.exists(dir.resolve("never"))).isFalse();
    }

    @Test
    void misspeltSecretName_isAnError_notASilentlyShownSecret() throws IOException {
        Diagnostics d = new Diagnostics();
        RunResult r = run("me ansible_connection=local\n", """
                - hosts: all
                  vars: {db_password: x}
                  secret_vars: [db_pasword]
                  tasks: []
                """, Map.of(), Set.of("api_kye"), d);
        assertThat(r).isNull();
        assertThat(d.toString()).contains("secret_vars: no such variable 'db_pasword' (did you mean 'db_password'?)")
                .contains("--secret-var api_kye: no such variable");
    }
}
