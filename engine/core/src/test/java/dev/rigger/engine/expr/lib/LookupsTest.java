package dev.rigger.engine.expr.lib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.engine.expr.eval.EvalException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lookup()/query() on real files in a playbook folder: search order, refusals, joining, wantlist. */
class LookupsTest {
    @TempDir
    Path dir;
    LibContext ctx;

    @BeforeEach
    void setUp() throws Exception {
        ctx = new LibContext();
        ctx.baseDir = dir;
        Files.createDirectories(dir.resolve("files"));
        Files.createDirectories(dir.resolve("templates"));
        Files.writeString(dir.resolve("files/key.pub"), "ssh-ed25519 AAAA\n\n");
        Files.writeString(dir.resolve("top.txt"), "  top level\n");
        Files.writeString(dir.resolve("files/top.txt"), "from files\n");
        Files.writeString(dir.resolve("templates/motd.j2"), "Welcome to {{ host }}\n");
        ctx.variables.put("host", "web1");
        ctx.variables.put("port", 8080L);
    }

    private Object lookup(Object... args) {
        return Library.standard().function("lookup").call(Args.of(args), ctx);
    }

    private Object query(Object... args) {
        return Library.standard().function("query").call(Args.of(args), ctx);
    }

    @Test
    void file_readsFromFilesFirst_thenTheBase_rightStripped() {
        assertThat(lookup("file", "key.pub")).isEqualTo("ssh-ed25519 AAAA");
        assertThat(lookup("file", "top.txt")).isEqualTo("from files");
        assertThat(lookup("file", dir.resolve("top.txt").toString())).isEqualTo("  top level");
        assertThat(lookup("file", "key.pub", "top.txt")).isEqualTo("ssh-ed25519 AAAA,from files");
        assertThat(query("file", "key.pub")).isEqualTo(List.of("ssh-ed25519 AAAA"));
    }

    @Test
    void file_refusesMissingDirectoriesDevicesAndLargeFiles() throws Exception {
        assertThatThrownBy(() -> lookup("file", "nope.txt")).isInstanceOf(EvalException.class).hasMessageContaining("could not locate file");
        assertThatThrownBy(() -> lookup("file", "templates")).hasMessageContaining("regular files only");
        assertThatThrownBy(() -> lookup("file", "/dev/zero")).hasMessageContaining("regular files only");
        Files.write(dir.resolve("big.bin"), new byte[(1 << 20) + 1]);
        assertThatThrownBy(() -> lookup("file", "big.bin")).hasMessageContaining("larger than 1 MiB");
        assertThat(Library.standard().function("lookup").call(new Args(List.of("file", "nope.txt"), Map.of("errors", "ignore")), ctx)).isNull();
    }

    @Test
    void template_rendersWithTheContext() {
        assertThat(lookup("template", "motd.j2")).isEqualTo("Welcome to web1\n");
    }

    @Test
    void vars_itemsListAndEnv() {
        assertThat(lookup("vars", "port")).isEqualTo(8080L);
        assertThat(lookup("vars", "host", "port")).isEqualTo(List.of("web1", 8080L));
        assertThat(Library.standard().function("lookup").call(new Args(List.of("vars", "nope"), Map.of("default", "d")), ctx)).isEqualTo("d");
        assertThatThrownBy(() -> lookup("vars", "nope")).hasMessageContaining("No variable found with this name: nope");
        assertThat(lookup("items", List.of(1L, 2L), 3L)).isEqualTo(List.of(1L, 2L, 3L));
        assertThat(lookup("items", List.of("a", "b"))).isEqualTo("a,b");
        assertThat(query("list", "a", "b")).isEqualTo(List.of("a", "b"));
        assertThat(Library.standard().function("lookup").call(new Args(List.of("list", "a", "b"), Map.of("wantlist", true)), ctx))
                .isEqualTo(List.of("a", "b"));
        assertThat(lookup("env", "PATH")).isEqualTo(System.getenv("PATH"));
        assertThat(lookup("env", "RIGGER_SURELY_UNSET_VARIABLE")).isEqualTo("");
        assertThat(query("items")).isEqualTo(List.of());
    }

