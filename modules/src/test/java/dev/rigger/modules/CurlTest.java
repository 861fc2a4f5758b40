package dev.rigger.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rigger.modules.files.GetUrlModule;
import dev.rigger.modules.files.UriModule;
import dev.rigger.modules.packages.AptKeyModule;
import dev.rigger.modules.packages.Deb822RepositoryModule;
import dev.rigger.modules.packages.RpmKeyModule;
import dev.rigger.spi.Module;
import dev.rigger.spi.Probe;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every module that fetches with the host's curl runs it through {@link Curl}: {@code -q} first, so no ~/.curlrc applies. */
class CurlTest {
    private static final String URL = "http://127.0.9.80:8080/k.asc";

    @Test
    void argv_quietFirst_thenTheModulesOptions_andTheUrlAfterDoubleDash() {
        assertThat(Curl.argv(true, List.of("--fail"), "-o/tmp/x")).containsExactly(
                "curl", "-q", "--silent", "--show-error", "--location", "--fail", "--", "-o/tmp/x");
        assertThat(Curl.argv(false, List.of(), URL)).containsExactly(
                "curl", "-q", "--silent", "--show-error", "--location", "--insecure", "--", URL);
    }

    static Stream<Arguments> fetchingModules() {
        return Stream.of(
                Arguments.of(new GetUrlModule(), Map.of("url", URL, "dest", "/tmp/k.asc")),
                Arguments.of(new UriModule(), Map.of("url", URL)),
                Arguments.of(new RpmKeyModule(), Map.of("key", URL)),
                Arguments.of(new AptKeyModule(), Map.of("url", URL)),
                Arguments.of(new Deb822RepositoryModule(), Map.of("name", "k", "types", "deb", "uris", "http://127.0.9.80:8080/deb",
                        "suites", "stable", "signed_by", URL)));
    }

    @ParameterizedTest
    @MethodSource("fetchingModules")
    void everyCurlAModuleRuns_startsWithQ_soNoCurlrcOnTheHostIsRead(Module module, Map<String, Object> params) {
        ScriptedHost host = new ScriptedHost().dir("/tmp", 01777);
        catchThrowable(() -> ModuleTester.of(module).plan(params, host));   // the host answers nothing: only what was asked matters
        List<String> curls = new ArrayList<>();
        for (Probe p : host.asked()) {
            if (p instanceof Probe.Run r && r.argv().get(0).equals("curl")) curls.add(String.join(" ", r.argv()));
            if (p instanceof Probe.Run r && r.argv().get(0).equals("sh")) curls.addAll(r.argv().stream().filter(w -> w.contains("curl ")).toList());
        }
        assertThat(curls).isNotEmpty().allSatisfy(c -> assertThat(c).startsWith("curl -q --silent --show-error --location "));
    }
}
