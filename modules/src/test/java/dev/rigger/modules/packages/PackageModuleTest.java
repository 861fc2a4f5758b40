package dev.rigger.modules.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.modules.facts.PackageManagerFact;
import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Probe;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PackageModuleTest {
    private static final String FACT = ((Probe.Shell) PackageManagerFact.probe()).script();
    private static final String DEBIAN = "\n@@@@DISTRIBUTION\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
            + "VERSION_ID=\"12\"\nID=debian\n\n@@@\n12.10\n\n@@@\n\n@@@@PKG_MGR\n/usr/bin/dnf\n/usr/bin/apt-get\n";
    private static final String ROCKY = "\n@@@@DISTRIBUTION\nNAME=\"Rocky Linux\"\nVERSION_ID=\"9.3\"\nID=\"rocky\"\nID_LIKE=\"rhel centos fedora\"\n"
            + "\n@@@\n\n@@@\nRocky Linux release 9.3 (Blue Onyx)\n\n@@@@PKG_MGR\n/usr/bin/yum\n/usr/bin/dnf\n";
    private static final String FORMAT = "${Package}\t${Architecture}\t${Version}\t${Status}\n";
    private static final String POLICY = "rdhello:\n  Installed: (none)\n  Candidate: 2.0-1\n  Version table:\n     2.0-1 500\n        500 file:/r ./ Packages\n";
    private final ModuleTester tester = ModuleTester.of(new PackageModule());

    private static ScriptedHost debian() {
        return new ScriptedHost().answer(FACT, 0, DEBIAN).answer("dpkg-query -W -f " + FORMAT + " -- rdhello", 1, "")
                .answer("env LC_ALL=C apt-cache policy -- rdhello", 0, POLICY);
    }

    @Test
    void onDebian_isApt_withApsDefaults_factFirstThenAptsRoundTrip() {
        ScriptedHost h = debian();
        Change c = tester.plan(Map.of("name", List.of("rdhello"), "state", "present"), h);
        assertThat(c.diffs()).containsExactly(Diff.create("package rdhello", "2.0-1"));
        assertThat(((Step.Run) c.steps().get(0)).argv()).contains("apt-get", "-o", "Dpkg::Options::=--force-confdef").endsWith("--", "rdhello=2.0-1");
        assertThat(h.roundTrips()).containsExactly(1, 2);
    }

    @Test
    void onRocky_isDnf_andAptsParametersAreRefused_namingBoth() {
        ScriptedHost h = new ScriptedHost().answer(FACT, 0, ROCKY).answer("rpm -qa --qf " + Dnf.RPM_FORMAT, 0, "")
                .answer("uname -m", 0, "x86_64\n").answer("cat /etc/yum.repos.d/*.repo 2>/dev/null; true", 0, "[base]\n")
                .answer("command -v dnf || { command -v yum; command -v repoquery; }", 0, "/usr/bin/dnf\n");
        Change c = tester.plan(Map.of("name", List.of("nginx")), h);
        assertThat(((Step.Run) c.steps().get(0)).argv()).containsExactly("dnf", "-y", "install", "--", "nginx");
        assertThatThrownBy(() -> tester.plan(Map.of("name", List.of("nginx"), "install_recommends", false), h))
                .isInstanceOf(ModuleException.class).hasMessageStartingWith("install_recommends is not a parameter of dnf, the module package uses on this host");
    }

    @Test
    void aStateTheHostsModuleLacks_isRefusedWithItsChoices() {
        assertThatThrownBy(() -> tester.plan(Map.of("name", List.of("rdhello"), "state", "installed"), debian()))
                .isInstanceOf(ModuleException.class).hasMessageContaining("package (using apt)").hasMessageContaining("must be one of");
    }

    @Test
    void useNamesTheModule_withoutAskingTheHost() {
        ScriptedHost h = debian();
        tester.plan(Map.of("name", List.of("rdhello"), "use", "apt"), h);
        assertThat(h.asked()).noneMatch(p -> p instanceof Probe.Shell s && s.script().equals(FACT));
        assertThat(tester.problems(Map.of("name", "x", "use", "zypper"))).singleElement().asString().contains("must be one of");
    }

    @Test
    void anUnknownPackageManager_isRefusedSayingWhatToDo() {
        ScriptedHost h = new ScriptedHost().answer(FACT, 0, "\n@@@@DISTRIBUTION\nID=alpine\n\n@@@\n\n@@@\n\n@@@@PKG_MGR\n/sbin/apk\n");
        assertThatThrownBy(() -> tester.plan(Map.of("name", List.of("x")), h)).hasMessageContaining("'apk'").hasMessageContaining("use:");
    }

    @Test
    void hostileNames_stillRefusedByTheTarget() {
        assertThatThrownBy(() -> tester.plan(Map.of("name", List.of("$(touch /tmp/x)")), debian())).isInstanceOf(ModuleException.class);
    }

    @Test
    void registered_withTheParametersOfBothModules() {
        tester.assertRegistered();
        assertThat(new PackageModule().spec().find("enablerepo")).isPresent();
        assertThat(new PackageModule().spec().find("install_recommends")).isPresent();
        assertThat(new PackageModule().aliases()).contains("ansible.builtin.package");
    }
}