    @Test
    void firstFound_listsAndDictsOfFilesAndPaths() {
        assertThat(lookup("first_found", List.of("missing.txt", "key.pub"))).isEqualTo(dir.resolve("files/key.pub").toString());
        assertThat(lookup("first_found", Map.of("files", List.of("nope", "motd.j2"), "paths", List.of("templates"))))
                .isEqualTo(dir.resolve("templates/motd.j2").toString());
        assertThatThrownBy(() -> lookup("first_found", List.of("a", "b"))).hasMessageContaining("No file was found");
        assertThat(query("first_found", Map.of("files", List.of("nope"), "skip", true))).isEqualTo(List.of());
    }

    @Test
    void pipe_isOffUnlessAllowed_thenRunsInTheBaseFolder() throws Exception {
        assertThatThrownBy(() -> lookup("pipe", "echo hi")).isInstanceOf(EvalException.class).hasMessageContaining("--allow-pipe-lookup");
        ctx.pipeAllowed = true;
        assertThat(lookup("pipe", "echo hi; pwd")).isEqualTo("hi\n" + dir.toRealPath());
        assertThatThrownBy(() -> lookup("pipe", "exit 3")).hasMessageContaining("returned 3");
    }

    @Test
    void unknownPlugin_isNamed() {
        assertThatThrownBy(() -> lookup("password", "x")).hasMessage("lookup plugin (password) not found");
        assertThat(lookup("ansible.builtin.list", "x")).isEqualTo("x");
    }

    /** Ansible's ansible_search_path (role, then task file folder) comes before the playbook's folder; a with_ loop's first_found looks in its subdir. */
    @Test
    void searchPath_roleFirst_thenPlaybook_andTheLoopsSubdir() throws Exception {
        Path role = Files.createDirectories(dir.resolve("roles/r"));
        Files.createDirectories(role.resolve("files/conf"));
        Files.createDirectories(role.resolve("vars"));
        Files.writeString(role.resolve("files/top.txt"), "from the role\n");
        Files.writeString(role.resolve("files/b.txt"), "b\n");
        Files.writeString(role.resolve("files/a.txt"), "a\n");
        Files.writeString(role.resolve("files/.hidden.txt"), "h\n");
        Files.writeString(role.resolve("files/conf/x.conf"), "x\n");
        Files.writeString(role.resolve("vars/Debian.yml"), "a: 1\n");
        ctx.searchPath = List.of(role, role.resolve("tasks"));
        assertThat(lookup("file", "top.txt")).isEqualTo("from the role");
        assertThat(lookup("file", "key.pub")).isEqualTo("ssh-ed25519 AAAA");
        // files only, sorted, no dot files for '*'; the first folder with a match wins
        assertThat(query("fileglob", "*.txt")).isEqualTo(List.of(role.resolve("files/a.txt").toString(),
                role.resolve("files/b.txt").toString(), role.resolve("files/top.txt").toString()));
        assertThat(query("fileglob", "conf/*.conf")).isEqualTo(List.of(role.resolve("files/conf/x.conf").toString()));
        assertThat(query("fileglob", "*.none")).isEqualTo(List.of());
        assertThat(Lookups.forLoop("first_found", List.of(Map.of("files", List.of("RedHat.yml", "Debian.yml"))), "vars", ctx))
                .isEqualTo(List.of(role.resolve("vars/Debian.yml").toString()));
        assertThat(Lookups.forLoop("first_found", List.of("vars/Debian.yml"), "vars", ctx))
                .isEqualTo(List.of(role.resolve("vars/Debian.yml").toString()));
        assertThatThrownBy(() -> Lookups.forLoop("first_found", List.of("Debian.yml"), "files", ctx)).hasMessageContaining("No file was found");
        assertThat(Lookups.forLoop("list", List.of("x", List.of(1L)), "files", ctx)).isEqualTo(List.of("x", List.of(1L)));
    }
}
