package dev.rigger.modules.facts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.ModuleException;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The managers' own outputs in, python-apt's and the rpm bindings' fields out, from one probe. */
class PackageFactsModuleTest {
    private final ModuleTester tester = ModuleTester.of(new PackageFactsModule());

    private static final String APT = """
            @@@@arch
            amd64
            @@@@dpkg
            ii \tbash\t5.2.15-2+b8\tamd64\tshells
            ii \topenssh-server\t1:9.2p1-2+deb12u10\tamd64\tnet
            ii \tlibc6:amd64\t2.36-9+deb12u13\tamd64\tlibs
            ii \tlibc6:i386\t2.36-9+deb12u13\ti386\tlibs
            rc \told-thing\t1.0\tamd64\tmisc
            ii \trdhello\t1.1-1\tamd64\tmisc
            ii \tdebugedit\t1:5.0-5\tamd64\tdevel
            @@@@files
            Package files:
             100 /var/lib/dpkg/status
                 release a=now
             500 file:/srv/rigger-lab/repo/apt ./ Packages
                 release o=rigger-lab,a=lab,n=lab,l=rigger-lab,c=
             500 http://deb.example/debian-security bookworm-security/main amd64 Packages
                 release v=12,o=Debian,a=stable-security,n=bookworm-security,l=Debian-Security,c=main,b=amd64
                 origin deb.example
            Pinned packages:
            @@@@policy
            bash:
              Installed: 5.2.15-2+b8
              Candidate: 5.2.15-2+b8
              Version table:
             *** 5.2.15-2+b8 100
                    100 /var/lib/dpkg/status
            openssh-server:
              Installed: 1:9.2p1-2+deb12u10
              Candidate: 1:9.2p1-2+deb12u10
              Version table:
                 1:9.2p1-2+deb12u11 500
                    500 file:/srv/rigger-lab/repo/apt ./ Packages
             *** 1:9.2p1-2+deb12u10 500
                    500 http://deb.example/debian-security bookworm-security/main amd64 Packages
                    100 /var/lib/dpkg/status
            rdhello:
              Installed: 1.1-1
              Candidate: 2.0-1
              Version table:
                 2.0-1 500
                    500 file:/srv/rigger-lab/repo/apt ./ Packages
             *** 1.1-1 500
                    500 file:/srv/rigger-lab/repo/apt ./ Packages
                    100 /var/lib/dpkg/status
            @@@@show
            Package: debugedit
            Version: 1:5.0-5
            Architecture: amd64
            Section: admin
            Package: bash
            Version: 5.2.15-2+b8
            Architecture: amd64
            Section: shells
            """;
    private static final String RPM = """
            @@@@rpm
            kubelet\t1.16.2\t0\t(none)\tx86_64
            kernel\t4.18.0\t80.el8\t(none)\tx86_64
            kernel\t4.18.0\t147.el8\t(none)\tx86_64
            docker-ce\t19.03.5\t3.el8\t3\tx86_64
            gpg-pubkey\t8483c65d\t5ccc5b19\t(none)\t(none)
            @@@@rpmrc
            0
            """;

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    @SuppressWarnings("unchecked")
    private Map<String, List<Map<String, Object>>> packages(ScriptedHost host, Object... args) {
        Change c = tester.plan(map(args), host);
        assertThat(c.isNone()).isTrue();
        return (Map<String, List<Map<String, Object>>>) ((Map<String, Object>) c.outputs().get("ansible_facts")).get("packages");
    }

