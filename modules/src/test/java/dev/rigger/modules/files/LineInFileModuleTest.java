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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LineInFileModuleTest {
    private static final String F = "/etc/f";
    private final LineInFileModule m = new LineInFileModule();

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
                c("regexp replaces the last match", "a=1\nb=2\na=3\n", "a=1\nb=2\na=9\n", "regexp", "^a=", "line", "a=9"),
                c("firstmatch replaces the first match", "a=1\nb=2\na=3\n", "a=9\nb=2\na=3\n", "regexp", "^a=", "line", "a=9", "firstmatch", true),
                c("regexp already satisfied", "a=1\nSELINUX=disabled\n", "a=1\nSELINUX=disabled\n", "regexp", "^SELINUX=", "line", "SELINUX=disabled"),
                c("regexp no match, line added at EOF", "a=1\n", "a=1\nb=2\n", "regexp", "^b=", "line", "b=2"),
                c("regexp no match but line present: nothing", "b=2\na=1\n", "b=2\na=1\n", "regexp", "^nomatch", "line", "b=2"),
                c("no regexp, line present exactly: nothing", "x\ny\n", "x\ny\n", "line", "x"),
                c("no regexp, a longer line does not count", "xx\n", "xx\nx\n", "line", "x"),
                c("no trailing newline: one is added first", "x", "x\ny\n", "line", "y"),
                c("empty file", "", "y\n", "line", "y"),
                c("insertafter regexp", "[a]\nx\n[b]\n", "[a]\nL\nx\n[b]\n", "line", "L", "insertafter", "^\\[a\\]"),
                c("insertafter uses the last match", "#c\nA\n#c\nB\n", "#c\nA\n#c\nL\nB\n", "line", "L", "insertafter", "^#c"),
                c("insertafter firstmatch uses the first", "#c\nA\n#c\nB\n", "#c\nL\nA\n#c\nB\n", "line", "L", "insertafter", "^#c", "firstmatch", true),
                c("insertafter on the last line appends", "a\n#c", "a\n#c\nL\n", "line", "L", "insertafter", "^#c"),
                c("insertafter without match goes to EOF", "a\n", "a\nL\n", "line", "L", "insertafter", "^zzz"),
                c("insertafter EOF", "a\nb\n", "a\nb\nL\n", "line", "L", "insertafter", "EOF"),
                c("insertafter BOF", "a\nb\n", "L\na\nb\n", "line", "L", "insertafter", "BOF"),
                c("insertbefore BOF", "a\nb\n", "L\na\nb\n", "line", "L", "insertbefore", "BOF"),
                c("insertbefore regexp (last match)", "a\n#x\nb\n#x\n", "a\n#x\nb\nL\n#x\n", "line", "L", "insertbefore", "^#x"),
                c("insertbefore without match goes to EOF", "a\n", "a\nL\n", "line", "L", "insertbefore", "^zzz"),
                c("regexp match wins over insertafter", "a\nk=1\nb\n", "a\nk=2\nb\n", "regexp", "^k=", "line", "k=2", "insertafter", "^a"),
                c("backrefs expand groups", "foo=off\n", "foo=on\n", "regexp", "^(\\w+)=.*$", "line", "\\1=on", "backrefs", true),
                c("backrefs named group", "foo=off\n", "foo: off\n", "regexp", "^(?P<k>\\w+)=(?P<v>.*)$", "line", "\\g<k>: \\g<v>", "backrefs", true),
                c("backrefs without match leaves the file", "bar\n", "bar\n", "regexp", "^foo=", "line", "foo=on", "backrefs", true),
                c("search_string replaces the line containing it", "a\nListen 80\n", "a\nListen 8080\n", "search_string", "Listen ", "line", "Listen 8080"),
                c("absent regexp removes every match", "a=1\nb\na=2\n", "b\n", "state", "absent", "regexp", "^a="),
                c("absent line removes exact lines only", "x\nxx\nx\n", "xx\n", "state", "absent", "line", "x"),
                c("absent search_string", "keep\ndrop me\n", "keep\n", "state", "absent", "search_string", "drop"),
                c("absent with nothing to remove", "a\n", "a\n", "state", "absent", "line", "b"),
                c("absent on a missing file: nothing", null, null, "state", "absent", "line", "b"),
                c("create a missing file", null, "L\n", "line", "L", "create", true),
                c("hostile line is data", "a\n", "a\nx=\"$(touch /tmp/canary)\" `id`; ' \\ é\n",
                        "line", "x=\"$(touch /tmp/canary)\" `id`; ' \\ é"));
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
        assertThat(d.before()).isEqualTo(k.before());
        assertThat(d.after()).isEqualTo(k.after());
        FileSteps.apply(h, c);
        assertThat(m.plan(params(k.params()), h).isNone()).as("second plan").isTrue();
    }

    @Test
    void readsStatAndContent_inOneRoundTrip() {
        ScriptedHost h = host("a\n");
        m.plan(params(List.of("line", "b")), h);
        assertThat(h.roundTrips()).containsExactly(3);
        assertThat(h.asked()).hasAtLeastOneElementOfType(Probe.Read.class);
    }

    @Test
    void missingFile_withoutCreate_fails() {
        assertThatThrownBy(() -> m.plan(params(List.of("line", "x")), new ScriptedHost()))
                .isInstanceOf(ModuleException.class).hasMessageContaining("does not exist");
    }

    @Test
    void create_inMissingFolder_makesTheFolderFirst() {
        String path = "/opt/dír with space/$(id)/f";
        Change c = m.plan(TestParams.of(m.spec(), "path", path, "line", "x", "create", true), new ScriptedHost());
        assertThat(c.steps().get(0)).isInstanceOfSatisfying(Step.Run.class,
                r -> assertThat(r.argv()).containsExactly("mkdir", "-p", "--", "/opt/dír with space/$(id)"));
        assertThat(FileSteps.write(c).path()).isEqualTo(path);
    }

    @Test
    void lineWithNewline_isRejectedByTheSpec() {
        for (String bad : List.of("a\nb", "a\n", "a\rb")) {
            assertThat(ModuleTester.of(m).problems(Map.of("path", "/etc/x", "line", bad))).singleElement().asString()
                    .startsWith("argument 'line' of module 'lineinfile' must be one line, got ");
        }
    }

    @Test
    void parameterCombinations_areCheckedAsAnsibleDoes() {
        ModuleTester t = ModuleTester.of(m);
        assertThat(t.problems(Map.of("path", "/x", "regexp", "^a"))).containsExactly("module 'lineinfile': state=present needs line (missing: line)");
        assertThat(t.problems(Map.of("path", "/x", "state", "absent")))
                .containsExactly("module 'lineinfile': state=absent needs one of line, regexp, search_string");
        assertThat(t.problems(Map.of("path", "/x", "state", "absent", "search_string", "a"))).isEmpty();
        assertThat(t.problems(Map.of("path", "/x", "line", "\\1", "backrefs", true)))
                .containsExactly("module 'lineinfile': backrefs=true needs regexp (missing: regexp)");
        assertThatThrownBy(() -> m.plan(params(List.of("line", "x", "regexp", "(")), host("a\n"))).hasMessageContaining("regexp is not a valid");
        assertThatThrownBy(() -> m.plan(params(List.of("line", "x", "validate", "visudo -c")), host("a\n"))).hasMessageContaining("%s");
    }

    @Test
    void pathWithSpacesAndNonAscii_isOneLiteralPath_withBackupAndValidate() {
        String path = "/etc/a b/ünï $(id) `id`;.conf";
        ScriptedHost h = new ScriptedHost().file(path, "a\n", 0600);
        Change c = m.plan(TestParams.of(m.spec(), "path", path, "line", "b", "backup", true, "validate", "check-conf -f '%s' \"x y\""), h);
        Step.WriteFile w = FileSteps.write(c);
        assertThat(w.path()).isEqualTo(path);
        assertThat(w.backup()).isTrue();
        assertThat(w.validate()).containsExactly("check-conf", "-f", "%s", "x y");
        assertThat(c.steps()).hasSize(1);
    }

    @Test
    void modeOnly_whenLineIsThere_isChmodWithoutWrite() {
        ScriptedHost h = host("a\n");
        Change c = m.plan(TestParams.of(m.spec(), "path", F, "line", "a", "mode", 0600), h);
        assertThat(c.steps()).singleElement().isInstanceOfSatisfying(Step.Run.class,
                r -> assertThat(r.argv()).containsExactly("chmod", "600", "--", F));
    }

    @Test
    void symlink_isFollowed_toItsTarget() {
        ScriptedHost h = new ScriptedHost().link("/etc/l", "real").file("/etc/real", "a\n", 0644)
                .answer("realpath -- /etc/l", 0, "/etc/real\n");
        Change c = m.plan(TestParams.of(m.spec(), "path", "/etc/l", "line", "b"), h);
        assertThat(FileSteps.write(c).path()).isEqualTo("/etc/real");
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

    @org.junit.jupiter.api.Test
    void relativePath_isRefusedByTheSpec() {
        assertThat(ModuleTester.of(new LineInFileModule()).problems(Map.of("path", "hosts\nx", "line", "a")))
                .containsExactly("argument 'path' of module 'lineinfile' must be an absolute path, got 'hosts\\nx'");
    }
}
