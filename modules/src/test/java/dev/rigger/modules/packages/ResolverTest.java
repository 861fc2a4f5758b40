package dev.rigger.modules.packages;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResolverTest {

    @ParameterizedTest(name = "{0} vs {1} = {2}")
    @CsvSource({"1.16.2, 1.17.0, -1", "1.10, 1.9, 1", "1.0, 1.0, 0", "1.0~rc1, 1.0, -1", "1.0^git1, 1.0, 1",
            "1.0^git1, 1.0.1, -1", "2a, 2b, -1", "1.01, 1.1, 0", "1.0a, 1.0, 1", "19.03.5, 19.3.5, 0", "el8, el10, -1"})
    void rpmVersionOrder(String a, String b, int expected) {
        assertThat(RpmVersion.compare(a, b)).isEqualTo(expected);
        assertThat(RpmVersion.compare(b, a)).isEqualTo(-expected);
    }

    private static Nevra pkg(String name, String version, String release) {
        return new Nevra(name, 0, version, release, "x86_64", "repo");
    }

    @ParameterizedTest(name = "{0} selects {1}")
    @CsvSource({"kubelet, 2", "kubelet-1.16.2, 1", "kubelet-1.16.2-0, 1", "kubelet-1.16.2-0.x86_64, 1", "kubelet.x86_64, 2",
            "kubelet-0:1.17.0-0, 1", "kubelet-1.16*, 1", "kube?et, 2", "kubelet-1.1[67]*, 2", "kubelet-1.16, 0", "docker-ce, 1",
            "docker-ce-19.03.5-3.el8, 1"})
    void specsMatchLikeDnf(String spec, int count) {
        List<Nevra> pkgs = List.of(pkg("kubelet", "1.16.2", "0"), pkg("kubelet", "1.17.0", "0"), pkg("docker-ce", "19.03.5", "3.el8"));
        assertThat(PackageSpec.of(spec).select(pkgs)).hasSize(count);
    }

    @Test
    void aPackageWhoseNameLooksLikeNameVersion_winsByName_asInDnf() {
        List<Nevra> pkgs = List.of(pkg("foo-1", "2", "1"), pkg("foo", "1", "1"));
        assertThat(PackageSpec.of("foo-1").select(pkgs)).extracting(Nevra::name).containsExactly("foo-1");
    }

    @Test
    void rpmLines_epochNone_isZero_andPubkeysAndSourcesAreSkipped() {
        List<Nevra> p = Nevra.parseLines("bash (none) 5.2 15 x86_64\ngpg-pubkey (none) abc def (none)\nfoo 2 1 1 src repo\nbar 1 2 3 noarch @System\n");
        assertThat(p).containsExactly(new Nevra("bash", 0, "5.2", "15", "x86_64", null));
    }

    @Test
    void bestBuild_prefersMachineArchOverOthers_atTheSameVersion() {
        List<Nevra> avail = List.of(new Nevra("lib", 0, "1", "1", "i686", "r"), new Nevra("lib", 0, "1", "1", "x86_64", "r"));
        Resolver.Resolution r = new Resolver(List.of(), avail, "x86_64").resolve("present", List.of(PackageSpec.of("lib")));
        assertThat(r.changes()).singleElement().satisfies(c -> assertThat(c.after().arch()).isEqualTo("x86_64"));
    }

    @Test
    void sameBuildNamedTwice_isOneChange() {
        Resolver.Resolution r = new Resolver(List.of(), List.of(pkg("kubelet", "1.17.0", "0")), "x86_64")
                .resolve("present", List.of(PackageSpec.of("kubelet"), PackageSpec.of("kubelet-1.17.0")));
        assertThat(r.changes()).hasSize(1);
    }
}
