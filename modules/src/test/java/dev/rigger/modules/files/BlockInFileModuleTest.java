package dev.rigger.modules.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.testkit.ScriptedHost;
import dev.rigger.testkit.TestParams;
import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.ModuleException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BlockInFileModuleTest {
    private static final String F = "/etc/f";
    private static final String B = "# BEGIN ANSIBLE MANAGED BLOCK\n";
    private static final String E = "# END ANSIBLE MANAGED BLOCK\n";
    private static final String HOSTS = "172.16.10.189 k8s-master\n172.16.10.190 k8s-slave1\n172.16.10.191 k8s-slave2\n";
    private final BlockInFileModule m = new BlockInFileModule();

    /** State in (file content, null = absent), task parameters, state out (same = no change). */
    record Case(String name, String before, List<Object> params, String after) {
        @Override
        public String toString() { return name; }
    }

    private static Case c(String name, String before, String after, Object... kv) {
        return new Case(name, before, List.of(kv), after);
    }

    static Stream<Case> ansibleBehaviours() {
        return Stream.of(
                c("/etc/hosts entries appended at EOF", "127.0.0.1 localhost\n", "127.0.0.1 localhost\n" + B + HOSTS + E, "block", HOSTS),
                c("same block: nothing", "a\n" + B + HOSTS + E + "z\n", "a\n" + B + HOSTS + E + "z\n", "block", HOSTS),
                c("changed block replaced in place", "a\n" + B + "old\n" + E + "z\n", "a\n" + B + "new\n" + E + "z\n", "block", "new"),
                c("block without trailing newline gets one", "", B + "x\n" + E, "block", "x"),
                c("file without trailing newline", "a", "a\n" + B + "x\n" + E, "block", "x\n"),
                c("state absent removes block and markers", "a\n" + B + "x\n" + E + "z\n", "a\nz\n", "state", "absent"),
                c("empty block removes it", "a\n" + B + "x\n" + E, "a\n", "block", ""),
                c("absent without block: nothing", "a\n", "a\n", "state", "absent"),
                c("absent on a missing file: nothing", null, null, "state", "absent"),
                c("insertafter uses the last match", "[s]\na\n[s]\nb\n", "[s]\na\n[s]\n" + B + "x\n" + E + "b\n", "block", "x", "insertafter", "^\\[s\\]"),
                c("insertbefore regexp", "a\n[s]\nb\n", "a\n" + B + "x\n" + E + "[s]\nb\n", "block", "x", "insertbefore", "^\\[s\\]"),
                c("insertbefore BOF", "a\n", B + "x\n" + E + "a\n", "block", "x", "insertbefore", "BOF"),
                c("anchor without match goes to EOF", "a\n", "a\n" + B + "x\n" + E, "block", "x", "insertafter", "^nope"),
                c("existing block stays where it is despite insertbefore", "a\n" + B + "x\n" + E, "a\n" + B + "y\n" + E, "block", "y", "insertbefore", "BOF"),
                c("custom marker and mark names", "a\n", "a\n<!-- OPEN k8s -->\nx\n<!-- CLOSE k8s -->\n",
                        "block", "x", "marker", "<!-- {mark} k8s -->", "marker_begin", "OPEN", "marker_end", "CLOSE"),
                c("two blocks with different markers live side by side", "a\n" + B + "x\n" + E, "a\n" + B + "x\n" + E + "# BEGIN two\ny\n# END two\n",
                        "block", "y", "marker", "# {mark} two"),
                c("create a missing file", null, B + "x\n" + E, "block", "x", "create", true),
                // a stray marker is a line (Ansible pairs it with the block's marker and deletes what lies between)
                c("stray begin marker after the insert position is kept", "x=1\n" + B + "stray\n",
                        B + "x\n" + E + "x=1\n" + B + "stray\n", "block", "x", "insertbefore", "BOF"),
                c("stray begin marker after the block is kept", "a\n" + B + "old\n" + E + "z\n" + B + "stray\n",
                        "a\n" + B + "new\n" + E + "z\n" + B + "stray\n", "block", "new"),
                c("stray end marker before the block is kept", E + "z\n" + B + "old\n" + E, E + "z\n" + B + "new\n" + E, "block", "new"),
                c("absent leaves a stray begin marker", "a\n" + B + "x\n" + E + "z\n" + B + "stray\n",
                        "a\nz\n" + B + "stray\n", "state", "absent"),
                c("hostile block is data", "", B + "$(touch /tmp/canary)\n`id`; \"q\" 'q' é\n" + E, "block", "$(touch /tmp/canary)\n`id`; \"q\" 'q' é"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ansibleBehaviours")
    void plan_givesAnsiblesResult_andConverges(Case k) {
        ScriptedHost h = host(k.before());
        Change c = m.plan(params(k.params()), h);
        if (k.after() == null || k.after().equals(k.before())) {
            assertThat(c.isNone()).as("no change expected").isTrue();
            return;
        }
        assertThat(new String(FileSteps.write(c).content(), StandardCharsets.UTF_8)).isEqualTo(k.after());
        Diff d = c.diffs().get(0);
        assertThat(d.action()).isEqualTo(k.before() == null ? Diff.Action.CREATE : Diff.Action.UPDATE);
        assertThat(d.before()).isEqualTo(k.before());
        assertThat(d.after()).isEqualTo(k.after());
        FileSteps.apply(h, c);
        assertThat(m.plan(params(k.params()), h).isNone()).as("second plan").isTrue();
    }

    @Test
    void missingFile_withoutCreate_fails() {
        assertThatThrownBy(() -> m.plan(params(List.of("block", "x")), new ScriptedHost()))
                .isInstanceOf(ModuleException.class).hasMessageContaining("does not exist");
    }

    @Test
    void markerWithoutMark_orWithNewline_isRejected() {
        assertThatThrownBy(() -> m.plan(params(List.of("block", "x", "marker", "# managed")), host("")))
                .isInstanceOf(ModuleException.class).hasMessageContaining("same line");
        assertThatThrownBy(() -> m.plan(params(List.of("block", "x", "marker", "# {mark}\nx")), host("")))
                .isInstanceOf(ModuleException.class).hasMessageContaining("one line");
    }

    @Test
    void backup_isAskedOfTheWrite() {
        Change c = m.plan(params(List.of("block", "x", "backup", true)), host("a\n"));
        assertThat(FileSteps.write(c).backup()).isTrue();
    }

    private static ScriptedHost host(String content) {
        ScriptedHost h = new ScriptedHost().dir("/etc", 0755);
        return content == null ? h : h.file(F, content, 0644);
    }

    private TestParams params(List<Object> kv) {
        List<Object> all = new ArrayList<>(List.of("path", F));
        all.addAll(kv);
        return TestParams.of(m.spec(), all.toArray());
    }
}
