package dev.rigger.modules.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.testkit.ScriptedHost;
import dev.rigger.testkit.TestParams;
import dev.rigger.spi.Change;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Probe;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TemplateModuleTest {
    private final TemplateModule m = new TemplateModule();

    /** TestParams "renders" a template as its text: the engine's rendering is tested there. */
    private TestParams params(String rendered, Object... kv) {
        return TestParams.of(m.spec(), kv).localFile("hosts.j2", rendered);
    }

    @Test
    void rendered_isWritten_thenConverges() {
        ScriptedHost h = new ScriptedHost().dir("/etc", 0755).file("/etc/hosts", "127.0.0.1 localhost\n", 0644);
        TestParams p = params("127.0.0.1 localhost\n172.16.10.189 k8s-master\n", "src", "hosts.j2", "dest", "/etc/hosts", "backup", true);
        Change c = m.plan(p, h);
        assertThat(c.diffs().get(0).after()).endsWith("k8s-master\n");
        assertThat(FileSteps.write(c).backup()).isTrue();
        FileSteps.apply(h, c);
        assertThat(m.plan(p, h).isNone()).isTrue();
    }

    @Test
    void renderedEqualsTarget_nothingRead() {
        ScriptedHost h = new ScriptedHost().dir("/etc", 0755).file("/etc/hosts", "x\n", 0644);
        assertThat(m.plan(params("x\n", "src", "hosts.j2", "dest", "/etc/hosts"), h).isNone()).isTrue();
        assertThat(h.asked()).noneMatch(Probe.Read.class::isInstance);
    }

    @Test
    void intoAFolder_keepsTheTemplatesName() {
        ScriptedHost h = new ScriptedHost().dir("/etc", 0755);
        Change c = m.plan(params("x", "src", "hosts.j2", "dest", "/etc"), h);
        assertThat(FileSteps.write(c).path()).isEqualTo("/etc/hosts.j2");
    }

    @Test
    void hostileRenderedText_isData() {
        String text = "$(touch /tmp/canary) `id`; \"'\n";
        Change c = m.plan(params(text, "src", "hosts.j2", "dest", "/etc/x"), new ScriptedHost().dir("/etc", 0755));
        assertThat(new String(FileSteps.write(c).content(), StandardCharsets.UTF_8)).isEqualTo(text);
    }

    @Test
    void missingTemplate_failsWithTheEnginesMessage() {
        assertThatThrownBy(() -> m.plan(TestParams.of(m.spec(), "src", "nope.j2", "dest", "/etc/x"), new ScriptedHost()))
                .isInstanceOf(ModuleException.class).hasMessageContaining("nope.j2");
    }
}
