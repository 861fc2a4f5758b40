package dev.rigger.modules.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.Host;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ScriptedHost;
import dev.rigger.testkit.TestParams;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * yum 3 (CentOS 7, no dnf): command lines, and parsing of real yum 3 output recorded in public
 * trackers (yum3-recorded.txt names each source).
 */
class Yum3Test {
    private static final String RPM = "rpm -qa --qf " + Dnf.RPM_FORMAT;
    private static final String REPOS = "cat /etc/yum.repos.d/*.repo 2>/dev/null; true";
    private static final String WHICH = "command -v dnf || { command -v yum; command -v repoquery; }";
    private static final Map<String, String> RECORDED = recorded();
    private final YumModule m = new YumModule();

    private static Map<String, String> recorded() {
        try (InputStream in = Yum3Test.class.getResourceAsStream("yum3-recorded.txt")) {
            Map<String, String> out = new LinkedHashMap<>();
            String name = null;
            StringBuilder text = new StringBuilder();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1)) {
                if (line.startsWith("=== ")) {
                    if (name != null) out.put(name, text.toString());
                    name = line.substring(4).trim();
                    text.setLength(0);
                } else if (name != null && !line.startsWith("# ")) {
                    text.append(line).append('\n');
                }
            }
            out.put(name, text.toString());
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Nevra n(String name, int epoch, String version, String release, String arch, String repo) {
        return new Nevra(name, epoch, version, release, arch, repo);
    }

    // --- parsing what yum 3 prints -------------------------------------------------------

    @Test
    void list_sortedWithChatter_installedAtRepoSkipped() {
        assertThat(Yum3.parseList(RECORDED.get("docker-ce-list-sorted"))).containsExactly(
                n("docker-ce", 0, "17.06.1.ce", "1.el7.centos", "x86_64", "docker-ce-stable"),
                n("docker-ce", 0, "17.06.0.ce", "1.el7.centos", "x86_64", "docker-ce-stable"),
                n("docker-ce", 0, "17.03.2.ce", "1.el7.centos", "x86_64", "docker-ce-stable"),
                n("docker-ce", 0, "17.03.1.ce", "1.el7.centos", "x86_64", "docker-ce-stable"),
                n("docker-ce", 0, "17.03.0.ce", "1.el7.centos", "x86_64", "docker-ce-stable"));
    }

    @Test
    void list_showduplicates_wideColumns() {
        List<Nevra> p = Yum3.parseList(RECORDED.get("wazuh-list-showduplicates"));
        assertThat(p).hasSize(5).allMatch(x -> x.name().equals("wazuh-manager") && x.repo().equals("wazuh") && x.release().equals("1"));
        assertThat(p).extracting(Nevra::version).containsExactly("4.0.0", "4.0.1", "4.0.2", "4.0.3", "4.0.4");
    }

    @Test
    void list_epochsInTheVersionColumn_andNoarch() {
        List<Nevra> p = Yum3.parseList(RECORDED.get("centosplus-list-available-epochs"));
        assertThat(p).hasSize(13).contains(n("postfix", 2, "2.10.1", "6.0.1.el7.centos", "x86_64", "centosplus"),
                n("kernel-plus-doc", 0, "3.10.0", "693.17.1.el7.centos.plus", "noarch", "centosplus"));
        assertThat(n("postfix", 2, "2.10.1", "6.0.1.el7.centos", "x86_64", "centosplus").label())
                .isEqualTo("postfix-2:2.10.1-6.0.1.el7.centos.x86_64");
    }

    @Test
    void list_repoWrappedToTheNextLine_isJoined() {
        assertThat(Yum3.parseList(RECORDED.get("wrapped-repo"))).containsExactly(
                n("libnl", 0, "1.1.4", "2.el6", "x86_64", "base"),
                n("libpcap", 14, "1.4.0", "1.20130826git2dbcaa1.el6", "x86_64", "base"),
                n("libproxy", 0, "0.3.0", "4.el6_3", "x86_64", "base"),
                n("facter", 1, "2.0.2", "1.el6", "x86_64", "puppetlabs-products"));
    }

    @Test
    void list_longNameAloneOnItsLine_isJoined() {
        assertThat(Yum3.parseList(RECORDED.get("wrapped-name")))
                .containsExactly(n("java-1.7.0-openjdk-devel", 1, "1.7.0.99", "2.6.5.0.el6_7", "x86_64", "rhel-6-server-rpms"));
    }

    @Test
    void list_pluginChatterBetweenRows_isNoRow() {
        assertThat(Yum3.parseList(RECORDED.get("plugin-noise"))).extracting(Nevra::name)
                .containsExactly("NetworkManager", "bind-libs-lite", "device-mapper");
        assertThat(Yum3.parseList(RECORDED.get("repoquery-not-a-yum3-command"))).isEmpty();
    }

