package dev.rigger.modules.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.testkit.ScriptedHost;
import dev.rigger.testkit.TestParams;
import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.Step;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SwapModuleTest {
    private static final String HEADER = "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n";
    private static final String LAB_FSTAB = """
            # /etc/fstab (lab seed)
            # swap was on /dev/sda5 during installation
            /dev/mapper/cl-root     /                       xfs     defaults        0 0
            /dev/mapper/cl-swap     swap                    swap    defaults        0 0
            UUID=1234 none swap sw 0 0
            """;
    private static final String LAB_FSTAB_OFF = """
            # /etc/fstab (lab seed)
            # swap was on /dev/sda5 during installation
            /dev/mapper/cl-root     /                       xfs     defaults        0 0
            #/dev/mapper/cl-swap     swap                    swap    defaults        0 0
            #UUID=1234 none swap sw 0 0
            """;
    private final SwapModule m = new SwapModule();

    private TestParams params(Object... kv) {
        return TestParams.of(m.spec(), kv);
    }

    private static ScriptedHost host(String fstab, String swaps) {
        return new ScriptedHost().file("/etc/fstab", fstab, 0644).file("/proc/swaps", HEADER + swaps, 0444);
    }

    private static String written(Change c) {
        return c.steps().stream().filter(s -> s instanceof Step.WriteFile)
                .map(s -> new String(((Step.WriteFile) s).content(), StandardCharsets.UTF_8)).findFirst().orElse(null);
    }

    private static List<List<String>> runs(Change c) {
        return c.steps().stream().filter(s -> s instanceof Step.Run).map(s -> ((Step.Run) s).argv()).toList();
    }

    @Test
    void off_noActiveSwap_onlyCommentsOutEntries_keepingProse() {
        ScriptedHost h = host(LAB_FSTAB, "");
        Change c = m.plan(params("state", "off"), h);
        assertThat(written(c)).isEqualTo(LAB_FSTAB_OFF);
        assertThat(runs(c)).isEmpty();
        assertThat(c.diffs()).singleElement().satisfies(d -> assertThat(d.subject()).isEqualTo("/etc/fstab"));
        assertThat(h.roundTrips()).containsExactly(2);
    }

    @Test
    void off_activeSwap_swapoffFirst_andDiffNamesTheDevices() {
        Change c = m.plan(params("state", "off"), host(LAB_FSTAB, "/dev/dm-1 partition 2097148 0 -2\n"));
        assertThat(c.steps().get(0)).isInstanceOfSatisfying(Step.Run.class, r -> assertThat(r.argv()).containsExactly("swapoff", "-a"));
        assertThat(c.diffs().get(0)).extracting(Diff::before, Diff::after).containsExactly("/dev/dm-1", "none");
    }

    @Test
    void off_applied_isNone() {
        assertThat(m.plan(params("state", "off"), host(LAB_FSTAB_OFF, "")).isNone()).isTrue();
    }

    @Test
    void on_uncommentsOnlyEntries_andSwapsOn() {
        Change c = m.plan(params("state", "on"), host(LAB_FSTAB_OFF, ""));
        assertThat(written(c)).isEqualTo(LAB_FSTAB);
        assertThat(runs(c)).containsExactly(List.of("swapon", "-a"));
    }

    @Test
    void on_applied_isNone() {
        assertThat(m.plan(params("state", "on"), host(LAB_FSTAB, "/dev/dm-1 partition 2097148 0 -2\n")).isNone()).isTrue();
    }

    @Test
    void on_withoutAnySwapEntry_fails() {
        assertThatThrownBy(() -> m.plan(params("state", "on"), host("/dev/sda1 / ext4 defaults 0 1\n", "")))
                .hasMessageContaining("no swap entry");
    }
}
