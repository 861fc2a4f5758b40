package com.example.rigger.sshkey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Probe;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Planning against scripted host state: state in, change out. No host is touched. */
class SshKeyModuleTest {
    static final String BODY = "AAAAC3NzaC1lZDI1NTE5AAAAIMkCaRFFVACh9dvy+xJ7l2yo32IWsEWVif8iMniJp3GK";
    static final String KEY = "ssh-ed25519 " + BODY + " ops@example";
    static final String OTHER = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJbyGWGjeMzHRlRNoE3xvDS/bl44tw7NYBdbharTCDG6 lab@client";
    static final String RSA_BODY = "AAAAB3NzaC1yc2EAAAADAQABAAAACDEyMzQ1Njc4";

    private final ModuleTester tester = ModuleTester.of(new SshKeyModule());

    /** root's account, /root/.ssh at 0700 and (when {@code content} is not null) its authorized_keys at 0600. */
    private static ScriptedHost root(String content) {
        ScriptedHost h = new ScriptedHost()
                .answer("getent passwd root", 0, "root:x:0:0:root:/root:/bin/bash\n")
                .answer("id -gn root", 0, "root\n")
                .dir("/root/.ssh", 0700);
        return content == null ? h : h.file("/root/.ssh/authorized_keys", content, 0600);
    }

    private static ScriptedHost alice() {
        return new ScriptedHost()
                .answer("getent passwd alice", 0, "alice:x:1001:1002:Alice:/home/alice:/bin/bash\n")
                .answer("id -gn alice", 0, "staff\n");
    }