    // --- command lines on a yum 3 host ----------------------------------------------------

    /** A CentOS 7 host: no dnf; yum-utils' repoquery only when asked for. */
    private static ScriptedHost centos7(String installed, boolean yumUtils) {
        return new ScriptedHost().answer(RPM, 0, installed).answer("uname -m", 0, "x86_64\n")
                .answer(REPOS, 0, "[docker-ce-stable]\nbaseurl=https://download.docker.com/linux/centos/7/$basearch/stable\n")
                .answer(WHICH, yumUtils ? 0 : 1, "/usr/bin/yum\n" + (yumUtils ? "/usr/bin/repoquery\n" : ""));
    }

    private static String list(String options, String... specs) {
        return "yum -d 0 -e 0 " + options + "--showduplicates list available -- " + String.join(" ", specs);
    }

    private TestParams params(Object... kv) {
        return TestParams.of(m.spec(), kv);
    }

    private static List<List<String>> argvs(Change c) {
        return c.steps().stream().map(s -> ((Step.Run) s).argv()).toList();
    }

    @Test
    void latest_upgrade_isYumInstallOfTheExactBuild_askedWithYumList() {
        ScriptedHost h = centos7("docker-ce 0 17.06.0.ce 1.el7.centos x86_64\n", false)
                .answer(list("", "docker-ce"), 0, RECORDED.get("docker-ce-list-sorted"));
        Change c = m.plan(params("name", List.of("docker-ce"), "state", "latest"), h);
        assertThat(c.diffs()).containsExactly(Diff.update("package docker-ce (upgrade)", "17.06.0.ce-1.el7.centos.x86_64",
                "17.06.1.ce-1.el7.centos.x86_64"));
        assertThat(argvs(c)).containsExactly(List.of("yum", "-y", "install", "--", "docker-ce-17.06.1.ce-1.el7.centos.x86_64"));
        assertThat(h.asked()).as("no dnf, no repoquery subcommand").noneMatch(p -> p instanceof Probe.Run r
                && (r.argv().get(0).equals("yum") && r.argv().contains("repoquery")));
        assertThat(h.roundTrips()).containsExactly(5, 1);
    }

    @Test
    void pinnedOlder_isYumDowngrade_andANewPackageYumInstall_inTwoSteps() {
        ScriptedHost h = centos7("docker-ce 0 17.06.0.ce 1.el7.centos x86_64\n", false)
                .answer(list("", "docker-ce-17.03.2.ce", "wazuh-manager"), 0,
                        RECORDED.get("docker-ce-list-sorted") + RECORDED.get("wazuh-list-showduplicates"));
        Change c = m.plan(params("name", List.of("docker-ce-17.03.2.ce", "wazuh-manager")), h);
        assertThat(c.diffs()).containsExactly(
                Diff.update("package docker-ce (downgrade)", "17.06.0.ce-1.el7.centos.x86_64", "17.03.2.ce-1.el7.centos.x86_64"),
                Diff.create("package wazuh-manager", "4.0.4-1.x86_64"));
        assertThat(argvs(c)).containsExactly(List.of("yum", "-y", "install", "--", "wazuh-manager-4.0.4-1.x86_64"),
                List.of("yum", "-y", "downgrade", "--", "docker-ce-17.03.2.ce-1.el7.centos.x86_64"));
    }

    @Test
    void seedsPinnedKubernetesPackages_disableExcludes_freshHost_latest() {
        String offered = """
                Available Packages
                kubeadm.x86_64                       1.16.2-0                        kubernetes
                kubeadm.x86_64                       1.17.0-0                        kubernetes
                kubelet.x86_64                       1.16.2-0                        kubernetes
                kubernetes-cni.x86_64                0.7.5-0                         kubernetes
                """; // yum 3's layout (see the recorded sections) with the seed's packages
        ScriptedHost h = centos7("bash 0 4.2.46 34.el7 x86_64\n", true)
                .answer(list("--disableexcludes=kubernetes ", "kubelet-1.16.2", "kubeadm-1.16.2"), 0, offered);
        Change c = m.plan(params("name", List.of("kubelet-1.16.2", "kubeadm-1.16.2"), "disable_excludes", "kubernetes", "state", "latest"), h);
        assertThat(c.diffs()).containsExactly(Diff.create("package kubelet", "1.16.2-0.x86_64"), Diff.create("package kubeadm", "1.16.2-0.x86_64"));
        assertThat(argvs(c)).as("repoquery cannot disable excludes: yum list is asked although yum-utils is there").containsExactly(
                List.of("yum", "-y", "--disableexcludes=kubernetes", "install", "--", "kubelet-1.16.2-0.x86_64", "kubeadm-1.16.2-0.x86_64"));
    }

