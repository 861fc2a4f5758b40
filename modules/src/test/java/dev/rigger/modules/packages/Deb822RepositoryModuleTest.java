package dev.rigger.modules.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * deb822_repository against the documented examples of ansible.builtin.deb822_repository
 * (ansible-core 2.15+; the 2.14 here has no such module, so no differential test): the fields in
 * the order of the parameters' names, as its code writes them.
 */
class Deb822RepositoryModuleTest {
    private static final String DEBIAN = "/etc/apt/sources.list.d/debian.sources";
    /** The armored key of the documentation's second example. */
    private static final String KEY = """
            -----BEGIN PGP PUBLIC KEY BLOCK-----

            mDMEYCQjIxYJKwYBBAHaRw8BAQdAD/P5Nvvnvk66SxBBHDbhRml9ORg1WV5CvzKY
            CuMfoIS0BmFiY2RlZoiQBBMWCgA4FiEErCIG1VhKWMWo2yfAREZd5NfO31cFAmAk
            IyMCGyMFCwkIBwMFFQoJCAsFFgIDAQACHgECF4AACgkQREZd5NfO31fbOwD6ArzS
            dM0Dkd5h2Ujy1b6KcAaVW9FOa5UNfJ9FFBtjLQEBAJ7UyWD3dZzhvlaAwunsk7DG
            3bHcln8DMpIJVXht78sL
            =IE0r
            -----END PGP PUBLIC KEY BLOCK-----""";
    private final ModuleTester tester = ModuleTester.of(new Deb822RepositoryModule());

    private static String written(Change c, String path) {
        return c.steps().stream().filter(s -> s instanceof Step.WriteFile w && w.path().equals(path))
                .map(s -> new String(((Step.WriteFile) s).content(), StandardCharsets.UTF_8)).findFirst().orElse(null);
    }

    @Test
    void addDebianRepo_example() {
        Change c = tester.plan(Map.of("name", "debian", "types", "deb", "uris", "http://deb.debian.org/debian", "suites", "stretch",
                "components", List.of("main", "contrib", "non-free")), new ScriptedHost().dir("/etc/apt/sources.list.d", 0755));
        String text = """
                Components: main contrib non-free
                X-Repolib-Name: debian
                Suites: stretch
                Types: deb
                URIs: http://deb.debian.org/debian
                """;
        assertThat(written(c, DEBIAN)).isEqualTo(text);
        assertThat(((Step.WriteFile) c.steps().get(0)).mode()).isEqualTo(0644);
        assertThat(c.outputs()).containsEntry("repo", text).containsEntry("dest", DEBIAN).doesNotContainKey("key_filename");
    }

    @Test
    void addDebianRepoWithKey_example_theKeyOnContinuationLines_anEmptyLineAsDot() {
        Change c = tester.plan(Map.of("name", "debian", "types", "deb", "uris", "https://deb.debian.org", "suites", "stable",
                "components", List.of("main", "contrib", "non-free"), "signed_by", KEY), new ScriptedHost());
        assertThat(written(c, DEBIAN)).isEqualTo("""
                Components: main contrib non-free
                X-Repolib-Name: debian
                Signed-By:
                    -----BEGIN PGP PUBLIC KEY BLOCK-----
                    .
                    mDMEYCQjIxYJKwYBBAHaRw8BAQdAD/P5Nvvnvk66SxBBHDbhRml9ORg1WV5CvzKY
                    CuMfoIS0BmFiY2RlZoiQBBMWCgA4FiEErCIG1VhKWMWo2yfAREZd5NfO31cFAmAk
                    IyMCGyMFCwkIBwMFFQoJCAsFFgIDAQACHgECF4AACgkQREZd5NfO31fbOwD6ArzS
                    dM0Dkd5h2Ujy1b6KcAaVW9FOa5UNfJ9FFBtjLQEBAJ7UyWD3dZzhvlaAwunsk7DG
                    3bHcln8DMpIJVXht78sL
                    =IE0r
                    -----END PGP PUBLIC KEY BLOCK-----
                Suites: stable
                Types: deb
                URIs: https://deb.debian.org
                """);
    }

