package dev.rigger.modules.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.testkit.ScriptedHost;
import dev.rigger.testkit.TestParams;
import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Step;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class HostnameModuleTest {
    private final HostnameModule m = new HostnameModule();

    private TestParams params(Object... kv) {
        return TestParams.of(m.spec(), kv);
    }

    /** A lab host: no systemd (unscripted), the running name and the file differ. */
    private static ScriptedHost lab() {
        return new ScriptedHost().answer("hostname", 0, "node8\n").file("/etc/hostname", "localhost.localdomain\n", 0644);
    }

    @Test
    void withoutSystemd_setsRunningNameThenFile_inOneRoundTrip() {
        ScriptedHost h = lab();
        Change c = m.plan(params("name", "k8s-master"), h);
        assertThat(c.diffs()).extracting(Diff::subject, Diff::before, Diff::after).containsExactly(
                org.assertj.core.groups.Tuple.tuple("hostname (running)", "node8", "k8s-master"),
                org.assertj.core.groups.Tuple.tuple("/etc/hostname", "localhost.localdomain", "k8s-master"));
        assertThat(c.steps()).hasSize(2);
        assertThat(((Step.Run) c.steps().get(0)).argv()).containsExactly("hostname", "k8s-master");
        assertThat(c.steps().get(1)).isInstanceOfSatisfying(Step.WriteFile.class, w -> {
            assertThat(w.path()).isEqualTo("/etc/hostname");
            assertThat(new String(w.content(), StandardCharsets.UTF_8)).isEqualTo("k8s-master\n");
        });
        assertThat(h.roundTrips()).containsExactly(3);
        assertThat(c.outputs()).containsEntry("hostname_strategy", "generic");
    }

    @Test
    void afterApply_planIsNone() {
        ScriptedHost h = lab().answer("hostname", 0, "k8s-master\n").file("/etc/hostname", "k8s-master\n", 0644);
        assertThat(m.plan(params("name", "k8s-master"), h).isNone()).isTrue();
    }

    @Test
    void onlyFileDiffers_onlyFileIsWritten() {
        ScriptedHost h = lab().answer("hostname", 0, "k8s-master\n");
        Change c = m.plan(params("name", "k8s-master"), h);
        assertThat(c.steps()).singleElement().isInstanceOf(Step.WriteFile.class);
    }

    @Test
    void missingFile_isCreated() {
        ScriptedHost h = new ScriptedHost().answer("hostname", 0, "k8s-master\n");
        Change c = m.plan(params("name", "k8s-master"), h);
        assertThat(c.diffs()).singleElement().satisfies(d -> assertThat(d.action()).isEqualTo(Diff.Action.CREATE));
    }

    @Test
    void whereSystemdRuns_hostnamectlSetsBoth() {
        ScriptedHost h = lab().answer(HostnameModule.SYSTEMD, 0, "");
        Change c = m.plan(params("name", "k8s-master"), h);
        assertThat(c.diffs()).hasSize(2);
        assertThat(c.steps()).singleElement().isInstanceOfSatisfying(Step.Run.class,
                r -> assertThat(r.argv()).containsExactly("hostnamectl", "set-hostname", "k8s-master"));
    }

    @Test
    void useGeneric_ignoresSystemd() {
        ScriptedHost h = lab().answer(HostnameModule.SYSTEMD, 0, "");
        assertThat(m.plan(params("name", "k8s-master", "use", "generic"), h).steps()).hasSize(2);
    }

    @Test
    void fqdn_isAccepted() {
        ScriptedHost h = lab();
        assertThat(m.plan(params("name", "k8s-master.example.com"), h).diffs()).hasSize(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a b", "a\nb", "node8\n", "-n", "a;touch /tmp/canary", "$(id)", "a_b", "", "x.", "n\u00e9",
            "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})
    void hostileOrInvalidNames_areRejectedBeforeAnyProbe(String name) {
        ScriptedHost h = lab();
        assertThatThrownBy(() -> m.plan(params("name", name), h))
                .isInstanceOf(ModuleException.class).hasMessageContaining("invalid host name");
        assertThat(h.asked()).isEmpty();
    }

    @Test
    void rejectionMessage_showsNewlineVisibly() {
        assertThatThrownBy(() -> m.plan(params("name", "a\nb"), lab())).hasMessageContaining("'a\\nb'");
    }
}
