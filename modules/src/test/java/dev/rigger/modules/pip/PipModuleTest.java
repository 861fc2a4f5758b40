package dev.rigger.modules.pip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import dev.rigger.testkit.TestParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipModuleTest {
    private static final List<String> PIP = List.of("python3", "-m", "pip.__main__");
    private final PipModule m = new PipModule();

    private TestParams params(Object... kv) {
        return TestParams.of(m.spec(), kv);
    }

    private static String cmd(String cwd, List<String> pip, String... args) {
        List<String> argv = new ArrayList<>(PipModule.inDir(cwd, "", pip));
        argv.addAll(List.of(args));
        return String.join(" ", argv);
    }

    private static ScriptedHost listing(String freeze) {
        return new ScriptedHost().answer(cmd("/tmp", PIP, "list", "--format=freeze"), 0, freeze);
    }

    private static List<List<String>> runs(Change c) {
        return c.steps().stream().map(s -> ((Step.Run) s).argv()).toList();
    }

    @Test
    void present_isNone_whenEveryRequirementIsSatisfied_namesCanonicalised() {
        ScriptedHost h = listing("Flask==2.2.2\nzope.interface==5.5.2\nsix==1.16.0\n");
        assertThat(m.plan(params("name", List.of("flask>=2,<3", "Zope_Interface", "six==1.16")), h).isNone()).isTrue();
        assertThat(m.plan(params("name", List.of("six"), "version", "1.16.0"), h).isNone()).isTrue();
        assertThat(m.plan(params("name", List.of("six>=1.10", "<2"), "state", "present"), h).isNone()).as("a specifier split at its comma").isTrue();
    }

    @Test
    void present_installsAllNames_whenOneIsMissingOrUnsatisfied() {
        ScriptedHost h = listing("six==1.15.0\n");
        Change c = m.plan(params("name", List.of("six>=1.16", "tiny"), "extra_args", "--no-index --find-links=/srv/w h"), h);
        assertThat(runs(c)).containsExactly(PipModule.inDir("/tmp", "", List.of("python3", "-m", "pip.__main__", "install",
                "--no-index", "--find-links=/srv/w", "h", "six>=1.16", "tiny")));
        assertThat(c.diffs()).hasSize(2);
        assertThat(c.outputs()).containsEntry("state", "present").containsEntry("name", List.of("six>=1.16", "tiny"));
    }

    @Test
    void absent_uninstallsOnlyWhenSomethingIsThere() {
        ScriptedHost h = listing("six==1.16.0\n");
        assertThat(m.plan(params("name", List.of("tiny"), "state", "absent"), h).isNone()).isTrue();
        assertThat(runs(m.plan(params("name", List.of("six", "tiny"), "state", "absent"), h)).get(0))
                .endsWith("uninstall", "-y", "six", "tiny");
    }

    @Test
    void latest_asksPipsDryRun_andChangesOnlyWhenItWouldInstall() {
        String dry = cmd("/tmp", PIP, "install", "--dry-run", "--quiet", "--report", "-", "-U", "six");
        ScriptedHost h = listing("six==1.15.0\n").answer(dry, 0, "{\"install\": []}");
        assertThat(m.plan(params("name", List.of("six"), "state", "latest"), h).isNone()).isTrue();
        ScriptedHost h2 = listing("six==1.15.0\n").answer(dry, 0, "{\"install\": [{\"metadata\": {\"name\": \"six\", \"version\": \"1.16.0\"}}]}");
        Change c = m.plan(params("name", List.of("six"), "state", "latest"), h2);
        assertThat(c.diffs().get(0).before()).isEqualTo("1.15.0");
        assertThat(c.diffs().get(0).after()).isEqualTo("1.16.0");
        assertThat(runs(c).get(0)).endsWith("install", "-U", "six");
    }

    @Test
    void virtualenv_isCreatedWhenMissing_thenItsPipInstalls() {
        ScriptedHost h = new ScriptedHost().answer("test -e /opt/v/bin/activate", 1, "");
        Change c = m.plan(params("name", List.of("six"), "virtualenv", "/opt/v", "virtualenv_command", "python3 -m venv"), h);
        assertThat(runs(c)).containsExactly(PipModule.inDir("/tmp", "", List.of("python3", "-m", "venv", "/opt/v")),
                PipModule.inDir("/tmp", "", List.of("/opt/v/bin/pip3", "install", "six")));
        assertThat(c.outputs()).containsEntry("virtualenv", "/opt/v");
        assertThatThrownBy(() -> m.plan(params("name", List.of("six"), "virtualenv", "/opt/v", "virtualenv_command", "python3 -m venv",
                "virtualenv_python", "python3.11"), h)).isInstanceOf(ModuleException.class).hasMessageContaining("virtualenv_python");
        Change v = m.plan(params("name", List.of("six"), "virtualenv", "v", "chdir", "/srv"), new ScriptedHost().answer("test -e /srv/v/bin/activate", 1, ""));
        assertThat(runs(v).get(0)).endsWith("virtualenv", "-ppython3", "/srv/v");
    }

    @Test
    void aNewVirtualenv_withARequirementThatIsNoPlainName_plansItsInstall() {
        // found by ModuleInjectionFuzzTest: a name pip's resolver must read, into a venv not made yet, crashed the plan
        Change c = m.plan(params("name", List.of("./pkgs/rdpipa-1.0.tar.gz", "six"), "virtualenv", "v", "chdir", "/srv"),
                new ScriptedHost().answer("test -e /srv/v/bin/activate", 1, ""));
        assertThat(runs(c).get(0)).endsWith("virtualenv", "-ppython3", "/srv/v");
        assertThat(runs(c).get(1)).endsWith("install", "./pkgs/rdpipa-1.0.tar.gz", "six");
    }

    @Test
    void hostileNames_areRefusedOrOneArgvWord() {
        assertThatThrownBy(() -> m.plan(params("name", List.of("--index-url=http://evil")), listing("")))
                .isInstanceOf(ModuleException.class).hasMessageContaining("extra_args");
        Change c = m.plan(params("name", List.of("six; rm -rf /")), listing("").answer(cmd("/tmp", PIP, "install", "--dry-run", "--quiet", "--report", "-",
                "six; rm -rf /"), 0, "{\"install\": [{\"metadata\": {\"name\": \"six\", \"version\": \"1\"}}]}"));
        assertThat(runs(c).get(0)).contains("six; rm -rf /");
        assertThatThrownBy(() -> m.plan(params("name", List.of("a", "b"), "version", "1"), listing(""))).hasMessageContaining("ambiguous");
        assertThatThrownBy(() -> m.plan(params("name", List.of("a"), "version", "1", "state", "latest"), listing(""))).hasMessageContaining("latest");
    }

    @Test
    void versions_compareAsPep440() {
        assertThat(PipVersion.matches("1.10", ">", "1.9")).isTrue();
        assertThat(PipVersion.matches("2.0rc1", "<", "2.0")).isTrue();
        assertThat(PipVersion.matches("1.4.2", "~=", "1.4")).isTrue();
        assertThat(PipVersion.matches("2.0", "~=", "1.4")).isFalse();
        assertThat(PipVersion.matches("1.4.7", "==", "1.4.*")).isTrue();
        assertThat(PipVersion.matches("1.0.0", "==", "1")).isTrue();
    }

    @Test
    void firstProbes_areDeclared() {
        ModuleTester.of(m).plan(Map.of("name", List.of("six"), "virtualenv", "/v"), new ScriptedHost().answer("test -e /v/bin/activate", 0, "")
                .answer(cmd("/tmp", List.of("/v/bin/pip3"), "list", "--format=freeze"), 0, ""));
        ModuleTester.of(m).plan(Map.of("name", List.of("six"), "state", "latest"), listing("six==1\n")
                .answer(cmd("/tmp", PIP, "install", "--dry-run", "--quiet", "--report", "-", "-U", "six"), 0, "{}"));
    }
}
