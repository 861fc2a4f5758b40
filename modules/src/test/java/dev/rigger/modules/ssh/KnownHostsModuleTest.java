package dev.rigger.modules.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigger.spi.Change;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Probe;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class KnownHostsModuleTest {
    private static final String K1 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMkCaRFFVACh9dvy+xJ7l2yo32IWsEWVif8iMniJp3GK";
    private static final String FILE = "/etc/ssh/ssh_known_hosts";
    private final ModuleTester tester = ModuleTester.of(new KnownHostsModule());

    private static String written(Change c) {
        return c.steps().stream().filter(s -> s instanceof Step.WriteFile).map(s -> new String(((Step.WriteFile) s).content(), StandardCharsets.UTF_8))
                .findFirst().orElse(null);
    }

    /**
     * The cases of known_hosts-ansible.json: ansible.builtin.known_hosts (ansible-core 2.14) run for
     * real by record_known_hosts.py on a scratch file, with what this machine's ssh-keygen -F
     * (OpenSSH 9.2) answered; the scripted host answers the same.
     */
    static Stream<Arguments> recordedFromAnsible() throws IOException {
        try (InputStream in = KnownHostsModuleTest.class.getResourceAsStream("known_hosts-ansible.json")) {
            List<Arguments> out = new ArrayList<>();
            for (JsonNode c : new ObjectMapper().readTree(in)) out.add(Arguments.of(c.get("name").asText(), c));
            return out.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordedFromAnsible")
    void decidesAndWritesWhatAnsibleDoes(String name, JsonNode c) {
        ScriptedHost host = new ScriptedHost().dir("/etc/ssh", 0755);
        if (!c.get("existing").isNull()) host.file(FILE, c.get("existing").asText(), 0644);
        Map<String, Object> params = new HashMap<>(Map.of("path", FILE));
        c.get("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
        String lookup = "ssh-keygen -F " + c.get("params").get("name").asText().toLowerCase() + " -f " + FILE;
        if (c.has("keygen")) host.answer(lookup, c.get("keygen").get("rc").asInt(), c.get("keygen").get("out").asText());
        if (c.has("error")) {
            assertThatThrownBy(() -> tester.plan(params, host)).isInstanceOf(ModuleException.class).hasMessage(c.get("error").asText());
            return;
        }
        Change change = tester.plan(params, host);
        assertThat(!change.isNone()).as("changed").isEqualTo(c.get("changed").asBoolean()).isEqualTo(c.get("check_changed").asBoolean());
        if (change.isNone()) return;
        assertThat(written(change)).isEqualTo(c.get("after").asText());
    }

    @Test
    void absentWithoutKey_runsSshKeygenR_andShowsTheLinesItDrops() {
        ScriptedHost host = new ScriptedHost().file(FILE, "b " + K1 + "\na " + K1 + "\n", 0644)
                .answer("ssh-keygen -F a -f " + FILE, 0, "# Host a found: line 2 \na " + K1 + "\n");
        Change c = tester.plan(Map.of("name", "a", "state", "absent", "path", FILE), host);
        assertThat(c.steps()).containsExactly(Step.Run.of("ssh-keygen", "-R", "a", "-f", FILE));
        assertThat(c.diffs().get(0).after()).isEqualTo("b " + K1 + "\n");
    }

    @Test
    void hashHost_writesAValidHashedField_theSameOnEveryPlan_andIsThenFound() {
        ScriptedHost host = new ScriptedHost().dir("/etc/ssh", 0755);
        Map<String, Object> params = Map.of("name", "a.example", "key", "a.example " + K1, "path", FILE, "hash_host", true);
        String line = written(tester.plan(params, host));
        assertThat(written(tester.plan(params, host))).isEqualTo(line);
        String field = line.split(" ")[0];
        assertThat(field).startsWith("|1|");
        assertThat(HostField.matches(field, "a.example")).isTrue();
        assertThat(HostField.matches(field, "b.example")).isFalse();
        // ssh-keygen -F then finds the hashed line: the same key, so nothing to do
        host.file(FILE, line, 0644).answer("ssh-keygen -F a.example -f " + FILE, 0, "# Host a.example found: line 1 \n" + line);
        assertThat(tester.plan(Map.of("name", "a.example", "key", "a.example " + K1, "path", FILE, "hash_host", true), host).isNone()).isTrue();
    }

    /** A hashed field written by ssh-keygen -H for a.example (recorded), and OpenSSH's patterns. */
    @Test
    void hostField_matchesAsSshKeygen() {
        assertThat(HostField.matches("|1|AvbN9sIgTpvWzNyRFdpgWqbfN9U=|QaW0BSe2Tgxq99Z/pZ/rO/zqzak=", "a.example")).isTrue();
        assertThat(HostField.matches("|1|AvbN9sIgTpvWzNyRFdpgWqbfN9U=|QaW0BSe2Tgxq99Z/pZ/rO/zqzak=", "b.example")).isFalse();
        assertThat(HostField.matches("*.example,!bad.example", "a.example")).isTrue();
        assertThat(HostField.matches("*.example,!bad.example", "bad.example")).isFalse();
        assertThat(HostField.matches("host?", "HOST1")).isTrue();
        assertThat(HostField.matches("[a]:2222", "a")).isFalse();
    }

    @Test
    void tildePath_isTheConnectingUsersHome_askedFirst() {
        ScriptedHost host = new ScriptedHost().answer("echo ~", 0, "/root\n").dir("/root/.ssh", 0700);
        Change c = tester.plan(Map.of("name", "a", "key", "a " + K1), host);
        assertThat(((Step.WriteFile) c.steps().get(0)).path()).isEqualTo("/root/.ssh/known_hosts");
        assertThat(c.outputs()).containsEntry("path", "/root/.ssh/known_hosts");
        assertThat(host.roundTrips()).containsExactly(1, 3);
        assertThat(host.asked().get(0)).isEqualTo(new Probe.Shell("echo ~"));
    }

    @Test
    void refusals() {
        ScriptedHost host = new ScriptedHost();
        assertThatThrownBy(() -> tester.plan(Map.of("name", "a", "path", FILE), host)).hasMessage("No key specified when adding a host");
        assertThatThrownBy(() -> tester.plan(Map.of("name", "a", "key", "a " + K1 + "\nevil " + K1, "path", FILE), host))
                .hasMessageContaining("one known_hosts line");
        assertThatThrownBy(() -> tester.plan(Map.of("name", "a", "key", "a " + K1, "path", "known"), host)).hasMessageContaining("absolute");
        assertThatThrownBy(() -> tester.plan(Map.of("name", "a", "key", "a ssh-ed25519", "path", FILE), host)).hasMessageContaining("HOSTS TYPE KEY");
        assertThat(tester.problems(Map.of("name", "a\nb", "key", "x"))).isNotEmpty();
        ScriptedHost noKeygen = new ScriptedHost().file(FILE, "", 0644);
        assertThatThrownBy(() -> tester.plan(Map.of("name", "a", "key", "a " + K1, "path", FILE), noKeygen)).hasMessageContaining("ssh-keygen");
    }

    @Test
    void registered() {
        tester.assertRegistered();
        assertThat(new KnownHostsModule().aliases()).contains("ansible.builtin.known_hosts");
        assertThat(new KnownHostsModule().firstProbes(tester.bind(Map.of("name", "A", "path", FILE, "key", "a " + K1))))
                .containsExactly(new Probe.Stat(FILE), new Probe.Read(FILE), new Probe.Run(List.of("ssh-keygen", "-F", "a", "-f", FILE)));
    }
}