    private static Map<String, Object> params(String user, String key, Object... kv) {
        Map<String, Object> m = new HashMap<>(Map.of("user", user, "key", key));
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    private static Step.WriteFile onlyWrite(Change c) {
        assertThat(c.steps()).singleElement().isInstanceOf(Step.WriteFile.class);
        return (Step.WriteFile) c.steps().get(0);
    }

    private static String text(Step.WriteFile w) {
        return new String(w.content(), StandardCharsets.UTF_8);
    }

    static Stream<Arguments> contentCases() {
        String keyOldComment = "ssh-ed25519 " + BODY + " old@laptop";
        return Stream.of(
                Arguments.of("no file: the key is written", null, Map.of(), KEY + "\n"),
                Arguments.of("key present with the same comment: nothing to do", OTHER + "\n" + KEY + "\n", Map.of(), null),
                Arguments.of("key present with another comment: its line is replaced in place",
                        OTHER + "\n" + keyOldComment + "\n# note\n", Map.of(), OTHER + "\n" + KEY + "\n# note\n"),
                Arguments.of("key present behind options: replaced by the given line, as Ansible does",
                        "from=\"10.0.0.1\",no-pty " + keyOldComment + "\n", Map.of(), KEY + "\n"),
                Arguments.of("key missing: appended, other lines and comments kept (missing final newline added)",
                        "# team keys\n" + OTHER, Map.of(), "# team keys\n" + OTHER + "\n" + KEY + "\n"),
                Arguments.of("same key on two lines: one line is left", KEY + "\n" + OTHER + "\n" + keyOldComment + "\n",
                        Map.of(), KEY + "\n" + OTHER + "\n"),
                Arguments.of("absent: only that key's line is removed, whatever its comment",
                        OTHER + "\n" + keyOldComment + "\n# note\n", Map.of("state", "absent"), OTHER + "\n# note\n"),
                Arguments.of("absent, key not in the file: nothing to do", OTHER + "\n", Map.of("state", "absent"), null),
                Arguments.of("absent, no file: nothing to do (nothing created)", null, Map.of("state", "absent"), null),
                Arguments.of("exclusive: every other line goes", "# team keys\n" + OTHER + "\n" + KEY + "\n",
                        Map.of("exclusive", true), KEY + "\n"),
                Arguments.of("exclusive, the file already holds only the key: nothing to do", KEY + "\n",
                        Map.of("exclusive", true), null),
                Arguments.of("exclusive with state=absent: only the key is removed, as Ansible does",
                        OTHER + "\n" + KEY + "\n", Map.of("state", "absent", "exclusive", true), OTHER + "\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("contentCases")
    void content_stateIn_fileOut(String scenario, String before, Map<String, Object> extra, String expected) {
        Map<String, Object> p = params("root", KEY);
        p.putAll(extra);
        Change c = tester.plan(p, root(before));
        if (expected == null) {
            assertThat(c.isNone()).as("no change expected, got %s", c.diffs()).isTrue();
            return;
        }
        Step.WriteFile w = onlyWrite(c);
        assertThat(text(w)).isEqualTo(expected);
        assertThat(w.path()).isEqualTo("/root/.ssh/authorized_keys");
        assertThat(w.mode()).isEqualTo(0600);
        assertThat(w.owner()).isEqualTo("root");
        assertThat(w.group()).isEqualTo("root");
        assertThat(c.diffs().get(0).subject()).isEqualTo("/root/.ssh/authorized_keys");
        assertThat(c.diffs().get(0).after()).isEqualTo(expected);
        assertThat(c.outputs()).containsEntry("keyfile", "/root/.ssh/authorized_keys");
    }

    @Test
    void freshUser_withoutSshDir_createsDir0700_thenWritesFile0600_inTwoRoundTrips() {
        ScriptedHost h = alice();
        Change c = tester.plan(params("alice", KEY), h);
        assertThat(c.steps()).hasSize(3);
        assertThat(c.steps().get(0)).isInstanceOfSatisfying(Step.Run.class,
                r -> assertThat(r.argv()).containsExactly("mkdir", "-m", "700", "--", "/home/alice/.ssh"));
        assertThat(c.steps().get(1)).isInstanceOfSatisfying(Step.Run.class,
                r -> assertThat(r.argv()).containsExactly("chown", "--", "alice:staff", "/home/alice/.ssh"));
        assertThat(c.steps().get(2)).isInstanceOfSatisfying(Step.WriteFile.class, w -> {
            assertThat(w.path()).isEqualTo("/home/alice/.ssh/authorized_keys");
            assertThat(text(w)).isEqualTo(KEY + "\n");
            assertThat(List.of(w.mode(), w.owner(), w.group())).containsExactly(0600, "alice", "staff");
        });
        assertThat(c.diffs()).extracting(Diff::action).containsOnly(Diff.Action.CREATE);
        assertThat(h.roundTrips()).containsExactly(2, 3);
        assertThat(h.asked().subList(2, 5)).containsExactly(new Probe.Stat("/home/alice/.ssh"),
                new Probe.Stat("/home/alice/.ssh/authorized_keys"), new Probe.Read("/home/alice/.ssh/authorized_keys"));
    }

    @Test
    void wrongDirMode_isChmoddedOnly() {
        ScriptedHost h = root(KEY + "\n").dir("/root/.ssh", 0755);
        Change c = tester.plan(params("root", KEY), h);
        assertThat(c.diffs()).singleElement().isEqualTo(Diff.update("/root/.ssh mode", "0755", "0700"));
        assertThat(c.steps()).singleElement().isInstanceOfSatisfying(Step.Run.class,
                r -> assertThat(r.argv()).containsExactly("chmod", "700", "--", "/root/.ssh"));
    }

    @Test
    void wrongFileMode_isRewrittenAtomically_withTheSameContent() {
        ScriptedHost h = root(null).file("/root/.ssh/authorized_keys", KEY + "\n", 0644);
        Change c = tester.plan(params("root", KEY), h);
        assertThat(c.diffs()).singleElement().isEqualTo(Diff.update("/root/.ssh/authorized_keys mode", "0644", "0600"));
        assertThat(text(onlyWrite(c))).isEqualTo(KEY + "\n");
    }

    @Test
    void dirAndFileOwnedBySomeoneElse_areGivenToTheUserAndPrimaryGroup() {
        ScriptedHost h = alice().dir("/home/alice/.ssh", 0700).file("/home/alice/.ssh/authorized_keys", KEY + "\n", 0600);
        Change c = tester.plan(params("alice", KEY), h);
        assertThat(c.diffs()).containsExactly(Diff.update("/home/alice/.ssh owner", "root:root", "alice:staff"),
                Diff.update("/home/alice/.ssh/authorized_keys owner", "root:root", "alice:staff"));
        assertThat(c.steps().get(0)).isInstanceOfSatisfying(Step.Run.class,
                r -> assertThat(r.argv()).containsExactly("chown", "--", "alice:staff", "/home/alice/.ssh"));
        assertThat(c.steps().get(1)).isInstanceOfSatisfying(Step.WriteFile.class, w -> assertThat(w.owner()).isEqualTo("alice"));
    }

    @Test
    void manageDirFalse_leavesTheDirectoryAlone() {
        ScriptedHost h = root(KEY + "\n").dir("/root/.ssh", 0755);
        assertThat(tester.plan(params("root", KEY, "manage_dir", false), h).isNone()).isTrue();
    }

    @Test
    void path_overridesTheFile_andItsDirectoryIsManaged() {
        ScriptedHost h = alice().dir("/etc/ssh/keys", 0755);
        Change c = tester.plan(params("alice", KEY, "path", "/etc/ssh/keys/alice"), h);
        assertThat(c.diffs()).first().isEqualTo(Diff.update("/etc/ssh/keys mode", "0755", "0700"));
        assertThat(c.steps()).last().isInstanceOfSatisfying(Step.WriteFile.class,
                w -> assertThat(w.path()).isEqualTo("/etc/ssh/keys/alice"));
    }

    @Test
    void hostileComment_landsLiterallyInTheFile_andInNoCommand() {
        String comment = "it's \"me\" $(touch /tmp/pwned) `id` ; rm -rf / #";
        Change c = tester.plan(params("root", "ssh-ed25519 " + BODY + " " + comment), root(OTHER + "\n"));
        assertThat(text(onlyWrite(c))).isEqualTo(OTHER + "\nssh-ed25519 " + BODY + " " + comment + "\n");
    }

    @Test
    void keyWithANewline_isRejected_beforeAnyProbe() {
        ScriptedHost h = root(null);
        assertThatThrownBy(() -> tester.plan(params("root", KEY + "\n" + OTHER), h))
                .isInstanceOf(ModuleException.class).hasMessageContaining("single line");
        assertThat(h.asked()).isEmpty();
    }

    @Test
    void keyWithATrailingNewline_fromAYamlBlock_isAccepted() {
        assertThat(tester.plan(params("root", KEY + "\n"), root(KEY + "\n")).isNone()).isTrue();
    }

    static Stream<Arguments> malformedKeys() {
        return Stream.of(
                Arguments.of("not a key at all", "is not a key type"),
                Arguments.of("ssh-ed25519", "no base64 body"),
                Arguments.of("ssh-ed25519 !!!notbase64 me", "no base64 body"),
                Arguments.of("ssh-ed25519 QUJD me", "not an OpenSSH public key"),
                Arguments.of("ssh-rsa " + BODY + " me", "says it is ssh-rsa but its body is a ssh-ed25519 key"),
                Arguments.of("ssh-ed25519 " + RSA_BODY, "says it is ssh-ed25519 but its body is a ssh-rsa key"),
                Arguments.of("from=\"10.0.0.1\" " + KEY, "key options are not supported"),
                Arguments.of("ssh-ed25519 " + BODY + " bell\u0007", "control character"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedKeys")
    void malformedKey_isRejectedWithAClearMessage(String key, String message) {
        assertThatThrownBy(() -> tester.plan(params("root", key), root(null)))
                .isInstanceOf(ModuleException.class).hasMessageContaining(message);
    }

    @Test
    void userThatDoesNotExist_failsNamingTheUserAndHost() {
        ScriptedHost h = new ScriptedHost().answer("getent passwd ghost", 2, "").answer("id -gn ghost", 1, "");
        assertThatThrownBy(() -> tester.plan(params("ghost", KEY), h))
                .isInstanceOf(ModuleException.class).hasMessage("user 'ghost' does not exist on scripted");
    }

    @Test
    void hostileUserName_isRejected_beforeAnyProbe() {
        ScriptedHost h = new ScriptedHost();
        assertThatThrownBy(() -> tester.plan(params("root; rm -rf /", KEY), h))
                .isInstanceOf(ModuleException.class).hasMessageContaining("not a valid user name");
        assertThat(h.asked()).isEmpty();
    }

    @Test
    void fileThatIsASymlink_isRefused() {
        ScriptedHost h = root(null).link("/root/.ssh/authorized_keys", "/etc/shared_keys");
        assertThatThrownBy(() -> tester.plan(params("root", KEY), h))
                .isInstanceOf(ModuleException.class).hasMessage("/root/.ssh/authorized_keys is a link, not a regular file");
    }

    @Test
    void relativePath_isRejected() {
        assertThatThrownBy(() -> tester.plan(params("root", KEY, "path", "keys/root"), root(null)))
                .isInstanceOf(ModuleException.class).hasMessageContaining("absolute");
    }

    @Test
    void fileDirectlyUnderRoot_withManageDir_isRefused_ratherThanChmoddingSlash() {
        assertThatThrownBy(() -> tester.plan(params("root", KEY, "path", "/authorized_keys"), root(null)))
                .isInstanceOf(ModuleException.class).hasMessageContaining("refusing to manage /");
        assertThat(tester.plan(params("root", KEY, "path", "/authorized_keys", "manage_dir", false),
                root(null).dir("/", 0755)).steps()).singleElement().isInstanceOf(Step.WriteFile.class);
    }

    @Test
    void spec_bindsLikeTheEngine_userAndKeyRequired_stateChecked() {
        assertThat(tester.problems(Map.of("key", KEY))).containsExactly("module 'ssh_key' needs argument 'user'");
        assertThat(tester.problems(Map.of("user", "root", "key", KEY, "state", "gone"))).singleElement()
                .asString().contains("state");
        assertThat(tester.bind(Map.of("user", "root", "key", KEY)).values())
                .containsEntry("state", "present").containsEntry("manage_dir", true).containsEntry("exclusive", false);
    }

    @Test
    void registeredInMetaInfServices_withItsAnsibleAlias() {
        assertThat(ServiceLoader.load(Module.class)).anySatisfy(m -> {
            assertThat(m).isInstanceOf(SshKeyModule.class);
            assertThat(m.aliases()).isEmpty();
            assertThat(m.examples()).contains("ssh_key:");
        });
    }
}
