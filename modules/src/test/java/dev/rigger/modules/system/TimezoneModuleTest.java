package dev.rigger.modules.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import dev.rigger.testkit.TestParams;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class TimezoneModuleTest {
    private static final String BERLIN = "/usr/share/zoneinfo/Europe/Berlin";
    private final TimezoneModule m = new TimezoneModule();

    private TestParams params(Object... kv) {
        return TestParams.of(m.spec(), kv);
    }

    /** A Debian host without systemd as PID 1 (timedatectl fails), /etc/timezone saying {@code tz}, /etc/localtime linked to {@code link}. */
    private static ScriptedHost debian(String tz, String link) {
        ScriptedHost h = new ScriptedHost().answer("timedatectl status", 1, "")
                .answer(TimezoneModule.TOOLS, 0, "timedatectl=/usr/bin/timedatectl\ndpkg-reconfigure=/usr/sbin/dpkg-reconfigure\nhwclock=/usr/sbin/hwclock\n")
                .answer("test -f " + BERLIN, 0, "").answer("test -f /usr/share/zoneinfo/Mars/Base", 1, "")
                .answer("test -e /etc/localtime", 0, "").answer("cmp -s -- /etc/localtime " + BERLIN, 1, "");
        if (tz != null) h.file("/etc/timezone", tz, 0644);
        if (link != null) h.link("/etc/localtime", link);
        return h;
    }

    private static String written(Change c, String path) {
        return c.steps().stream().filter(s -> s instanceof Step.WriteFile w && w.path().equals(path))
                .map(s -> new String(((Step.WriteFile) s).content(), StandardCharsets.UTF_8)).findFirst().orElse(null);
    }

    private static List<List<String>> runs(Change c) {
        return c.steps().stream().filter(s -> s instanceof Step.Run).map(s -> ((Step.Run) s).argv()).toList();
    }

    @Test
    void debian_newZone_rewritesTimezone_linksLocaltime_reconfiguresTzdata() {
        Change c = ModuleTester.of(m).plan(Map.of("name", "Europe/Berlin"), debian("# note\nEtc/UTC\nEtc/Old\n", "/usr/share/zoneinfo/Etc/UTC"));
        // Ansible's pattern ^([^\s]+) finds a comment line too: it is the "zone" before, and deleted
        assertThat(written(c, "/etc/timezone")).isEqualTo("Europe/Berlin\n");
        assertThat(runs(c)).containsExactly(List.of("ln", "-sf", BERLIN, "/etc/localtime"), List.of("dpkg-reconfigure", "--frontend", "noninteractive", "tzdata"));
        assertThat(c.outputs()).containsEntry("msg", "Added 1 line and deleted 3 line(s) on /etc/timezone")
                .containsEntry("diff", Map.of("before", Map.of("name", "#"), "after", Map.of("name", "Europe/Berlin")));
    }

    @Test
    void debian_zoneRightInBothPlaces_isNone_elseTheLinkDecides() {
        assertThat(m.plan(params("name", "Europe/Berlin"), debian("Europe/Berlin\n", BERLIN)).isNone()).isTrue();
        assertThat(m.plan(params("name", "Europe/Berlin"), debian("Europe/Berlin\n", "/usr/share/zoneinfo/Etc/UTC")).diffs())
                .singleElement().satisfies(d -> assertThat(d.before()).isEqualTo("Etc/UTC"));
        assertThat(m.plan(params("name", "Europe/Berlin"), debian("Europe/Berlin\n", "/somewhere/else")).diffs())
                .singleElement().satisfies(d -> assertThat(d.before()).isEqualTo("n/a"));
        ScriptedHost copied = debian("Europe/Berlin\n", null).answer("cmp -s -- /etc/localtime " + BERLIN, 0, "");
        copied.file("/etc/localtime", "TZif", 0644);
        assertThat(m.plan(params("name", "Europe/Berlin"), copied).isNone()).isTrue();
        assertThat(m.plan(params("name", "Europe/Berlin"), debian(null, BERLIN)).diffs())
                .singleElement().satisfies(d -> assertThat(d.before()).isEqualTo("n/a"));
    }

    @Test
    void hwclock_readsRcSThenAdjtime_andSetsBoth() {
        ScriptedHost utc = debian(null, null).file("/etc/default/rcS", "UTC=yes\n", 0644);
        assertThat(m.plan(params("hwclock", "UTC"), utc).isNone()).isTrue();
        utc.file("/etc/adjtime", "0.0 0 0.0\n0\nLOCAL\n", 0644);
        Change c = m.plan(params("hwclock", "UTC"), utc);
        assertThat(c.diffs()).singleElement().satisfies(d -> assertThat(d.before()).isEqualTo("local"));
        assertThat(written(c, "/etc/default/rcS")).isEqualTo("UTC=yes\n");
        assertThat(runs(c)).containsExactly(List.of("/usr/sbin/hwclock", "--systohc", "--utc"));
        assertThat(c.outputs().get("msg")).isEqualTo("Added 1 line and deleted 1 line(s) on /etc/default/rcS\nexecuted `/usr/sbin/hwclock --systohc --utc`");
    }

    @Test
    void systemd_usesTimedatectl() {
        ScriptedHost h = new ScriptedHost().answer("timedatectl status", 0, "      Time zone: Etc/UTC (UTC, +0000)\n RTC in local TZ: no\n")
                .answer(TimezoneModule.TOOLS, 0, "timedatectl=/usr/bin/timedatectl\ndpkg-reconfigure=\nhwclock=/usr/sbin/hwclock\n")
                .answer("test -f " + BERLIN, 0, "");
        Change c = m.plan(params("name", "Europe/Berlin", "hwclock", "local"), h);
        assertThat(runs(c)).containsExactly(List.of("/usr/bin/timedatectl", "set-local-rtc", "yes"), List.of("/usr/bin/timedatectl", "set-timezone", "Europe/Berlin"));
        assertThat(c.steps()).noneMatch(s -> s instanceof Step.WriteFile);
    }

    @Test
    void unknownZone_andHostWithoutEitherWay_areRefused() {
        assertThatThrownBy(() -> m.plan(params("name", "Mars/Base"), debian(null, null))).isInstanceOf(ModuleException.class)
                .hasMessage("given timezone \"Mars/Base\" is not available");
        ScriptedHost redhat = new ScriptedHost().answer("timedatectl status", 127, "").answer(TimezoneModule.TOOLS, 0, "timedatectl=\ndpkg-reconfigure=\nhwclock=\n")
                .answer("test -f " + BERLIN, 0, "");
        assertThatThrownBy(() -> m.plan(params("name", "Europe/Berlin"), redhat)).hasMessageContaining("neither a working timedatectl nor dpkg-reconfigure");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../../etc/passwd", "Europe/../../x", "/etc/passwd", "-x", "Europe/Berlin; id", "$(id)", "a b", "Europe/Berlin\n"})
    void hostileNames_areRefusedBeforeAnyProbe(String name) {
        ScriptedHost h = debian(null, null);
        assertThatThrownBy(() -> m.plan(params("name", name), h)).isInstanceOf(ModuleException.class);
        assertThat(h.asked()).isEmpty();
    }

    @Test
    void nameOrHwclockIsRequired() {
        assertThat(ModuleTester.of(m).problems(Map.of())).isNotEmpty();
    }
}
