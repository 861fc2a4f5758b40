package dev.rigger.modules.packages;

import java.util.Map;
import dev.rigger.testkit.ModuleTester;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.testkit.ScriptedHost;
import dev.rigger.testkit.TestParams;
import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Probe;
import dev.rigger.spi.Step;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class YumModuleTest {
    private static final String RPM = "rpm -qa --qf " + Dnf.RPM_FORMAT;
    private static final String REPOS = "cat /etc/yum.repos.d/*.repo 2>/dev/null; true";
    private static final String WHICH = "command -v dnf || { command -v yum; command -v repoquery; }";
    private static final String OFFER = """
            kubelet 0 1.16.2 0 x86_64 kubernetes
            kubelet 0 1.17.0 0 x86_64 kubernetes
            kubeadm 0 1.16.2 0 x86_64 kubernetes
            kubeadm 0 1.17.0 0 x86_64 kubernetes
            """;
    private final YumModule m = new YumModule();

    private TestParams params(Object... kv) {
        return TestParams.of(m.spec(), kv);
    }

    /** A dnf host with {@code installed} (rpm lines) and the kubernetes repo defined. */
    private static ScriptedHost host(String installed) {
        return new ScriptedHost().answer(RPM, 0, installed).answer("uname -m", 0, "x86_64\n")
                .answer(REPOS, 0, "[kubernetes]\nbaseurl=file:///repo\n").answer(WHICH, 0, "/usr/bin/dnf\n");
    }

    private static String query(String options, String... specs) {
        return "dnf -q " + options + "repoquery --qf " + Dnf.QUERY_FORMAT + " -- " + String.join(" ", specs);
    }

    @Test
    void latest_pinnedVersions_notInstalled_oneInstallOfExactBuilds_factsAndDnfInOneRoundTrip() {
        ScriptedHost h = host("").answer(query("--disableexcludes=kubernetes ", "kubelet-1.16.2", "kubeadm-1.16.2"), 0, OFFER);
        Change c = m.plan(params("name", List.of("kubelet-1.16.2", "kubeadm-1.16.2"), "disable_excludes", "kubernetes", "state", "latest"), h);
        assertThat(c.diffs()).containsExactly(Diff.create("package kubelet", "1.16.2-0.x86_64"), Diff.create("package kubeadm", "1.16.2-0.x86_64"));
        assertThat(c.steps()).singleElement().isInstanceOfSatisfying(Step.Run.class, r -> assertThat(r.argv()).containsExactly(
                "dnf", "-y", "--disableexcludes=kubernetes", "install", "--", "kubelet-1.16.2-0.x86_64", "kubeadm-1.16.2-0.x86_64"));
        assertThat(h.roundTrips()).as("facts and dnf's answer in one round trip").containsExactly(5);
    }

    @Test
    void nothingNamedInstalled_oneInstallOfTheSpecs_dnfStartedOnceNotTwice_checkPlansAsApply() {
        ScriptedHost h = host("bash 0 5.2 15 x86_64\n");
        Change c = m.plan(params("name", List.of("kubelet-1.16.2", "docker-ce"), "disable_excludes", "kubernetes"), h);
        assertThat(c.diffs()).containsExactly(Diff.create("package kubelet-1.16.2", "the build dnf picks"),
                Diff.create("package docker-ce", "the build dnf picks"));
        assertThat(c.steps()).singleElement().isInstanceOfSatisfying(Step.Run.class, r -> assertThat(r.argv()).containsExactly(
                "dnf", "-y", "--disableexcludes=kubernetes", "install", "--", "kubelet-1.16.2", "docker-ce"));
        assertThat(h.roundTrips()).as("rpm alone: the install is dnf's only start").containsExactly(4);
        assertThat(h.asked()).noneMatch(p -> p instanceof Probe.Run r && r.argv().contains("repoquery"));
    }

    @Test
    void anotherVersionInstalled_isPlannedExactly_upgradeOrDowngradeNamed() {
        ScriptedHost h = host("kubelet 0 1.17.0 0 x86_64\n").answer(query("", "kubelet-1.16.2", "kubeadm"), 0, OFFER);
        Change c = m.plan(params("name", List.of("kubelet-1.16.2", "kubeadm")), h);
        assertThat(c.diffs()).containsExactly(Diff.update("package kubelet (downgrade)", "1.17.0-0.x86_64", "1.16.2-0.x86_64"),
                Diff.create("package kubeadm", "1.17.0-0.x86_64"));
        assertThat(h.roundTrips()).containsExactly(4, 1);
    }

    @Test
    void present_alreadyInstalled_answersFromRpm_withoutAskingDnf() {
        ScriptedHost h = host("kubelet 0 1.16.2 0 x86_64\nkubeadm 0 1.16.2 0 x86_64\n");
        Change c = m.plan(params("name", List.of("kubelet-1.16.2", "kubeadm-1.16.2"), "disable_excludes", "kubernetes"), h);
        assertThat(c.isNone()).isTrue();
        assertThat(h.roundTrips()).containsExactly(4);
        assertThat(h.asked()).noneMatch(p -> p instanceof Probe.Run r && r.argv().contains("repoquery"));
    }

    @Test
    void present_pinnedVersionInstalled_isNone() {
        ScriptedHost h = host("kubelet (none) 1.16.2 0 x86_64\n").answer(query("", "kubelet-1.16.2-0"), 0, OFFER);
        assertThat(m.plan(params("name", List.of("kubelet-1.16.2-0")), h).isNone()).isTrue();
    }

    @Test
    void present_unpinned_anyInstalledBuildSatisfies() {
        ScriptedHost h = host("kubelet (none) 1.16.2 0 x86_64\n").answer(query("", "kubelet"), 0, OFFER);
        assertThat(m.plan(params("name", List.of("kubelet")), h).isNone()).isTrue();
    }

    @Test
    void latest_upgradesToNewest_andDiffShowsBeforeAndAfter() {
        ScriptedHost h = host("kubelet 0 1.16.2 0 x86_64\n").answer(query("", "kubelet"), 0, OFFER);
        Change c = m.plan(params("name", List.of("kubelet"), "state", "latest"), h);
        assertThat(c.diffs()).containsExactly(Diff.update("package kubelet (upgrade)", "1.16.2-0.x86_64", "1.17.0-0.x86_64"));
        assertThat(((Step.Run) c.steps().get(0)).argv()).endsWith("install", "--", "kubelet-1.17.0-0.x86_64");
    }

    @Test
    void latest_whenNewestInstalled_isNone_andNeverDowngrades() {
        ScriptedHost h = host("kubelet 0 1.17.0 0 x86_64\n").answer(query("", "kubelet-1.16.2"), 0, OFFER);
        assertThat(m.plan(params("name", List.of("kubelet-1.16.2"), "state", "latest"), h).isNone()).isTrue();
    }

    @Test
    void present_olderPin_downgradesInTheSameInstallTransaction() {
        ScriptedHost h = host("kubelet 0 1.17.0 0 x86_64\n").answer(query("", "kubelet-1.16.2", "kubeadm"), 0, OFFER);
        Change c = m.plan(params("name", List.of("kubelet-1.16.2", "kubeadm")), h);
        assertThat(c.diffs()).containsExactly(Diff.update("package kubelet (downgrade)", "1.17.0-0.x86_64", "1.16.2-0.x86_64"),
                Diff.create("package kubeadm", "1.17.0-0.x86_64"));
        assertThat(c.steps()).hasSize(1);
    }

    @Test
    void absent_removesInstalledMatches_withoutAskingTheRepositories() {
        ScriptedHost h = host("kubelet 0 1.16.2 0 x86_64\nbash 0 5.2 15 x86_64\n");
        Change c = m.plan(params("name", List.of("kubelet", "kubectl"), "state", "removed"), h);
        assertThat(c.diffs()).containsExactly(Diff.delete("package kubelet", "1.16.2-0.x86_64"));
        assertThat(((Step.Run) c.steps().get(0)).argv()).containsExactly("dnf", "-y", "remove", "--", "kubelet-1.16.2-0.x86_64");
        assertThat(h.asked()).noneMatch(p -> p instanceof Probe.Run r && r.argv().contains("repoquery"));
    }

    @Test
    void missingVersion_ofAnInstalledPackage_failsWithDnfsOwnMessage() {
        ScriptedHost h = host("kubelet 0 1.16.2 0 x86_64\n").answer(query("", "kubelet-9.9"), 0, "")
                .answer("dnf --assumeno install -- kubelet-9.9", 1, "No match for argument: kubelet-9.9\n");
        assertThatThrownBy(() -> m.plan(params("name", List.of("kubelet-9.9")), h))
                .isInstanceOf(ModuleException.class).hasMessage("dnf: No match for argument: kubelet-9.9");
    }

    @Test
    void nothingInstalled_whileTheNamedRepositoryIsNotDefinedYet_isUnknown_withoutAskingDnf() {
        ScriptedHost h = host("").answer(REPOS, 0, "");
        Change c = m.plan(params("name", List.of("kubelet-1.16.2"), "disable_excludes", "kubernetes"), h);
        assertThat(c.reason()).isEqualTo("no repository offers kubelet-1.16.2: repository kubernetes is not defined on this host yet");
        assertThat(h.roundTrips()).containsExactly(4);
    }

    @Test
    void noMatch_whileTheNamedRepositoryIsNotDefinedYet_isUnknown() {
        ScriptedHost h = host("").answer(REPOS, 0, "").answer(query("--disableexcludes=kubernetes ", "kubelet"), 0, "");
        Change c = m.plan(params("name", List.of("kubelet"), "disable_excludes", "kubernetes"), h);
        assertThat(c.kind()).isEqualTo(Change.Kind.UNKNOWN);
        assertThat(c.reason()).contains("kubernetes is not defined");
    }

    @Test
    void repositoryOptions_disableBeforeEnable_andRefresh() {
        ScriptedHost h = host("").answer("dnf -q --disablerepo=* --enablerepo=kubernetes --refresh repoquery --qf "
                + Dnf.QUERY_FORMAT + " -- kubelet", 0, OFFER);
        Change c = m.plan(params("name", List.of("kubelet"), "enablerepo", List.of("kubernetes"), "disablerepo", List.of("*"), "update_cache", true), h);
        assertThat(((Step.Run) c.steps().get(0)).argv()).containsExactly("dnf", "-y", "--disablerepo=*", "--enablerepo=kubernetes",
                "install", "--", "kubelet-1.17.0-0.x86_64");
    }

    @Test
    void globSpec_installsNewestOfEachMatchingName() {
        ScriptedHost h = host("kubelet 0 1.17.0 0 x86_64\n").answer(query("", "kube*"), 0, OFFER);
        Change c = m.plan(params("name", List.of("kube*")), h);
        assertThat(c.diffs()).containsExactly(Diff.create("package kubeadm", "1.17.0-0.x86_64"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-y", "--installroot=/tmp", "kubelet; touch /root/canary", "$(touch /root/canary)", "`id`",
            "kubelet\nbash", "kube let", "kübelet", "a|b", "a>b", "/etc/passwd", "http://x/y.rpm", "@core", "perl(Foo)"})
    void hostileNames_areRejectedBeforeAnyProbe(String name) {
        ScriptedHost h = host("");
        assertThatThrownBy(() -> m.plan(params("name", List.of(name)), h)).isInstanceOf(ModuleException.class);
        assertThat(h.asked()).isEmpty();
    }

    @Test
    void hostileRepoId_isRejected() {
        assertThatThrownBy(() -> m.plan(params("name", List.of("kubelet"), "enablerepo", List.of("x --setopt=a=b")), host("")))
                .isInstanceOf(ModuleException.class).hasMessageContaining("not a repository id");
    }

    @Test
    void updateCacheAlone_refreshesAndChangesNothing() {
        ScriptedHost h = host("").answer("dnf -q makecache --refresh", 0, "");
        assertThat(m.plan(params("update_cache", true), h).isNone()).isTrue();
        assertThat(ModuleTester.of(m).problems(Map.of())).containsExactly("module 'yum': update_cache=false needs name (missing: name)");
        assertThat(ModuleTester.of(m).problems(Map.of("name", List.of()))).containsExactly("argument 'name' of module 'yum' must not be empty");
    }

    @Test
    void exclude_isPassedToTheQueryAndTheTransaction_asDnfsExcludeOption() {
        ScriptedHost h = host("").answer(query("--exclude=kubeadm,docker* ", "kubelet-1.16.2"), 0, OFFER);
        Change c = m.plan(params("name", List.of("kubelet-1.16.2"), "exclude", List.of("kubeadm", "docker*"), "state", "latest"), h);
        assertThat(c.steps()).singleElement().isInstanceOfSatisfying(Step.Run.class, r -> assertThat(r.argv()).containsExactly(
                "dnf", "-y", "--exclude=kubeadm,docker*", "install", "--", "kubelet-1.16.2-0.x86_64"));
    }

    @Test
    void exclude_thatIsNoPackageSpec_isRefused() {
        assertThatThrownBy(() -> m.plan(params("name", List.of("kubelet"), "exclude", List.of("--setopt=x=1")), host("")))
                .isInstanceOf(ModuleException.class).hasMessageContaining("is not a package name or glob");
    }
}
