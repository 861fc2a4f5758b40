package dev.rigger.modules.system;

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
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ModprobeModuleTest {
    private static final String BUILTIN = "cat \"/lib/modules/$(uname -r)/modules.builtin\"";
    private final ModprobeModule m = new ModprobeModule();

    private TestParams params(Object... kv) {
        return TestParams.of(m.spec(), kv);
    }

    /** A kernel with module support where nothing interesting is loaded. */
    private static ScriptedHost modular() {
        return new ScriptedHost().file("/proc/modules", "overlay 151552 0 - Live 0x0\n", 0444)
                .answer(BUILTIN, 0, "kernel/fs/ext4/ext4.ko\n").dir("/etc/modules-load.d", 0755).dir("/etc/modprobe.d", 0755);
    }

    private static List<List<String>> runs(Change c) {
        return c.steps().stream().filter(s -> s instanceof Step.Run).map(s -> ((Step.Run) s).argv()).toList();
    }

    private static Map<String, String> writes(Change c) {
        return c.steps().stream().filter(s -> s instanceof Step.WriteFile).map(s -> (Step.WriteFile) s)
                .collect(Collectors.toMap(Step.WriteFile::path, w -> new String(w.content(), StandardCharsets.UTF_8)));
    }

    @Test
    void notLoaded_isLoadedWithParams_andPersisted_inOneRoundTrip() {
        ScriptedHost h = modular();
        Change c = m.plan(params("name", "dummy", "params", "numdummies=2", "persistent", "present"), h);
        assertThat(runs(c)).containsExactly(List.of("modprobe", "--", "dummy", "numdummies=2"));
        assertThat(writes(c)).containsExactlyInAnyOrderEntriesOf(Map.of(
                "/etc/modules-load.d/dummy.conf", "dummy\n", "/etc/modprobe.d/dummy.conf", "options dummy numdummies=2\n"));
        assertThat(h.roundTrips()).containsExactly(7);
    }

    @Test
    void afterApply_planIsNone() {
        ScriptedHost h = modular().file("/proc/modules", "dummy 16384 0 - Live 0x0\n", 0444)
                .file("/etc/modules-load.d/dummy.conf", "dummy\n", 0644).file("/etc/modprobe.d/dummy.conf", "options dummy numdummies=2\n", 0644);
        assertThat(m.plan(params("name", "dummy", "params", "numdummies=2", "persistent", "present"), h).isNone()).isTrue();
    }

    @Test
    void missingConfigFolder_isCreatedBeforeTheWrite() {
        ScriptedHost h = new ScriptedHost().dir("/proc/sys/net/bridge", 0555).dir("/etc/modules-load.d", 0755);
        Change c = m.plan(params("name", "br_netfilter", "params", "x=1", "persistent", "present"), h);
        assertThat(c.steps()).hasSize(3);
        assertThat(((Step.Run) c.steps().get(1)).argv()).containsExactly("mkdir", "-p", "--", "/etc/modprobe.d");
        assertThat(((Step.WriteFile) c.steps().get(2)).path()).isEqualTo("/etc/modprobe.d/br_netfilter.conf");
    }

    @Test
    void dashAndUnderscore_areTheSameModule() {
        ScriptedHost h = modular().file("/proc/modules", "nf_conntrack 1 0 - Live 0x0\n", 0444);
        assertThat(m.plan(params("name", "nf-conntrack"), h).isNone()).isTrue();
    }

    @Test
    void builtIn_byModulesBuiltin_bySysModule_orByBridgeSysctls_isNeverLoaded() {
        assertThat(m.plan(params("name", "br_netfilter"), modular().answer(BUILTIN, 0, "kernel/net/bridge/br_netfilter.ko\n")).isNone()).isTrue();
        assertThat(m.plan(params("name", "bridge"), modular().dir("/sys/module/bridge", 0755)).isNone()).isTrue();
        ScriptedHost noModules = new ScriptedHost().dir("/proc/sys/net/bridge", 0555).dir("/etc/modules-load.d", 0755);
        Change c = m.plan(params("name", "br_netfilter", "persistent", "present"), noModules);
        assertThat(runs(c)).isEmpty();
        assertThat(writes(c)).containsOnlyKeys("/etc/modules-load.d/br_netfilter.conf");
    }

    @Test
    void brNetfilterNotLoaded_isLoaded() {
        assertThat(runs(m.plan(params("name", "br_netfilter"), modular()))).containsExactly(List.of("modprobe", "--", "br_netfilter"));
    }

    @Test
    void absent_loaded_isUnloaded_builtIn_fails_missing_isNone() {
        ScriptedHost loaded = modular().file("/proc/modules", "dummy 1 0 - Live 0x0\n", 0444);
        assertThat(runs(m.plan(params("name", "dummy", "state", "absent"), loaded))).containsExactly(List.of("modprobe", "-r", "--", "dummy"));
        assertThatThrownBy(() -> m.plan(params("name", "bridge", "state", "absent"), modular().dir("/sys/module/bridge", 0755)))
                .hasMessageContaining("built into the kernel");
        assertThat(m.plan(params("name", "dummy", "state", "absent"), modular()).isNone()).isTrue();
    }

    @Test
    void persistentAbsent_removesBothFiles() {
        ScriptedHost h = modular().file("/proc/modules", "dummy 1 0 - Live 0x0\n", 0444)
                .file("/etc/modules-load.d/dummy.conf", "dummy\n", 0644).file("/etc/modprobe.d/dummy.conf", "options dummy a=1\n", 0644);
        assertThat(runs(m.plan(params("name", "dummy", "persistent", "absent"), h))).containsExactly(
                List.of("rm", "-f", "--", "/etc/modules-load.d/dummy.conf"), List.of("rm", "-f", "--", "/etc/modprobe.d/dummy.conf"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"br_netfilter; touch /tmp/canary", "../../tmp/x", "-r", "a b", "a\nb", "$(id)", ""})
    void hostileNames_areRejectedBeforeAnyProbe(String name) {
        ScriptedHost h = modular();
        assertThatThrownBy(() -> m.plan(params("name", name), h)).isInstanceOf(ModuleException.class)
                .hasMessageContaining("invalid module name");
        assertThat(h.asked()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-r", "--first-time"})
    void hostileParams_areRejected(String p) {
        assertThatThrownBy(() -> m.plan(params("name", "dummy", "params", p), modular())).isInstanceOf(ModuleException.class);
    }

    @Test
    void paramsOnSeveralLines_areRefusedByTheSpec() {
        assertThat(ModuleTester.of(m).problems(Map.of("name", "dummy", "params", "a=1\nb=2")))
                .containsExactly("argument 'params' of module 'modprobe' must be one line, got 'a=1\\nb=2'");
    }

    @Test
    void shellCharactersInParams_stayLiteralWords() {
        Change c = m.plan(params("name", "dummy", "params", "a=$(id) b=`x`;y"), modular());
        assertThat(runs(c)).containsExactly(List.of("modprobe", "--", "dummy", "a=$(id)", "b=`x`;y"));
    }
}
