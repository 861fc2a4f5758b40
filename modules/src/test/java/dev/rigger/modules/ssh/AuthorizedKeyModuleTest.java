package dev.rigger.modules.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
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

class AuthorizedKeyModuleTest {
    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMkCaRFFVACh9dvy+xJ7l2yo32IWsEWVif8iMniJp3GK me@laptop";
    private static final String FILE = "/srv/keys/authorized_keys";
    private final ModuleTester tester = ModuleTester.of(new AuthorizedKeyModule());

    private static ScriptedHost alice() {
        return new ScriptedHost()
                .answer("getent passwd -- alice", 0, "alice:x:1001:1002:Alice:/home/alice:/bin/bash\n")
                .answer("id -gn -- alice", 0, "staff\n");
    }

    private static String written(Change c) {
        return c.steps().stream().filter(s -> s instanceof Step.WriteFile).map(s -> new String(((Step.WriteFile) s).content(), StandardCharsets.UTF_8))
                .findFirst().orElse(null);
    }

    private static List<List<String>> runs(Change c) {
        return c.steps().stream().filter(s -> s instanceof Step.Run).map(s -> ((Step.Run) s).argv()).toList();
    }

    /**
     * The cases of authorized_key-ansible.json: a file's content and the task's parameters in,
     * what ansible.posix.authorized_key 1.5.4 decided out (changed, the text it writes, or its
     * error), recorded from its own enforce_state by record_authorized_key.py beside it.
     */
    static Stream<Arguments> recordedFromAnsible() throws IOException {
        try (InputStream in = AuthorizedKeyModuleTest.class.getResourceAsStream("authorized_key-ansible.json")) {
            List<Arguments> out = new ArrayList<>();
            for (JsonNode c : new ObjectMapper().readTree(in)) out.add(Arguments.of(c.get("name").asText(), c));
            return out.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("recordedFromAnsible")
    void writesWhatAnsibleWrites(String name, JsonNode c) {
        ScriptedHost host = alice().dir("/srv/keys", 0700, "alice", "staff");
        if (!c.get("existing").isNull()) host.file(FILE, c.get("existing").asText(), 0600, "alice", "staff");
        Map<String, Object> params = new HashMap<>(Map.of("user", "alice", "path", FILE));
        c.get("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().isBoolean() ? e.getValue().asBoolean() : e.getValue().asText()));
        if (c.has("error")) {
            assertThatThrownBy(() -> tester.plan(params, host)).isInstanceOf(ModuleException.class);
            return;
        }
        Change change = tester.plan(params, host);
        assertThat(!change.isNone()).as("changed").isEqualTo(c.get("changed").asBoolean());
        if (c.get("changed").asBoolean()) {
            // where Rigger deliberately differs (docs/modules/authorized_key.md), the case says what it writes and why
            assertThat(written(change)).isEqualTo(c.has("rigger_after") ? c.get("rigger_after").asText() : c.get("after").asText());
            if (!c.get("after").asText().isEmpty()) tester.assertIdempotent(params, host);
        }
    }

    @Test
    void newFile_underTheHome_makesTheFolder_0700_andTheFile_0600_asTheUser() {
        ScriptedHost host = alice();
        Change c = tester.plan(Map.of("user", "alice", "key", KEY), host);
        assertThat(runs(c)).containsExactly(List.of("mkdir", "-m", "700", "--", "/home/alice/.ssh"),
                List.of("chown", "--", "alice:staff", "/home/alice/.ssh"));
        Step.WriteFile w = (Step.WriteFile) c.steps().get(2);
        assertThat(w.path()).isEqualTo("/home/alice/.ssh/authorized_keys");
        assertThat(List.of(w.mode(), w.owner(), w.group())).containsExactly(0600, "alice", "staff");
        assertThat(c.diffs()).contains(Diff.create("/home/alice/.ssh/authorized_keys", KEY + "\n"));
        assertThat(c.outputs()).containsEntry("keyfile", "/home/alice/.ssh/authorized_keys").containsEntry("user", "alice")
                .containsEntry("exclusive", false).doesNotContainKey("path");
        // the account first (declared), then the folder and file under its home
        assertThat(host.roundTrips()).containsExactly(2, 3);
        assertThat(host.asked().subList(0, 2)).isEqualTo(new AuthorizedKeyModule().firstProbes(tester.bind(Map.of("user", "alice", "key", KEY))));

        ScriptedHost again = alice();
        tester.assertIdempotent(Map.of("user", "alice", "key", KEY), again);
        assertThat(again.state("/home/alice/.ssh").mode()).isEqualTo(0700);
        assertThat(again.state("/home/alice/.ssh").owner()).isEqualTo("alice");
        assertThat(again.state("/home/alice/.ssh/authorized_keys").mode()).isEqualTo(0600);
        assertThat(again.state("/home/alice/.ssh/authorized_keys").group()).isEqualTo("staff");
    }

    @Test
    void withPath_oneRoundTrip_declaredFirst() {
        ScriptedHost host = alice().dir("/srv/keys", 0755);
        Map<String, Object> params = Map.of("user", "alice", "key", KEY, "path", FILE);
        tester.plan(params, host);
        assertThat(host.roundTrips()).containsExactly(5);
        assertThat(host.asked()).isEqualTo(new AuthorizedKeyModule().firstProbes(tester.bind(params)));
    }

    /** As Ansible: the folder's and file's modes and owners are set only when the file is written. */
    @Test
    void keyAlreadyThere_leavesModesAlone_aWriteSetsThem() {
        ScriptedHost host = alice().dir("/home/alice/.ssh", 0755, "root", "root")
                .file("/home/alice/.ssh/authorized_keys", KEY + "\n", 0644, "root", "root");
        assertThat(tester.plan(Map.of("user", "alice", "key", KEY), host).isNone()).isTrue();

        Change c = tester.plan(Map.of("user", "alice", "key", KEY, "comment", "new"), host);
        assertThat(runs(c)).containsExactly(List.of("chmod", "700", "--", "/home/alice/.ssh"),
                List.of("chown", "--", "alice:staff", "/home/alice/.ssh"));
        assertThat(c.diffs()).contains(Diff.update("/home/alice/.ssh mode", "0755", "0700"));
        tester.assertIdempotent(Map.of("user", "alice", "key", KEY, "comment", "new"), host);
        assertThat(host.state("/home/alice/.ssh/authorized_keys").mode()).isEqualTo(0600);
        assertThat(host.state("/home/alice/.ssh/authorized_keys").owner()).isEqualTo("alice");
    }

    @Test
    void manageDirFalse_makesAMissingFolderWithParents_andLeavesAnExistingOneAlone() {
        Change c = tester.plan(Map.of("user", "alice", "key", KEY, "path", FILE, "manage_dir", false), alice());
        assertThat(runs(c)).containsExactly(List.of("mkdir", "-p", "--", "/srv/keys"));
        Change d = tester.plan(Map.of("user", "alice", "key", KEY, "path", FILE, "manage_dir", false), alice().dir("/srv/keys", 0755));
        assertThat(runs(d)).isEmpty();
    }

    @Test
    void follow_writesWhereTheLinkLeads() {
        ScriptedHost host = alice().dir("/srv/keys", 0700, "alice", "staff").link(FILE, "/srv/shared/keys")
                .file("/srv/shared/keys", "", 0600).answer("readlink -m -- " + FILE, 0, "/srv/shared/keys\n");
        Change c = tester.plan(Map.of("user", "alice", "key", KEY, "path", FILE, "follow", true), host);
        assertThat(((Step.WriteFile) c.steps().get(c.steps().size() - 1)).path()).isEqualTo("/srv/shared/keys");
        Change notFollowed = tester.plan(Map.of("user", "alice", "key", KEY, "path", FILE), host);
        assertThat(((Step.WriteFile) notFollowed.steps().get(notFollowed.steps().size() - 1)).path()).isEqualTo(FILE);
    }

    @Test
    void missingUser_failsWithoutPath_isUnknownWithPath_untilAWriteNeedsTheUser() {
        ScriptedHost host = new ScriptedHost().answer("getent passwd -- ghost", 2, "").answer("id -gn -- ghost", 1, "")
                .dir("/srv/keys", 0755);
        assertThatThrownBy(() -> tester.plan(Map.of("user", "ghost", "key", KEY), host))
                .isInstanceOf(ModuleException.class).hasMessageContaining("Failed to lookup user ghost");
        assertThat(tester.plan(Map.of("user", "ghost", "key", KEY, "path", FILE), host).kind()).isEqualTo(Change.Kind.UNKNOWN);
        host.file(FILE, KEY + "\n", 0600);
        assertThat(tester.plan(Map.of("user", "ghost", "key", KEY, "path", FILE), host).isNone()).isTrue();
    }

    @Test
    void hostileValues_areLiteralArgumentsAndContent() {
        String user = "a$(touch /tmp/x)`id`";
        ScriptedHost host = new ScriptedHost()
                .answer("getent passwd -- " + user, 0, user + ":x:1001:1002::/home/a b:/bin/sh\n")
                .answer("id -gn -- " + user, 0, "g\n");
        String key = KEY.replace("me@laptop", "$(touch /tmp/y) \"q\" 'r' `id`");
        Change c = tester.plan(Map.of("user", user, "key", key, "key_options", "command=\"$(id)\""), host);
        assertThat(runs(c)).contains(List.of("chown", "--", user + ":g", "/home/a b/.ssh"));
        assertThat(written(c)).isEqualTo("command=\"$(id)\" " + key + "\n");
        assertThat(c.steps()).noneMatch(s -> s instanceof Step.Shell);
    }

    @Test
    void refusals() {
        assertThatThrownBy(() -> tester.plan(Map.of("user", "alice", "key", "https://github.com/alice.keys"), alice()))
                .isInstanceOf(ModuleException.class).hasMessageContaining("a key from a URL is not supported");
        assertThat(tester.problems(Map.of("user", "alice", "key", KEY, "path", "keys/x"))).singleElement().asString().contains("absolute");
        assertThat(tester.problems(Map.of("user", "alice"))).isNotEmpty();
        assertThatThrownBy(() -> tester.plan(Map.of("user", "alice", "key", KEY, "path", "/srv/keys"), alice().dir("/srv/keys", 0700)))
                .isInstanceOf(ModuleException.class).hasMessageContaining("is a directory");
    }

    @Test
    void registered_underItsAnsibleNames() {
        tester.assertRegistered();
        assertThat(new AuthorizedKeyModule().aliases()).contains("ansible.posix.authorized_key", "ansible.builtin.authorized_key");
        assertThat(new AuthorizedKeyModule().firstProbes(tester.bind(Map.of("user", "alice", "key", KEY))))
                .containsExactly(new Probe.Run(List.of("getent", "passwd", "--", "alice")), new Probe.Run(List.of("id", "-gn", "--", "alice")));
    }
}
