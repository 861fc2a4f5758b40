package dev.rigger.modules.packages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigger.spi.Change;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AptRepositoryModuleTest {
    private final ModuleTester tester = ModuleTester.of(new AptRepositoryModule());

    /** What READ_SOURCES prints for these files. */
    private static String answer(Map<String, String> files) {
        StringBuilder b = new StringBuilder();
        files.forEach((p, t) -> b.append(p).append('\n').append(Base64.getEncoder().encodeToString(t.getBytes(StandardCharsets.UTF_8))).append('\n'));
        return b.toString();
    }

    /**
     * The cases of apt_repository-ansible.json: ansible.builtin.apt_repository (ansible-core 2.14)'s
     * own SourcesList run by record_apt_repository.py on scratch copies of the files; Rigger must
     * decide the same, write the same files and remove the same.
     */
    static Stream<Arguments> recordedFromAnsible() throws IOException {
        try (InputStream in = AptRepositoryModuleTest.class.getResourceAsStream("apt_repository-ansible.json")) {
            List<Arguments> out = new ArrayList<>();
            for (JsonNode c : new ObjectMapper().readTree(in)) out.add(Arguments.of(c.get("name").asText(), c));
            return out.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordedFromAnsible")
    void decidesAndWritesWhatAnsibleDoes(String name, JsonNode c) {
        Map<String, String> files = new TreeMap<>();
        c.get("files").fields().forEachRemaining(e -> files.put(e.getKey(), e.getValue().asText()));
        ScriptedHost host = new ScriptedHost().answer(AptRepositoryModule.READ_SOURCES, 0, answer(files));
        Map<String, Object> params = new HashMap<>(Map.of("update_cache", false));
        c.get("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        if (c.has("error")) {
            String error = c.get("error").asText();
            var thrown = assertThatThrownBy(() -> tester.plan(params, host)).isInstanceOf(ModuleException.class);
            if (!error.startsWith("IndexError")) thrown.hasMessage(error);
            return;
        }
        Change change = tester.plan(params, host);
        assertThat(!change.isNone()).as("changed").isEqualTo(c.get("changed").asBoolean());
        if (change.isNone()) return;
        Map<String, String> written = new TreeMap<>();
        Map<String, Integer> modes = new TreeMap<>();
        List<String> removed = new ArrayList<>();
        for (Step s : change.steps()) {
            if (s instanceof Step.WriteFile w) {
                written.put(w.path(), new String(w.content(), StandardCharsets.UTF_8));
                if (w.mode() != null) modes.put(w.path(), w.mode());
            } else if (s instanceof Step.Run r && r.argv().get(0).equals("rm")) {
                removed.add(r.argv().get(3));
            }
        }
        Map<String, String> expected = new TreeMap<>();
        c.get("written").fields().forEachRemaining(e -> {
            expected.put(e.getKey(), e.getValue().get("content").asText());
            if (e.getValue().has("mode")) {
                int mode = Integer.parseInt(e.getValue().get("mode").asText().substring(2), 8);
                assertThat(modes.getOrDefault(e.getKey(), mode)).as("mode of " + e.getKey()).isEqualTo(mode);
            }
        });
        assertThat(written).isEqualTo(expected);
        assertThat(removed).containsExactlyInAnyOrderElementsOf(files.keySet().stream().filter(f -> !expected.containsKey(f)).toList());
    }

    @Test
    void change_updatesTheCache_withAnsiblesRetries_unlessAskedNotTo() {
        ScriptedHost host = new ScriptedHost().answer(AptRepositoryModule.READ_SOURCES, 0, "");
        Change c = tester.plan(Map.of("repo", "deb file:/srv/repo ./", "update_cache_retries", 3), host);
        assertThat(c.steps().get(c.steps().size() - 1)).isEqualTo(Step.Run.of("sh", "-c", AptRepositoryModule.UPDATE, "apt_repository", "3", "12"));
        assertThat(c.outputs()).containsEntry("repo", "deb file:/srv/repo ./").containsEntry("state", "present");
        assertThat(host.roundTrips()).containsExactly(1);
    }

    @Test
    void ppa_isRefused_sayingWhatToWriteInstead() {
        assertThatThrownBy(() -> tester.plan(Map.of("repo", "ppa:deadsnakes/ppa"), new ScriptedHost()))
                .hasMessageStartingWith("ppa: repositories are not supported");
    }
}
