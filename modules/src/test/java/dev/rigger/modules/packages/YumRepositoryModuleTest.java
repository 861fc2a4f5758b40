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
import dev.rigger.spi.Step;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class YumRepositoryModuleTest {
    private static final String PATH = "/etc/yum.repos.d/kubernetes.repo";
    /** What Ansible's yum_repository writes for the seed's kubernetes.repo. */
    private static final String SEED = """
            [kubernetes]
            baseurl = file:///srv/rigger-lab/repo/kubernetes
            enabled = 1
            exclude = kubelet kubeadm kubectl
            gpgcheck = 0
            gpgkey = https://example.org/yum-key.gpg
            \thttps://example.org/rpm-package-key.gpg
            name = Kubernetes
            repo_gpgcheck = 0

            """;
    private final YumRepositoryModule m = new YumRepositoryModule();

    private TestParams seed(Object... more) {
        Object[] base = {"name", "kubernetes", "description", "Kubernetes", "baseurl", List.of("file:///srv/rigger-lab/repo/kubernetes"),
                "enabled", true, "gpgcheck", false, "repo_gpgcheck", false,
                "gpgkey", List.of("https://example.org/yum-key.gpg", "https://example.org/rpm-package-key.gpg"),
                "exclude", List.of("kubelet kubeadm kubectl")};
        Object[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return TestParams.of(m.spec(), all);
    }

    private static String written(Change c) {
        return new String(((Step.WriteFile) c.steps().get(0)).content(), StandardCharsets.UTF_8);
    }

    @Test
    void newRepo_isWrittenAsAnsibleWritesIt_sortedKeys_keysOnContinuationLines() {
        ScriptedHost h = new ScriptedHost();
        Change c = m.plan(seed(), h);
        assertThat(written(c)).isEqualTo(SEED);
        assertThat(c.diffs()).containsExactly(Diff.create(PATH, SEED));
        assertThat(h.roundTrips()).containsExactly(2);
    }

    @Test
    void sameContent_isNone() {
        assertThat(m.plan(seed(), new ScriptedHost().file(PATH, SEED, 0644)).isNone()).isTrue();
    }

    @Test
    void handWrittenFile_isRewrittenOnce_withAUnifiedDiff() {
        String hand = "[kubernetes]\nname=Kubernetes\nbaseurl=file:///old\n";
        Change c = m.plan(seed(), new ScriptedHost().file(PATH, hand, 0644));
        assertThat(c.diffs()).containsExactly(Diff.update(PATH, hand, SEED));
    }

    @Test
    void otherSectionsOfTheFile_areKeptInPlace() {
        String two = "[a]\nname = A\nbaseurl = x\n\n[kubernetes]\nname = old\nbaseurl = y\n\n[b]\nname = B\n\n";
        String after = written(m.plan(seed(), new ScriptedHost().file(PATH, two, 0644)));
        assertThat(after).startsWith("[a]\nname = A\nbaseurl = x\n\n[kubernetes]\n").endsWith("[b]\nname = B\n\n");
    }

    @Test
    void absent_lastSection_removesTheFile_otherwiseRewrites() {
        Change c = m.plan(TestParams.of(m.spec(), "name", "kubernetes", "state", "absent"), new ScriptedHost().file(PATH, SEED, 0644));
        assertThat(c.diffs()).containsExactly(Diff.delete(PATH, SEED));
        assertThat(((Step.Run) c.steps().get(0)).argv()).containsExactly("rm", "-f", "--", PATH);
        assertThat(m.plan(TestParams.of(m.spec(), "name", "kubernetes", "state", "absent"), new ScriptedHost()).isNone()).isTrue();
        String two = SEED + "[b]\nname = B\n\n";
        assertThat(written(m.plan(TestParams.of(m.spec(), "name", "kubernetes", "state", "absent"), new ScriptedHost().file(PATH, two, 0644))))
                .isEqualTo("[b]\nname = B\n\n");
    }

    @Test
    void fileParameter_namesTheFile_andDescriptionDefaultsToTheId() {
        Change c = m.plan(TestParams.of(m.spec(), "name", "docker-ce-stable", "baseurl", List.of("file:///r"), "file", "docker-ce"), new ScriptedHost());
        assertThat(((Step.WriteFile) c.steps().get(0)).path()).isEqualTo("/etc/yum.repos.d/docker-ce.repo");
        assertThat(written(c)).isEqualTo("[docker-ce-stable]\nbaseurl = file:///r\nname = docker-ce-stable\n\n");
    }

    @Test
    void hostileDescription_landsLiterally() {
        String evil = "x $(touch /root/canary) `id`; rm -rf / 'q' \"d\" é";
        assertThat(written(m.plan(seed("description", evil), new ScriptedHost()))).contains("name = " + evil + "\n");
    }

    @Test
    void valuesThatWouldBreakTheFile_areRejected() {
        assertThatThrownBy(() -> m.plan(seed("description", "x\n[evil]\nbaseurl=y"), new ScriptedHost()))
                .isInstanceOf(ModuleException.class).hasMessageContaining("one non-empty line");
        assertThatThrownBy(() -> m.plan(seed("gpgkey", List.of("a\ngpgcheck=0")), new ScriptedHost())).isInstanceOf(ModuleException.class);
        assertThatThrownBy(() -> m.plan(seed("name", "kube]rnetes"), new ScriptedHost())).hasMessageContaining("not a repository id");
        assertThatThrownBy(() -> m.plan(seed("file", "../../root/x"), new ScriptedHost())).hasMessageContaining("plain file name");
        assertThat(ModuleTester.of(m).problems(Map.of("name", "k"))).containsExactly("module 'yum_repository': state=present needs baseurl (missing: baseurl)");
        assertThat(ModuleTester.of(m).problems(Map.of("name", "k", "baseurl", List.of())))
                .containsExactly("argument 'baseurl' of module 'yum_repository' must not be empty");
        assertThat(ModuleTester.of(m).problems(Map.of("name", "k", "state", "absent"))).isEmpty();
    }

    @Test
    void fileNameWithSpacesAndNonAscii_isUsedLiterally() {
        Change c = m.plan(seed("file", "my répo $(id)"), new ScriptedHost());
        assertThat(((Step.WriteFile) c.steps().get(0)).path()).isEqualTo("/etc/yum.repos.d/my répo $(id).repo");
    }
}
