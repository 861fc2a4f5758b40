package dev.rigger.modules.files;

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
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CopyModuleTest {
    private final CopyModule m = new CopyModule();

    private TestParams params(Object... kv) {
        return TestParams.of(m.spec(), kv);
    }

    private static ScriptedHost etc() {
        return new ScriptedHost().dir("/etc", 0755);
    }

    @Test
    void content_toMissingFile_isCreated_withOneStatTrip_andConverges() {
        ScriptedHost h = etc();
        TestParams p = params("dest", "/etc/motd", "content", "hello\n", "mode", 0640);
        Change c = m.plan(p, h);
        assertThat(c.diffs()).extracting(Diff::action).containsExactly(Diff.Action.CREATE, Diff.Action.CREATE);
        assertThat(c.diffs().get(0).after()).isEqualTo("hello\n");
        assertThat(FileSteps.write(c).mode()).isEqualTo(0640);
        assertThat(h.roundTrips()).containsExactly(2);
        assertThat(h.asked()).noneMatch(Probe.Read.class::isInstance);
        FileSteps.apply(h, c);
        assertThat(m.plan(p, h).isNone()).isTrue();
    }

    @Test
    void checksumMatches_nothingIsReadOrWritten() {
        ScriptedHost h = etc().file("/etc/motd", "hello\n", 0644);
        assertThat(m.plan(params("dest", "/etc/motd", "content", "hello\n"), h).isNone()).isTrue();
        assertThat(h.asked()).noneMatch(Probe.Read.class::isInstance);
    }

    @Test
    void checksumDiffers_oldContentIsReadForTheDiff_thenReplaced() {
        ScriptedHost h = etc().file("/etc/motd", "old\n", 0644);
        TestParams p = params("dest", "/etc/motd", "content", "new\n");
        Change c = m.plan(p, h);
        assertThat(c.diffs()).singleElement().satisfies(d -> {
            assertThat(d.action()).isEqualTo(Diff.Action.UPDATE);
            assertThat(d.before()).isEqualTo("old\n");
            assertThat(d.after()).isEqualTo("new\n");
        });
        assertThat(h.roundTrips()).containsExactly(2, 1);
        FileSteps.apply(h, c);
        assertThat(FileSteps.content(h, "/etc/motd")).isEqualTo("new\n");
        assertThat(m.plan(p, h).isNone()).isTrue();
    }

    @Test
    void sameContent_modeDiffers_onlyChmod() {
        ScriptedHost h = etc().file("/etc/motd", "x\n", 0644);
        Change c = m.plan(params("dest", "/etc/motd", "content", "x\n", "mode", 0600), h);
        assertThat(c.steps()).singleElement().isInstanceOfSatisfying(Step.Run.class,
                r -> assertThat(r.argv()).containsExactly("chmod", "600", "--", "/etc/motd"));
    }

    @Test
    void forceFalse_existingFileIsLeftAlone() {
        ScriptedHost h = etc().file("/etc/motd", "theirs\n", 0644);
        assertThat(m.plan(params("dest", "/etc/motd", "content", "ours\n", "force", false), h).isNone()).isTrue();
        assertThat(m.plan(params("dest", "/etc/new", "content", "ours\n", "force", false), h).isNone()).isFalse();
    }

    @Test
    void src_isReadBesideThePlaybook_andDestFolderKeepsItsName() {
        ScriptedHost h = etc().dir("/etc/yum.repos.d", 0755);
        TestParams p = params("src", "files/k8s.repo", "dest", "/etc/yum.repos.d/");
        p.localFile("files/k8s.repo", "[k8s]\n");
        Change c = m.plan(p, h);
        assertThat(FileSteps.write(c).path()).isEqualTo("/etc/yum.repos.d/k8s.repo");
        TestParams intoDir = params("src", "k8s.repo", "dest", "/etc/yum.repos.d");
        intoDir.localFile("k8s.repo", "[k8s]\n");
        assertThat(FileSteps.write(m.plan(intoDir, h)).path()).isEqualTo("/etc/yum.repos.d/k8s.repo");
    }

    @Test
    void contentIntoAFolder_orAMissingFolder_fails() {
        ScriptedHost h = etc();
        assertThatThrownBy(() -> m.plan(params("dest", "/etc/", "content", "x"), h)).isInstanceOf(ModuleException.class)
                .hasMessageContaining("needs a file name");
        assertThatThrownBy(() -> m.plan(params("dest", "/etc", "content", "x"), h)).hasMessageContaining("is a directory");
        assertThatThrownBy(() -> m.plan(params("dest", "/nope/x", "content", "x"), h)).hasMessageContaining("destination directory /nope does not exist");
    }

    @Test
    void validate_isSplitWithoutAShell_andBackupIsAsked() {
        Change c = m.plan(params("dest", "/etc/sudoers", "content", "x\n", "validate", "/usr/sbin/visudo -csf %s", "backup", true),
                etc().file("/etc/sudoers", "y\n", 0440));
        Step.WriteFile w = FileSteps.write(c);
        assertThat(w.validate()).containsExactly("/usr/sbin/visudo", "-csf", "%s");
        assertThat(w.backup()).isTrue();
        assertThatThrownBy(() -> m.plan(params("dest", "/etc/sudoers", "content", "x\n", "validate", "visudo -c"), etc()))
                .hasMessageContaining("validate must contain %s");
    }

    @Test
    void binaryContent_isSummarisedInTheDiff() {
        byte[] bin = {0, 1, 2, (byte) 0xff};
        TestParams p = params("src", "blob", "dest", "/etc/blob");
        Params raw = new Params(p, bin);
        Change c = m.plan(raw, etc());
        assertThat(c.diffs().get(0).after()).startsWith("(4 bytes, sha256 ");
        assertThat(FileSteps.write(c).content()).isEqualTo(bin);
    }

    @Test
    void hostileContentAndPath_areData() {
        String dest = "/etc/dír with space/$(touch canary) `id`;'\".conf";
        String content = "$(touch /tmp/canary)\n`id`; \"q\" 'q' \\ é\n";
        ScriptedHost h = etc().dir("/etc/dír with space", 0755);
        Change c = m.plan(params("dest", dest, "content", content), h);
        Step.WriteFile w = FileSteps.write(c);
        assertThat(w.path()).isEqualTo(dest);
        assertThat(new String(w.content(), StandardCharsets.UTF_8)).isEqualTo(content);
        FileSteps.apply(h, c);
        assertThat(m.plan(params("dest", dest, "content", content), h).isNone()).isTrue();
    }

    @Test
    void symlinkDest_writesTheTarget() {
        ScriptedHost h = etc().link("/etc/motd", "motd.real").file("/etc/motd.real", "a\n", 0644)
                .answer("realpath -- /etc/motd", 0, "/etc/motd.real\n");
        assertThat(FileSteps.write(m.plan(params("dest", "/etc/motd", "content", "b\n"), h)).path()).isEqualTo("/etc/motd.real");
        assertThat(m.plan(params("dest", "/etc/motd", "content", "a\n"), h).isNone()).isTrue();
    }

    /** TestParams with a binary local file (TestParams keeps strings). */
    private record Params(TestParams base, byte[] file) implements dev.rigger.spi.Params {
        public java.util.Map<String, Object> values() { return base.values(); }

        public byte[] localFile(String name) { return file; }

        public String template(String name) { return base.template(name); }
    }

    @org.junit.jupiter.api.Test
    void relativeDest_isRefusedByTheSpec() {
        assertThat(ModuleTester.of(m).problems(Map.of("dest", "etc/motd", "content", "x\n")))
                .containsExactly("argument 'dest' of module 'copy' must be an absolute path or one starting with ~, got 'etc/motd'");
    }

    /** As Ansible's copy action: a list or mapping content (a lone {{ }} of one) is written as json.dumps writes it; a bool as True. */
    @Test
    void content_ofAListOrMapping_isWrittenAsPythonsJson_andABooleanAsPythonsStr() {
        Map<String, Object> d = new java.util.LinkedHashMap<>();
        d.put("k", 1L);
        d.put("n", null);
        d.put("x", java.util.List.of("\u00e9", 1.5, true, "q\"\n"));
        assertThat(CopyModule.content(d)).isEqualTo("{\"k\": 1, \"n\": null, \"x\": [\"\\u00e9\", 1.5, true, \"q\\\"\\n\"]}");
        assertThat(CopyModule.content(java.util.List.of())).isEqualTo("[]");
        assertThat(CopyModule.content(true)).isEqualTo("True");
        assertThat(CopyModule.content(5L)).isEqualTo("5");
        assertThat(CopyModule.content("as is")).isEqualTo("as is");
        assertThat(CopyModule.pyFloat(1e20)).isEqualTo("1e+20");
        assertThat(CopyModule.pyFloat(1.5e-5)).isEqualTo("1.5e-05");
        assertThat(CopyModule.pyFloat(12345678.0)).isEqualTo("12345678.0");
        assertThat(CopyModule.pyFloat(0.001)).isEqualTo("0.001");
        ScriptedHost h = etc();
        Change c = m.plan(params("dest", "/etc/list.json", "content", java.util.List.of("a", "b")), h);
        assertThat(c.diffs().get(0).after()).isEqualTo("[\"a\", \"b\"]");
    }
}