    @Test
    void addRepoUsingKeyFromUrl_example_theHostFetchesItIntoKeyrings() {
        String url = "https://download.example.com/linux/ubuntu/gpg";
        ScriptedHost h = new ScriptedHost().answer("curl -q --silent --show-error --location --fail -- " + url, 0, KEY + "\n");
        Map<String, Object> params = new HashMap<>(Map.of("name", "example", "types", "deb", "uris", "https://download.example.com/linux/ubuntu",
                "suites", "bookworm", "components", "stable", "architectures", "amd64", "signed_by", url));
        Change c = tester.plan(params, h);
        assertThat(written(c, "/etc/apt/sources.list.d/example.sources")).isEqualTo("""
                Architectures: amd64
                Components: stable
                X-Repolib-Name: example
                Signed-By: /etc/apt/keyrings/example.asc
                Suites: bookworm
                Types: deb
                URIs: https://download.example.com/linux/ubuntu
                """);
        assertThat(written(c, "/etc/apt/keyrings/example.asc")).isEqualTo(KEY + "\n");
        assertThat(c.steps().get(0)).isEqualTo(Step.Run.of("install", "-d", "-m", "0755", "-o", "root", "-g", "root", "--", "/etc/apt/keyrings"));
        assertThat(c.outputs()).containsEntry("key_filename", "/etc/apt/keyrings/example.asc");
        assertThat(h.roundTrips()).containsExactly(9);
    }

    @Test
    void sameFile_isNone_butAnotherModeIsChanged() {
        String text = "X-Repolib-Name: My Repo_1\nTypes: deb\nURIs: file:/srv/repo\nSuites: ./\n";
        Map<String, Object> params = Map.of("name", "My Repo_1", "uris", "file:/srv/repo", "suites", "./", "enabled", false);
        String expected = "Enabled: no\nX-Repolib-Name: My Repo_1\nSuites: ./\nTypes: deb\nURIs: file:/srv/repo\n";
        String path = "/etc/apt/sources.list.d/my-repo-1.sources";
        assertThat(tester.plan(params, new ScriptedHost().file(path, expected, 0644)).isNone()).isTrue();
        Change c = tester.plan(params, new ScriptedHost().file(path, expected, 0600));
        assertThat(c.steps()).containsExactly(Step.Run.of("chmod", "644", "--", path));
        assertThat(tester.plan(params, new ScriptedHost().file(path, text, 0644)).diffs()).containsExactly(Diff.update(path, text, expected));
    }

    @Test
    void absent_removesTheSourcesAndBothKeyFiles() {
        ScriptedHost h = new ScriptedHost().file(DEBIAN, "X\n", 0644).file("/etc/apt/keyrings/debian.gpg", "k", 0644);
        Change c = tester.plan(Map.of("name", "debian", "state", "absent"), h);
        assertThat(c.steps()).containsExactly(Step.Run.of("rm", "-f", "--", DEBIAN), Step.Run.of("rm", "-f", "--", "/etc/apt/keyrings/debian.gpg"));
        assertThat(tester.plan(Map.of("name", "debian", "state", "absent"), new ScriptedHost()).isNone()).isTrue();
    }

    @Test
    void fieldNamesAndSlugs_asAnsibleMakesThem() {
        assertThat(Deb822Source.fieldName("allow_downgrade_to_insecure")).isEqualTo("Allow-Downgrade-To-Insecure");
        assertThat(Deb822Source.fieldName("inrelease_path")).isEqualTo("Inrelease-Path");
        assertThat(Deb822Source.slug("Docker CE_stable (x86)!")).isEqualTo("docker-ce-stable-x86");
        assertThat(Deb822RepositoryModule.isUrl("  https://x/k")).isTrue();
        assertThat(Deb822RepositoryModule.isUrl("9DC8 5822 9FC7 DD38 854A E2D8 8D81 803C 0EBF CD88")).isFalse();
        assertThat(Deb822RepositoryModule.isUrl(KEY)).isFalse();
    }

    @Test
    void unknownType_isRefused() {
        assertThatThrownBy(() -> tester.plan(Map.of("name", "x", "types", List.of("deb", "rpm")), new ScriptedHost()))
                .hasMessageContaining("rpm");
    }
}