    @Test
    void apt_namesVersionsSectionsAndFirstOrigins_asPythonAptGivesThem_inOneRoundTrip() {
        ScriptedHost host = new ScriptedHost().answer(PackageFactsModule.SCRIPT, 0, APT + RPM);
        var p = packages(host);
        assertThat(p.get("openssh-server")).containsExactly(map("name", "openssh-server", "version", "1:9.2p1-2+deb12u10", "arch", "amd64",
                "category", "net", "origin", "Debian", "source", "apt"));
        assertThat(p.get("bash").get(0)).containsEntry("origin", "").containsEntry("category", "shells");
        assertThat(p.get("rdhello").get(0)).containsEntry("origin", "rigger-lab").containsEntry("version", "1.1-1");
        assertThat(p.get("debugedit").get(0)).as("apt's section, not the .deb's").containsEntry("category", "admin");
        assertThat(p).containsKeys("libc6", "libc6:i386").doesNotContainKeys("old-thing", "libc6:amd64", "kubelet");
        assertThat(host.roundTrips()).hasSize(1);
        tester.assertFirstProbesDeclared(tester.bind(map()), host.asked());
    }

    @Test
    void rpm_fieldsOfTheBindings_epochANumberOrNull_versionsOfOneNameInAList() {
        ScriptedHost host = new ScriptedHost().answer(PackageFactsModule.SCRIPT, 0, APT + RPM);
        var p = packages(host, "manager", List.of("rpm"));
        assertThat(p.get("kubelet")).containsExactly(map("name", "kubelet", "version", "1.16.2", "release", "0", "epoch", null,
                "arch", "x86_64", "source", "rpm"));
        assertThat(p.get("docker-ce").get(0)).containsEntry("epoch", 3L);
        assertThat(p.get("kernel")).extracting(m -> m.get("release")).containsExactly("80.el8", "147.el8");
        assertThat(p.get("gpg-pubkey").get(0)).containsEntry("arch", null);
        assertThat(p).doesNotContainKey("bash");
    }

    @Test
    void strategy_firstReadsOnlyTheFirstUsable_allReadsEvery() {
        ScriptedHost host = new ScriptedHost().answer(PackageFactsModule.SCRIPT, 0, APT + RPM);
        assertThat(packages(host, "manager", List.of("auto"))).containsKey("bash").doesNotContainKey("kubelet");
        assertThat(packages(host, "strategy", "all")).containsKeys("bash", "kubelet");
        ScriptedHost rpmOnly = new ScriptedHost().answer(PackageFactsModule.SCRIPT, 0, RPM);
        assertThat(packages(rpmOnly)).containsKey("kubelet").doesNotContainKey("bash");
    }

    @Test
    void noUsableManager_failsWithAnsiblesMessage() {
        ScriptedHost host = new ScriptedHost().answer(PackageFactsModule.SCRIPT, 0, RPM);
        assertThatThrownBy(() -> tester.plan(map("manager", List.of("apt")), host)).isInstanceOf(ModuleException.class)
                .hasMessageContaining("Could not detect a supported package manager from the following list: ['apt']");
        ScriptedHost broken = new ScriptedHost().answer(PackageFactsModule.SCRIPT, 0, "@@@@rpm\n@@@@rpmrc\n1\n");
        assertThatThrownBy(() -> tester.plan(map(), broken)).isInstanceOf(ModuleException.class)
                .hasMessageContaining("['apt', 'rpm']");
    }

    @Test
    void managersRiggerDoesNotRead_areRefusedBeforeTheHostIsAsked() {
        ScriptedHost host = new ScriptedHost();
        assertThatThrownBy(() -> tester.plan(map("manager", List.of("pacman")), host)).isInstanceOf(ModuleException.class)
                .hasMessageContaining("Rigger reads only apt and rpm");
        assertThatThrownBy(() -> tester.plan(map("manager", List.of("apt", "foo; rm -rf /")), host)).isInstanceOf(ModuleException.class)
                .hasMessage("Unsupported package managers requested: foo; rm -rf /");
        assertThat(tester.problems(map("strategy", "some"))).isNotEmpty();
        assertThat(host.asked()).isEmpty();
        assertThat(PackageFactsModule.managers(List.of("RPM", "auto", "rpm"))).containsExactly("rpm", "apt");
    }

    @Test
    void registeredByItsNames() {
        tester.assertRegistered();
    }
}
