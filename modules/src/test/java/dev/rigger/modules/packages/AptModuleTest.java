package dev.rigger.modules.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import dev.rigger.testkit.TestParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AptModuleTest {
    private static final String FORMAT = "${Package}\t${Architecture}\t${Version}\t${Status}\n";
    private static final String CACHE_TIME = "stat -c %Y /var/lib/apt/periodic/update-success-stamp 2>/dev/null"
            + " || stat -c %Y /var/lib/apt/lists; date +%s";
    private static final String APT = "env DEBIAN_FRONTEND=noninteractive DEBIAN_PRIORITY=critical LC_ALL=C apt-get";
    private static final String DPKG_OPTS = "-o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold -o DPkg::Lock::Timeout=60";
    private static final String HELLO = """
            rdhello:
              Installed: %s
              Candidate: 2.0-1
              Version table:
                 2.0-1 500
                    500 file:/srv/rigger-lab/repo/apt ./ Packages
                 1.1-1 500
                    500 file:/srv/rigger-lab/repo/apt ./ Packages
                 1.0-1 500
                    500 file:/srv/rigger-lab/repo/apt ./ Packages
            """;
    private final AptModule m = new AptModule();

    private TestParams params(Object... kv) {
        return TestParams.of(m.spec(), kv);
    }

    /** A host where dpkg knows {@code dpkgLines} of the named packages and apt-cache answers {@code policy}. */
    private static ScriptedHost host(List<String> names, String dpkgLines, String policy) {
        String n = String.join(" ", names);
        return new ScriptedHost().answer("dpkg-query -W -f " + FORMAT + " -- " + n, dpkgLines.isEmpty() ? 1 : 0, dpkgLines)
                .answer("env LC_ALL=C apt-cache policy -- " + n, 0, policy);
    }

    private static List<String> argv(Change c) {
        assertThat(c.steps()).hasSize(1);
        return ((Step.Run) c.steps().get(0)).argv();
    }

    @Test
    void notInstalled_installsTheCandidate_exactly_inOneRoundTrip() {
        ScriptedHost h = host(List.of("rdhello"), "", HELLO.formatted("(none)"));
        Change c = ModuleTester.of(m).plan(Map.of("name", List.of("rdhello")), h); // also: the first probes are the plan's
        assertThat(c.diffs()).containsExactly(Diff.create("package rdhello", "2.0-1"));
        assertThat(String.join(" ", argv(c))).isEqualTo(APT + " -y " + DPKG_OPTS + " install -- rdhello=2.0-1");
        assertThat(h.roundTrips()).containsExactly(2);
    }

    @Test
    void pinnedGlob_picksTheHighestMatchingVersion() {
        ScriptedHost h = host(List.of("rdhello"), "", HELLO.formatted("(none)"));
        assertThat(argv(m.plan(params("name", List.of("rdhello=1.*")), h))).endsWith("--", "rdhello=1.1-1");
    }

    @Test
    void installed_present_isNone_andLatest_upgrades() {
        String dpkg = "rdhello\tall\t1.1-1\tinstall ok installed\n";
        assertThat(m.plan(params("name", List.of("rdhello")), host(List.of("rdhello"), dpkg, HELLO.formatted("1.1-1"))).isNone()).isTrue();
        Change c = m.plan(params("name", List.of("rdhello"), "state", "latest"), host(List.of("rdhello"), dpkg, HELLO.formatted("1.1-1")));
        assertThat(c.diffs()).containsExactly(Diff.update("package rdhello (upgrade)", "1.1-1", "2.0-1"));
        assertThat(argv(c)).endsWith("install", "--", "rdhello=2.0-1");
    }

    @Test
    void pinnedLowerVersion_isRefusedWithoutAllowDowngrade_andPlannedWithIt() {
        String dpkg = "rdhello\tall\t2.0-1\tinstall ok installed\n";
        assertThatThrownBy(() -> m.plan(params("name", List.of("rdhello=1.1-1")), host(List.of("rdhello"), dpkg, HELLO.formatted("2.0-1"))))
                .isInstanceOf(ModuleException.class).hasMessageContaining("allow_downgrade");
        Change c = m.plan(params("name", List.of("rdhello=1.1-1"), "allow_downgrade", true), host(List.of("rdhello"), dpkg, HELLO.formatted("2.0-1")));
        assertThat(c.diffs()).containsExactly(Diff.update("package rdhello (downgrade)", "2.0-1", "1.1-1"));
        assertThat(argv(c)).containsSubsequence("--allow-downgrades", "install", "--", "rdhello=1.1-1");
    }

    @Test
    void unknownPackage_failsWithAnsiblesMessage_andMissingVersion_withItsOther() {
        assertThatThrownBy(() -> m.plan(params("name", List.of("rdnothing")), host(List.of("rdnothing"), "", "")))
                .hasMessage("No package matching 'rdnothing' is available");
        assertThatThrownBy(() -> m.plan(params("name", List.of("rdhello=9.9")), host(List.of("rdhello"), "", HELLO.formatted("(none)"))))
                .hasMessage("no available installation candidate for rdhello=9.9");
    }

    @Test
    void absent_removesWhatIsInstalled_purgeAlsoConfigFilesLeftBehind() {
        String dpkg = "rdhello\tall\t1.1-1\tinstall ok installed\nrdconf\tall\t1.0-1\tdeinstall ok config-files\n";
        ScriptedHost h = new ScriptedHost().answer("dpkg-query -W -f " + FORMAT + " -- rdhello rdconf rdnone", 1, dpkg);
        Change c = ModuleTester.of(m).plan(Map.of("name", List.of("rdhello", "rdconf", "rdnone"), "state", "absent"), h);
        assertThat(c.diffs()).containsExactly(Diff.delete("package rdhello", "1.1-1"));
        assertThat(String.join(" ", argv(c))).isEqualTo(APT + " -q -y " + DPKG_OPTS + " remove -- rdhello");
        c = m.plan(params("name", List.of("rdhello", "rdconf", "rdnone"), "state", "absent", "purge", true, "autoremove", true), h);
        assertThat(argv(c)).containsSubsequence("--purge", "--auto-remove", "remove", "--", "rdhello", "rdconf");
        assertThat(h.roundTrips()).containsOnly(1);
    }

    @Test
    void absent_withAVersion_removesOnlyThatVersion() {
        String dpkg = "rdhello\tall\t1.1-1\tinstall ok installed\n";
        ScriptedHost h = new ScriptedHost().answer("dpkg-query -W -f " + FORMAT + " -- rdhello", 0, dpkg);
        assertThat(m.plan(params("name", List.of("rdhello=2.0-1"), "state", "absent"), h).isNone()).isTrue();
        assertThat(argv(m.plan(params("name", List.of("rdhello=1.1-1"), "state", "absent"), h))).endsWith("--", "rdhello=1.1-1");
    }

    @Test
    void updateCache_stale_refreshesWhilePlanning_freshEnough_doesNot() {
        ScriptedHost h = host(List.of("rdhello"), "", HELLO.formatted("(none)")).answer(CACHE_TIME, 0, "1000\n5000\n")
                .answer(APT + " -q -o DPkg::Lock::Timeout=60 update", 0, "");
        Change c = m.plan(params("name", List.of("rdhello"), "update_cache", true), h);
        assertThat(argv(c)).endsWith("--", "rdhello=2.0-1");
        assertThat(h.roundTrips()).containsExactly(1, 2, 2);
        ScriptedHost fresh = host(List.of("rdhello"), "", HELLO.formatted("(none)")).answer(CACHE_TIME, 0, "1000\n1500\n");
        m.plan(params("name", List.of("rdhello"), "update_cache", true, "cache_valid_time", 3600), fresh);
        assertThat(fresh.asked().toString()).doesNotContain(" update");
    }

    @Test
    void updateCacheAlone_isAChangeEachTime_unlessFreshEnough() {
        ScriptedHost h = new ScriptedHost().answer(CACHE_TIME, 0, "1000\n5000\n");
        Change c = m.plan(params("update_cache", true), h);
        assertThat(String.join(" ", argv(c))).isEqualTo(APT + " -q -o DPkg::Lock::Timeout=60 update");
        assertThat(c.outputs()).containsEntry("cache_updated", true);
        assertThat(m.plan(params("update_cache", true, "cache_valid_time", 86400), h).isNone()).isTrue();
    }

    @Test
    void installOptions_reachApt() {
        ScriptedHost h = host(List.of("rdhello"), "", HELLO.formatted("(none)"));
        Change c = m.plan(params("name", List.of("rdhello"), "install_recommends", false, "state", "fixed", "force", true,
                "dpkg_options", "force-confnew", "lock_timeout", 5), h);
        assertThat(String.join(" ", argv(c))).isEqualTo(APT + " -y -o Dpkg::Options::=--force-confnew -o DPkg::Lock::Timeout=5"
                + " --fix-broken --force-yes -o APT::Install-Recommends=no install -- rdhello=2.0-1");
    }

    @Test
    void policyRcD_wrapsWhatInstallsOrRemoves_withTheCodeAsAnArgument_notTheRefresh() {
        ScriptedHost h = host(List.of("rdhello"), "", HELLO.formatted("(none)"));
        List<String> argv = argv(m.plan(params("name", List.of("rdhello"), "policy_rc_d", 101), h));
        assertThat(argv.subList(0, 2)).containsExactly("sh", "-c");
        assertThat(argv.get(2)).contains("/usr/sbin/policy-rc.d").contains("\"$@\"").doesNotContain("101");
        assertThat(argv.subList(3, 5)).containsExactly("sh", "101");
        assertThat(String.join(" ", argv.subList(5, argv.size()))).isEqualTo(APT + " -y " + DPKG_OPTS + " install -- rdhello=2.0-1");
        assertThat(m.plan(params("name", List.of("rdhello"), "policy_rc_d", 101), host(List.of("rdhello"),
                "rdhello\tall\t2.0-1\tinstall ok installed\n", HELLO.formatted("2.0-1"))).isNone()).isTrue();
    }

    @Test
    void onlyUpgrade_leavesOutWhatIsNotInstalled() {
        assertThat(m.plan(params("name", List.of("rdhello"), "only_upgrade", true), host(List.of("rdhello"), "", HELLO.formatted("(none)"))).isNone())
                .isTrue();
    }

    @Test
    void deb_installsWhenItsVersionIsNotInstalled_refusesADowngrade() {
        String file = "/srv/debs/rd local $(touch x).deb";
        ScriptedHost h = new ScriptedHost().answer("dpkg-query -W -f " + FORMAT, 0, "bash\tamd64\t5.2\tinstall ok installed\n")
                .answer("dpkg-deb --field " + file + " Package Version", 0, "Package: rdlocal\nVersion: 1.0-1\n");
        Change c = m.plan(params("deb", file), h);
        assertThat(c.diffs()).containsExactly(Diff.create("package rdlocal", "1.0-1"));
        assertThat(argv(c)).endsWith("install", "--", file);
        ScriptedHost newer = new ScriptedHost().answer("dpkg-query -W -f " + FORMAT, 0, "rdlocal\tall\t2.0-1\tinstall ok installed\n")
                .answer("dpkg-deb --field " + file + " Package Version", 0, "Package: rdlocal\nVersion: 1.0-1\n");
        assertThatThrownBy(() -> m.plan(params("deb", file), newer)).hasMessage("A later version is already installed");
        ScriptedHost same = new ScriptedHost().answer("dpkg-query -W -f " + FORMAT, 0, "rdlocal\tall\t1.0-1\tinstall ok installed\n")
                .answer("dpkg-deb --field " + file + " Package Version", 0, "Package: rdlocal\nVersion: 1.0-1\n");
        assertThat(m.plan(params("deb", file), same).isNone()).isTrue();
    }

    @Test
    void autoremoveAlone_removesWhatAptWould() {
        ScriptedHost h = new ScriptedHost().answer(APT + " -s " + DPKG_OPTS + " autoremove", 0, "Remv rdlib [1.0-1]\n");
        Change c = m.plan(params("autoremove", true), h);
        assertThat(c.diffs()).containsExactly(Diff.delete("package rdlib", "no longer needed"));
        assertThat(String.join(" ", argv(c))).isEqualTo(APT + " -y " + DPKG_OPTS + " autoremove");
        assertThat(m.plan(params("autoremove", true), new ScriptedHost().answer(APT + " -s " + DPKG_OPTS + " autoremove", 0, "")).isNone()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-y", "--option=x", "rdhello; touch /root/canary", "$(touch /root/canary)", "`id`", "rd hello",
            "rdhello\nbash", "rdhëllo", "a|b", "/tmp/x.deb", "http://x/y.deb", "rd*", "Rdhello", "rdhello=1.0=2", "rdhello>=1.*"})
    void hostileNames_areRejectedBeforeAnyProbe(String name) {
        ScriptedHost h = new ScriptedHost();
        assertThatThrownBy(() -> m.plan(params("name", List.of(name)), h)).isInstanceOf(ModuleException.class);
        assertThatThrownBy(() -> m.firstProbes(params("name", List.of(name)))).isInstanceOf(ModuleException.class);
        assertThat(h.asked()).isEmpty();
    }

    @Test
    void hostileOptions_areRejected_andUnsupportedOnesRefusedAtLoad() {
        assertThatThrownBy(() -> m.plan(params("name", List.of("rdhello"), "dpkg_options", "force-confold,x;id"), new ScriptedHost()))
                .hasMessageContaining("not a dpkg option name");
        assertThatThrownBy(() -> m.plan(params("name", List.of("rdhello"), "default_release", "x y"), new ScriptedHost()))
                .hasMessageContaining("not a release name");
        assertThatThrownBy(() -> m.plan(params("deb", "/x.deb", "state", "absent"), new ScriptedHost())).hasMessage("deb only supports state=present");
        ModuleTester t = ModuleTester.of(m);
        assertThat(t.problems(Map.of("name", "x", "state", "build-dep"))).singleElement().asString().contains("must be one of");
        assertThat(t.problems(Map.of("upgrade", "dist"))).singleElement().asString().contains("must be one of");
        assertThat(t.problems(Map.of("name", "x", "deb", "/x.deb"))).singleElement().asString().contains("mutually exclusive");
        assertThat(t.problems(Map.of("name", "x", "autoclean", true))).singleElement().asString().contains("unknown argument 'autoclean'");
        assertThat(t.problems(Map.of("name", "x", "policy_rc_d", "101; id"))).singleElement().asString().contains("policy_rc_d");
    }

    @Test
    void registered_andNamedAsAnsible() {
        ModuleTester.of(m).assertRegistered();
        assertThat(m.aliases()).contains("ansible.builtin.apt");
        assertThat(m.spec().find("name").orElseThrow().aliases()).contains("pkg", "package");
        assertThat(new ArrayList<>(m.outputs(params("name", List.of("x")), List.of()).keySet())).isEmpty();
    }
}
