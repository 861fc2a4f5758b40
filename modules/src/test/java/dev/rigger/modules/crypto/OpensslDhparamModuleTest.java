package dev.rigger.modules.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.spi.Change;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpensslDhparamModuleTest {
    private static final String PATH = "/etc/nginx/dh.pem";
    private static final String CHECK = "openssl dhparam -check -text -noout -in " + PATH;
    private final ModuleTester tester = ModuleTester.of(new OpensslDhparamModule());

    private static ScriptedHost withParams(int bits) {
        return new ScriptedHost().file(PATH, "-----BEGIN DH PARAMETERS-----\n", 0644)
                .answer(CHECK, 0, "    DH Parameters: (" + bits + " bit)\n    P:\n");
    }

    @Test
    void registers_andDeclaresItsFirstProbes() {
        tester.assertRegistered();
        var p = tester.bind(Map.of("path", PATH, "size", 512));
        tester.assertFirstProbesDeclared(p, new OpensslDhparamModule().firstProbes(p));
    }

    @Test
    void aMissingFile_isMadeBesideAndMovedIntoPlace_withTheTasksMode() {
        Change c = tester.plan(Map.of("path", PATH, "size", 512, "mode", 0640), new ScriptedHost().dir("/etc/nginx", 0755).answer(CHECK, 1, ""));
        assertThat(c.steps()).extracting(Step::describe).containsExactly(
                "openssl dhparam -out /etc/nginx/.dh.pem.rigger-dhparam 512",
                "mv -f -- /etc/nginx/.dh.pem.rigger-dhparam " + PATH,
                "chmod 640 -- " + PATH);
        assertThat(c.outputs()).containsEntry("filename", PATH).containsEntry("size", 512);
    }

    @Test
    void theRequestedSize_isKept_otherSizesAndForce_areMadeAgain() {
        assertThat(tester.plan(Map.of("path", PATH, "size", 512), withParams(512)).isNone()).isTrue();
        Change other = tester.plan(Map.of("path", PATH, "size", 1024), withParams(512));
        assertThat(other.diffs()).singleElement().satisfies(d -> assertThat(d.before()).isEqualTo("512-bit DH parameters"));
        Change forced = tester.plan(Map.of("path", PATH, "size", 512, "force", true), withParams(512));
        assertThat(forced.isNone()).isFalse();
        assertThat(forced.verifiable()).isFalse();
    }

    @Test
    void validParameters_withOtherAttributes_changeOnlyThose() {
        Change c = tester.plan(Map.of("path", PATH, "size", 512, "mode", 0600, "owner", "www"), withParams(512));
        assertThat(c.steps()).extracting(Step::describe).containsExactly("chmod 600 -- " + PATH, "chown -- www " + PATH);
    }

    @Test
    void absent_removes_withABackupWhenAsked() {
        Change c = tester.plan(Map.of("path", PATH, "state", "absent", "backup", true), withParams(512));
        assertThat(c.steps()).extracting(Step::describe).last().isEqualTo("rm -f -- " + PATH);
        assertThat((String) c.outputs().get("backup_file")).startsWith(PATH + ".").endsWith("~");
        assertThat(tester.plan(Map.of("path", PATH, "state", "absent"), new ScriptedHost().answer(CHECK, 1, "")).isNone()).isTrue();
    }

    @Test
    void aMissingFolder_fails_asAnsible() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> tester.plan(Map.of("path", PATH, "size", 512), new ScriptedHost().answer(CHECK, 1, "")))
                .hasMessage("The directory /etc/nginx does not exist or the file is not a directory");
    }
}
