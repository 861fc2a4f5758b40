package dev.rigger.modules.system;

import java.util.Map;
import dev.rigger.testkit.ModuleTester;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.testkit.ScriptedHost;
import dev.rigger.testkit.TestParams;
import dev.rigger.spi.Change;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Step;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SysctlModuleTest {
    private static final String KEY = "net.ipv4.ip_forward";
    private static final String FILE = "/etc/sysctl.d/99-sysctl.conf";
    private final SysctlModule m = new SysctlModule();

    private TestParams params(Object... kv) {
        return TestParams.of(m.spec(), kv);
    }

    /** A host whose default file is a plain file with {@code content} (null: absent) and whose kernel says {@code running}. */
    private static ScriptedHost host(String content, String running) {
        ScriptedHost h = new ScriptedHost().answer("readlink -f -- " + FILE, 0, FILE + "\n");
        if (content != null) h.file(FILE, content, 0644);
        if (running != null) h.answer("sysctl -n " + KEY, 0, running + "\n");
        else h.answer("sysctl -n " + KEY, 255, "");
        return h;
    }

    private static String written(Change c) {
        return c.steps().stream().filter(s -> s instanceof Step.WriteFile).map(s -> new String(((Step.WriteFile) s).content(), StandardCharsets.UTF_8))
                .findFirst().orElse(null);
    }

    private static List<List<String>> runs(Change c) {
        return c.steps().stream().filter(s -> s instanceof Step.Run).map(s -> ((Step.Run) s).argv()).toList();
    }

    /** State in (file, running value), change out (file written, sysctl -w or not). */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "NULL", textBlock = """
        missing file, kernel 0     | NULL                                  | 0 | net.ipv4.ip_forward=1\\n                            | true
        other keys kept, appended  | # c\\nvm.swappiness=10\\n              | 0 | # c\\nvm.swappiness=10\\nnet.ipv4.ip_forward=1\\n   | true
        old value replaced in place| a=1\\nnet.ipv4.ip_forward = 0\\nb=2\\n | 0 | a=1\\nnet.ipv4.ip_forward=1\\nb=2\\n               | true
        duplicates dropped         | net.ipv4.ip_forward=0\\nnet.ipv4.ip_forward=1\\n | 1 | net.ipv4.ip_forward=1\\n                  | false
        file right, kernel wrong   | net.ipv4.ip_forward = 1\\n            | 0 | NULL                                               | true
        file wrong, kernel right   | net.ipv4.ip_forward=0\\n              | 1 | net.ipv4.ip_forward=1\\n                            | false
        both right (spacing kept)  | net.ipv4.ip_forward = 1\\n            | 1 | NULL                                               | false
        slash form counts          | net/ipv4/ip_forward=1\\n              | 1 | NULL                                               | false
        commented line ignored     | #net.ipv4.ip_forward=1\\n             | 1 | #net.ipv4.ip_forward=1\\nnet.ipv4.ip_forward=1\\n   | false
        """)
    void present_table(String scenario, String file, String running, String wantFile, boolean wantLive) {
        Change c = m.plan(params("name", KEY, "value", "1"), host(unescape(file), running));
        assertThat(written(c)).isEqualTo(unescape(wantFile));
        assertThat(runs(c)).isEqualTo(wantLive ? List.of(List.of("sysctl", "-w", KEY + "=1")) : List.of());
    }

    @Test
    void present_inOneRoundTrip_andNoneOnceApplied() {
        ScriptedHost h = host("# c\n", "0");
        Change c = m.plan(params("name", KEY, "value", "1"), h);
        assertThat(h.roundTrips()).containsExactly(3);
        h.file(FILE, written(c), 0644).answer("sysctl -n " + KEY, 0, "1\n");
        assertThat(m.plan(params("name", KEY, "value", "1"), h).isNone()).isTrue();
    }

    @Test
    void symlinkedFile_isEditedThroughTheLink() {
        ScriptedHost h = host(null, "1").answer("readlink -f -- " + FILE, 0, "/etc/sysctl.conf\n").file("/etc/sysctl.conf", "x=1\n", 0644);
        h.file(FILE, "x=1\n", 0644);
        Change c = m.plan(params("name", KEY, "value", "1"), h);
        assertThat(c.steps()).singleElement().isInstanceOfSatisfying(Step.WriteFile.class,
                w -> assertThat(w.path()).isEqualTo("/etc/sysctl.conf"));
    }

    @Test
    void reloadFalse_neverAsksOrSetsTheKernel() {
        ScriptedHost h = host(null, "0");
        Change c = m.plan(params("name", KEY, "value", "1", "reload", false), h);
        assertThat(runs(c)).isEmpty();
        assertThat(h.roundTrips()).containsExactly(2);
    }

    @Test
    void sysctlSet_withReloadFalse_stillComparesAndSetsTheKernel_asAnsible() {
        ScriptedHost h = host("net.ipv4.ip_forward=1\n", "0");
        Change c = m.plan(params("name", KEY, "value", "1", "reload", false, "sysctl_set", true), h);
        assertThat(runs(c)).containsExactly(List.of("sysctl", "-w", "net.ipv4.ip_forward=1"));
        assertThat(written(c)).isNull();
        assertThat(m.plan(params("name", KEY, "value", "1", "reload", false, "sysctl_set", true), host("net.ipv4.ip_forward=1\n", "1")).isNone()).isTrue();
    }

    @Test
    void multiWordValue_comparesWhitespaceInsensitively() {
        ScriptedHost h = new ScriptedHost().answer("readlink -f -- " + FILE, 0, FILE).file(FILE, "net.ipv4.tcp_rmem = 4096  87380 6291456\n", 0644)
                .answer("sysctl -n net.ipv4.tcp_rmem", 0, "4096\t87380\t6291456\n");
        assertThat(m.plan(params("name", "net.ipv4.tcp_rmem", "value", "4096 87380 6291456"), h).isNone()).isTrue();
    }

    @Test
    void keyNotInKernelYet_plansTheWriteAndSaysSo() {
        Change c = m.plan(params("name", KEY, "value", "1"), host(null, null));
        assertThat(c.diffs()).anySatisfy(d -> assertThat(d.before()).isEqualTo("(no such key)"));
    }

    @Test
    void missingFolder_isCreatedFirst() {
        ScriptedHost h = new ScriptedHost().answer("sysctl -n " + KEY, 0, "1");
        Change c = m.plan(params("name", KEY, "value", "1", "sysctl_file", "/etc/sysctl.d/new/k8s.conf"), h);
        assertThat(runs(c)).containsExactly(List.of("mkdir", "-p", "--", "/etc/sysctl.d/new"));
        assertThat(c.steps().get(1)).isInstanceOf(Step.WriteFile.class);
    }

    @Test
    void absent_removesTheLine_leavesKernelAlone_andMissingFileIsNone() {
        Change c = m.plan(params("name", KEY, "state", "absent"), host("a=1\nnet.ipv4.ip_forward=1\n", "1"));
        assertThat(written(c)).isEqualTo("a=1\n");
        assertThat(runs(c)).isEmpty();
        assertThat(m.plan(params("name", KEY, "state", "absent"), host(null, "1")).isNone()).isTrue();
        assertThat(m.plan(params("name", KEY, "state", "absent"), host("a=1\n", "1")).isNone()).isTrue();
    }

    @Test
    void present_withoutValue_isRefusedByTheSpec() {
        ModuleTester t = ModuleTester.of(m);
        assertThat(t.problems(Map.of("name", KEY))).containsExactly("module 'sysctl': state=present needs value (missing: value)");
        assertThat(t.problems(Map.of("name", KEY, "value", " "))).containsExactly("argument 'value' of module 'sysctl' must not be empty");
        assertThat(t.problems(Map.of("name", KEY, "state", "absent"))).isEmpty();
        assertThat(t.problems(Map.of("name", KEY, "value", "1", "sysctl_file", "sysctl.conf")))
                .containsExactly("argument 'sysctl_file' of module 'sysctl' must be an absolute path, got 'sysctl.conf'");
    }

    @ParameterizedTest
    @ValueSource(strings = {"net/../../etc/passwd", "net/ipv4/ip_forward", "net..ipv4", ".net", "net.", "-w", "-p/etc/x",
            "net.ipv4 ip_forward", "net.ipv4\nip_forward", "a;touch /tmp/canary", "$(id)"})
    void hostileNames_areRejectedBeforeAnyProbe(String name) {
        ScriptedHost h = host(null, "0");
        assertThatThrownBy(() -> m.plan(params("name", name, "value", "1"), h))
                .isInstanceOf(ModuleException.class).hasMessageContaining("invalid sysctl name");
        assertThat(h.asked()).isEmpty();
    }

    @Test
    void valueWithNewline_isRefusedByTheSpec() {
        assertThat(ModuleTester.of(m).problems(Map.of("name", KEY, "value", "1\nkernel.panic=1")))
                .containsExactly("argument 'value' of module 'sysctl' must be one line, got '1\\nkernel.panic=1'");
    }

    @Test
    void shellCharactersInValue_stayLiteral() {
        String v = "1 $(touch /tmp/canary) `id`;x";
        Change c = m.plan(params("name", KEY, "value", v), host(null, "0"));
        assertThat(runs(c)).containsExactly(List.of("sysctl", "-w", KEY + "=" + v));
        assertThat(written(c)).isEqualTo(KEY + "=" + v + "\n");
    }

    private static String unescape(String s) {
        return s == null ? null : s.replace("\\n", "\n");
    }

    @Test
    void ignoreerrors_persistsAKeyTheKernelDoesNotKnow_withoutSettingIt() {
        Change c = m.plan(params("name", KEY, "value", "1", "ignoreerrors", true), host("", null));
        assertThat(written(c)).isEqualTo(KEY + "=1\n");
        assertThat(runs(c)).isEmpty();
        assertThat(runs(m.plan(params("name", KEY, "value", "1"), host("", null)))).containsExactly(List.of("sysctl", "-w", KEY + "=1"));
    }
}