    @Test
    void yumUtilsRepoquery_isUsedWhenPresent_withTheRepoOptions() {
        ScriptedHost h = centos7("", true).answer("repoquery --show-duplicates --plugins --quiet --disablerepo=* --enablerepo=docker-ce-stable"
                + " --qf " + Dnf.QUERY_FORMAT + " -- docker-ce", 0,
                "docker-ce 3 19.03.5 3.el7 x86_64 docker-ce-stable\ndocker-ce 3 19.03.4 3.el7 x86_64 docker-ce-stable\n");
        Change c = m.plan(params("name", List.of("docker-ce"), "state", "latest", "disablerepo", List.of("*"),
                "enablerepo", List.of("docker-ce-stable")), h);
        assertThat(argvs(c)).containsExactly(List.of("yum", "-y", "--disablerepo=*", "--enablerepo=docker-ce-stable", "install", "--",
                "docker-ce-3:19.03.5-3.el7.x86_64"));
    }

    @Test
    void absent_isYumRemove_fromRpmAlone() {
        ScriptedHost h = centos7("docker-ce 3 19.03.5 3.el7 x86_64\n", false);
        Change c = m.plan(params("name", List.of("docker-ce"), "state", "absent"), h);
        assertThat(argvs(c)).containsExactly(List.of("yum", "-y", "remove", "--", "docker-ce-3:19.03.5-3.el7.x86_64"));
        assertThat(h.roundTrips()).containsExactly(4);
    }

    @Test
    void noMatch_exit1_isNotAQueryFailure_butYumsOwnWordsOnTheMissingPackage() {
        String said = "Loaded plugins: fastestmirror\nLoading mirror speeds from cached hostfile\n * base: mirror.example\n"
                + "No package kubelet-9.9 available.\nError: Nothing to do\n"; // yum 3's install of a missing name
        Host h = new Stderr(centos7("", false), Map.of(list("", "kubelet-9.9"), RECORDED.get("no-match"),
                "yum --assumeno install -- kubelet-9.9", said));
        assertThatThrownBy(() -> m.plan(params("name", List.of("kubelet-9.9"), "state", "latest"), h))
                .isInstanceOf(ModuleException.class).hasMessage("yum: No package kubelet-9.9 available.; Error: Nothing to do");
    }

    @Test
    void queryFailing_otherwise_failsWithYumsWords() {
        Host h = new Stderr(centos7("", false), Map.of(list("", "kubelet"), "Cannot retrieve repository metadata (repomd.xml) for repository: kubernetes"));
        assertThatThrownBy(() -> m.plan(params("name", List.of("kubelet"), "state", "latest"), h))
                .hasMessage("yum list failed: Cannot retrieve repository metadata (repomd.xml) for repository: kubernetes");
    }

    /** A host that answers the given commands with exit 1 and these words on stderr, as yum prints its errors. */
    private record Stderr(ScriptedHost inner, Map<String, String> errors) implements Host {
        @Override
        public String name() { return inner.name(); }

        @Override
        public Map<String, Object> facts() { return inner.facts(); }

        @Override
        public List<ProbeResult> probe(List<Probe> probes) {
            List<ProbeResult> out = new java.util.ArrayList<>(inner.probe(probes));
            for (int i = 0; i < probes.size(); i++) {
                if (probes.get(i) instanceof Probe.Run r && errors.containsKey(String.join(" ", r.argv()))) {
                    out.set(i, ProbeResult.of(1, new byte[0], errors.get(String.join(" ", r.argv()))));
                }
            }
            return out;
        }
    }

    @Test
    void updateCache_expiresTheCacheFirst_inTheSameRoundTrip() {
        ScriptedHost h = centos7("", false).answer("yum -q clean expire-cache", 0, "")
                .answer(list("", "docker-ce"), 0, RECORDED.get("docker-ce-list-sorted"));
        Change c = m.plan(params("name", List.of("docker-ce"), "state", "latest", "update_cache", true), h);
        assertThat(argvs(c)).containsExactly(List.of("yum", "-y", "install", "--", "docker-ce-17.06.1.ce-1.el7.centos.x86_64"));
        assertThat(h.roundTrips()).containsExactly(5, 2);
    }

    @Test
    void updateCacheAlone_withoutDnf_isYumMakecacheFast() {
        ScriptedHost h = new ScriptedHost().answer("yum -q makecache fast", 0, "");
        assertThat(m.plan(params("update_cache", true), h).isNone()).isTrue();
        assertThat(h.asked()).extracting(p -> String.join(" ", ((Probe.Run) p).argv()))
                .containsExactly("dnf -q makecache --refresh", "yum -q makecache fast");
    }
}
