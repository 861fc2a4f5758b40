package dev.rigger.modules.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetchModuleTest {
    private final ModuleTester tester = ModuleTester.of(new FetchModule());
    @TempDir Path dir;

    private ScriptedHost host() {
        return new ScriptedHost().file("/etc/app.conf", "port=80\n", 0600)
                .answer("stat -L -c %a -- /etc/app.conf", 0, "600\n");
    }

    @Test
    void registers_andDeclaresItsFirstProbe() {
        tester.assertRegistered();
        var p = tester.bind(Map.of("src", "/etc/app.conf", "dest", dir.toString()));
        tester.assertFirstProbesDeclared(p, new FetchModule().firstProbes(p));
    }

    @Test
    void fetch_writesDestHostSrc_onTheController_thenNothingToDo() throws Exception {
        Map<String, Object> args = Map.of("src", "/etc/app.conf", "dest", dir.toString());
        var done = tester.assertIdempotent(args, host());
        Path copy = dir.resolve("scripted/etc/app.conf");
        assertThat(Files.readString(copy)).isEqualTo("port=80\n");
        assertThat(done.planned().steps()).singleElement().isInstanceOf(Step.WriteLocal.class);
        assertThat(((Step.WriteLocal) done.planned().steps().get(0)).mode()).as("a new copy gets the host file's mode").isEqualTo(0600);
        // sha1 and md5 of "port=80\n", as Ansible registers them
        String sha1 = FetchModule.hex("SHA-1", "port=80\n".getBytes(StandardCharsets.UTF_8));
        assertThat(done.planned().outputs()).containsEntry("dest", copy.toString()).containsEntry("checksum", sha1)
                .containsEntry("remote_checksum", sha1).containsKey("md5sum").doesNotContainKey("file");
        Change again = tester.plan(args, host());
        assertThat(again.isNone()).isTrue();
        assertThat(again.outputs()).containsEntry("file", "/etc/app.conf").containsEntry("checksum", sha1);
    }

    @Test
    void aDifferingCopy_isReplaced_andPlanningWritesNothing() throws Exception {
        Path copy = dir.resolve("scripted/etc/app.conf");
        Files.createDirectories(copy.getParent());
        Files.writeString(copy, "old\n");
        Change c = tester.plan(Map.of("src", "/etc/app.conf", "dest", dir.toString()), host());
        assertThat(c.diffs()).singleElement().satisfies(d -> assertThat(d.before()).startsWith("sha1 "));
        assertThat(Files.readString(copy)).isEqualTo("old\n");
    }

    @Test
    void flat_writesDest_orTheSourcesNameUnderATrailingSlash() {
        Change c = tester.plan(Map.of("src", "/etc/app.conf", "dest", dir + "/web.conf", "flat", true), host());
        assertThat(c.outputs()).containsEntry("dest", dir + "/web.conf");
        c = tester.plan(Map.of("src", "/etc/app.conf", "dest", dir + "/", "flat", true), host());
        assertThat(c.outputs()).containsEntry("dest", dir + "/app.conf");
        assertThatThrownBy(() -> tester.plan(Map.of("src", "/etc/app.conf", "dest", dir.toString(), "flat", true), host()))
                .isInstanceOf(ModuleException.class).hasMessageContaining("dest is an existing directory");
    }

    @Test
    void traversal_outOfDest_isRefused() {
        ScriptedHost h = host();
        assertThatThrownBy(() -> tester.plan(Map.of("src", "../../../tmp/evil", "dest", dir.toString()), h.file("../../../tmp/evil", "x", 0644)))
                .isInstanceOf(ModuleException.class).hasMessageContaining("directory traversal");
        assertThatThrownBy(() -> tester.plan(Map.of("src", "/a/..", "dest", dir + "/", "flat", true), h.file("/a/..", "x", 0644)))
                .isInstanceOf(ModuleException.class).hasMessageContaining("directory traversal");
        assertThatThrownBy(() -> FetchModule.target(tester.bind(Map.of("src", "/etc/x", "dest", dir.toString())), "/etc/x", ".."))
                .isInstanceOf(ModuleException.class).hasMessageContaining("host's name");
        assertThat(dir.getParent().resolve("tmp")).doesNotExist();
    }

    @Test
    void aNulCharacter_inDestOrSrc_isRefused_notACrash() {
        // the injection fuzzer's input: a NUL reaches no java.nio path on the controller
        ScriptedHost h = host().file("/etc/a\0b", "x", 0644);
        assertThatThrownBy(() -> tester.plan(Map.of("src", "/etc/app.conf", "dest", dir + "/b\u00e9 \u202E\uFEFF\0/c/d/ap/./p.conf"), h))
                .isInstanceOf(ModuleException.class).hasMessageContaining("NUL");
        assertThatThrownBy(() -> tester.plan(Map.of("src", "/etc/app.conf", "dest", dir + "/x\0", "flat", true), h))
                .isInstanceOf(ModuleException.class).hasMessageContaining("NUL");
        assertThatThrownBy(() -> tester.plan(Map.of("src", "/etc/a\0b", "dest", dir.toString()), h))
                .isInstanceOf(ModuleException.class).hasMessageContaining("NUL");
    }

    @Test
    void missingFile_failsOrIsReported_asAnsible() {
        assertThatThrownBy(() -> tester.plan(Map.of("src", "/nope", "dest", dir.toString()), host()))
                .isInstanceOf(ModuleException.class).hasMessage(FetchModule.MISSING);
        Change c = tester.plan(Map.of("src", "/nope", "dest", dir.toString(), "fail_on_missing", false), host());
        assertThat(c.isNone()).isTrue();
        assertThat(c.outputs()).containsEntry("msg", FetchModule.MISSING).containsEntry("file", "/nope");
    }

    @Test
    void aWriteLocalStep_refusesARelativeOrUnnormalisedPath() {
        assertThatThrownBy(() -> new Step.WriteLocal("rel/x", new byte[0], null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Step.WriteLocal("/a/../b", new byte[0], null)).isInstanceOf(IllegalArgumentException.class);
    }
}
