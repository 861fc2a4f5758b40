package dev.rigger.modules.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import dev.rigger.testkit.TestParams;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ReplaceModuleTest {
    private static final String F = "/etc/f";
    private final ReplaceModule m = new ReplaceModule();

    record Case(String name, String before, List<Object> params, String after) {
        @Override
        public String toString() { return name; }
    }

    private static Case c(String name, String before, String after, Object... kv) {
        return new Case(name, before, List.of(kv), after);
    }

    /** Outcomes checked against Python's re.subn as Ansible's replace.py calls it. */
    static Stream<Case> ansibleBehaviours() {
        return Stream.of(
                c("every match replaced", "a=1\nb=2\na=3\n", "x=1\nb=2\nx=3\n", "regexp", "^a=", "replace", "x="),
                c("no match: nothing", "a\n", "a\n", "regexp", "^zz"),
                c("already replaced: nothing", "PermitRootLogin no\n", "PermitRootLogin no\n",
                        "regexp", "^#?PermitRootLogin .*$", "replace", "PermitRootLogin no"),
                c("commented line uncommented", "#PermitRootLogin yes\n", "PermitRootLogin no\n",
                        "regexp", "^#?PermitRootLogin .*$", "replace", "PermitRootLogin no"),
                c("default replace deletes", "keep\ndrop this\n", "keep\n\n", "regexp", "drop.*"),
                c("backrefs", "host=a port=1\n", "port=1 host=a\n", "regexp", "^(host=\\w+) (port=\\d+)$", "replace", "\\2 \\1"),
                c("named groups", "k: v\n", "v=k\n", "regexp", "^(?P<k>\\w+): (?P<v>\\w+)$", "replace", "\\g<v>=\\g<k>"),
                c("after limits to the rest", "x\n[s]\nx\n", "x\n[s]\ny\n", "regexp", "^x$", "replace", "y", "after", "\\[s\\]"),
                c("before limits to the start", "x\n[s]\nx\n", "y\n[s]\nx\n", "regexp", "^x$", "replace", "y", "before", "\\[s\\]"),
                c("after and before: the section between", "x\n<a>\nx\n</a>\nx\n", "x\n<a>\ny\n</a>\nx\n",
                        "regexp", "^x$", "replace", "y", "after", "<a>", "before", "</a>"),
                c("section not found: whole file", "x\nx\n", "y\ny\n", "regexp", "^x$", "replace", "y", "after", "nomatch"),
                c("hostile replacement is data", "v=1\n", "v=$(touch /tmp/canary) `id`; '\"\n",
                        "regexp", "1", "replace", "$(touch /tmp/canary) `id`; '\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ansibleBehaviours")
    void plan_givesAnsiblesResult_andConverges(Case k) {
        ScriptedHost h = new ScriptedHost().dir("/etc", 0755).file(F, k.before(), 0644);
        Change c = m.plan(params(k.params()), h);
        if (k.after().equals(k.before())) {
            assertThat(c.isNone()).as("no change expected").isTrue();
            return;
        }
        assertThat(new String(FileSteps.write(c).content(), StandardCharsets.UTF_8)).isEqualTo(k.after());
        assertThat(c.diffs().get(0).before()).isEqualTo(k.before());
        assertThat(c.outputs()).containsKey("msg");
        FileSteps.apply(h, c);
        assertThat(m.plan(params(k.params()), h).isNone()).as("second plan").isTrue();
        assertThat(h.roundTrips()).startsWith(3);
    }

    @Test
    void missingFile_fails_asAnsible() {
        assertThatThrownBy(() -> m.plan(params(List.of("regexp", "a")), new ScriptedHost().dir("/etc", 0755)))
                .isInstanceOf(ModuleException.class).hasMessage("Path /etc/f does not exist !");
    }

    @Test
    void anAlternationThatMatchesWithoutTheSection_failsTheTask_neverCrashes() {
        // found by the injection fuzzer: after='| touch ...' made the section group absent
        ScriptedHost h = new ScriptedHost().dir("/etc", 0755).file(F, "x=1\n", 0644);
        assertThatThrownBy(() -> m.plan(params(List.of("regexp", "^x=", "replace", "y=", "after", "| touch /tmp/c")), h))
                .isInstanceOf(ModuleException.class).hasMessageContaining("put an alternation in a group");
    }

    @Test
    void modeOnly_isChmod() {
        ScriptedHost h = new ScriptedHost().dir("/etc", 0755).file(F, "a\n", 0644);
        Change c = m.plan(params(List.of("regexp", "zz", "mode", 0600)), h);
        assertThat(c.steps()).singleElement().isInstanceOfSatisfying(Step.Run.class,
                r -> assertThat(r.argv()).containsExactly("chmod", "600", "--", F));
    }

    @Test
    void spec_asAnsible() {
        ModuleTester t = ModuleTester.of(m);
        assertThat(t.problems(Map.of("dest", "/x", "regexp", "a"))).isEmpty();
        assertThat(t.problems(Map.of("path", "/x"))).isNotEmpty();
        assertThatThrownBy(() -> m.plan(params(List.of("regexp", "(")), new ScriptedHost().file(F, "a\n", 0644)))
                .hasMessageContaining("regexp is not a valid");
    }

    private TestParams params(List<Object> kv) {
        List<Object> all = new ArrayList<>(List.of("path", F));
        all.addAll(kv);
        if (!all.contains("replace")) all.addAll(List.of("replace", ""));
        if (!all.contains("encoding")) all.addAll(List.of("encoding", "utf-8"));
        return TestParams.of(m.spec(), all.toArray());
    }
}
