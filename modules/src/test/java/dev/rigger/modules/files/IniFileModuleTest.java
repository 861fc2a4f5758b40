package dev.rigger.modules.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class IniFileModuleTest {
    private static final String F = "/etc/app/f.ini";
    private final ModuleTester tester = ModuleTester.of(new IniFileModule());

    record Case(String name, String before, String after, String msg, List<Object> params) {
        @Override
        public String toString() { return name; }
    }

    private static Case c(String name, String before, String after, String msg, Object... kv) {
        return new Case(name, before, after, msg, List.of(kv));
    }

    /** Files and messages as community.general 6.6.2's do_ini produced them from the same input and arguments. */
    static Stream<Case> ansibleBehaviours() {
        return Stream.of(
                c("new file: a blank line, then the section", null, "\n[s]\no = v\n", "section and option added", "section", "s", "option", "o", "value", "v"),
                c("empty file: the same", "", "\n[s]\no = v\n", "section and option added", "section", "s", "option", "o", "value", "v"),
                c("already set: nothing", "[s]\no = v\n", "[s]\no = v\n", "OK", "section", "s", "option", "o", "value", "v"),
                c("spacing normalised", "[s]\no=v\n", "[s]\no = v\n", "option changed", "section", "s", "option", "o", "value", "v"),
                c("no_extra_spaces", "[s]\no = w\n", "[s]\no=v\n", "option changed", "section", "s", "option", "o", "value", "v", "no_extra_spaces", true),
                c("commented-out option is set in place", "[s]\n#o = w\n", "[s]\no = v\n", "option changed", "section", "s", "option", "o", "value", "v"),
                c("new option after the section's last setting", "[s]\na = 1\n\n# c\n[t]\nb = 2\n", "[s]\na = 1\no = v\n\n# c\n[t]\nb = 2\n", "option added", "section", "s", "option", "o", "value", "v"),
                c("no section: before the first header; missing newline added", "x = 1\n[t]\nb = 2", "x = 1\no = v\n[t]\nb = 2\n", "option added", "option", "o", "value", "v"),
                c("values: matching kept, others replaced, extra removed", "[s]\no = 1\no = 2\no = 3\n", "[s]\no = 4\no = 3\n", "option changed", "section", "s", "option", "o", "values", List.of("3", "4")),
                c("values not exclusive: added", "[s]\no = 1\no = 2\no = 3\n", "[s]\no = 1\no = 2\no = 3\no = 4\n", "option added", "section", "s", "option", "o", "values", List.of("3", "4"), "exclusive", false),
                c("absent: every line of the option", "[s]\no = 1\no = 2\n", "[s]\n", "option changed", "section", "s", "option", "o", "state", "absent"),
                c("absent not exclusive: only that value", "[s]\no = 1\no = 2\n", "[s]\no = 1\n", "option changed", "section", "s", "option", "o", "value", "2", "state", "absent", "exclusive", false),
                c("absent without option: the section", "[s]\no = 1\n[t]\np = 2\n", "[t]\np = 2\n", "section removed", "section", "s", "state", "absent"),
                c("allow_no_value: bare option added", "[s]\nflag\n", "[s]\nflag\nskip\n", "option added", "section", "s", "option", "skip", "allow_no_value", true),
                c("allow_no_value: bare option already there", "[s]\nskip\n", "[s]\nskip\n", "OK", "section", "s", "option", "skip", "allow_no_value", true),
                c("allow_no_value with a value already there: nothing (Ansible adds a bare line)", "[s]\no = v\n", "[s]\no = v\n", "OK",
                        "section", "s", "option", "o", "value", "v", "allow_no_value", true),
                c("only a section", "[s]\na = 1\n", "[s]\na = 1\n[t]\n", "only section added", "section", "t", "allow_no_value", true),
                c("CRLF read as lines: nothing", "[s]\r\na = 1\r\n", "[s]\r\na = 1\r\n", "OK", "section", "s", "option", "a", "value", "1"),
                c("absent from a missing file: nothing", null, null, "OK", "section", "s", "option", "o", "state", "absent"),
                c("hostile value is content", "[s]\na = 1\n", "[s]\na = 1\na.b = $(touch /tmp/canary) `id`; '\"\n", "option added",
                        "section", "s", "option", "a.b", "value", "$(touch /tmp/canary) `id`; '\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ansibleBehaviours")
    void plan_givesAnsiblesFile_andConverges(Case k) {
        ScriptedHost h = new ScriptedHost().dir("/etc/app", 0755);
        if (k.before() != null) h.file(F, k.before(), 0644);
        Map<String, Object> params = params(k.params());
        Change c = tester.plan(params, h);
        assertThat(c.outputs()).containsEntry("msg", k.msg()).containsEntry("path", F);
        if (k.msg().equals("OK")) {
            assertThat(c.isNone()).as("no change expected").isTrue();
            return;
        }
        assertThat(new String(FileSteps.write(c).content(), StandardCharsets.UTF_8)).isEqualTo(k.after());
        FileSteps.apply(h, c);
        assertThat(tester.plan(params, h).isNone()).as("second plan").isTrue();
        assertThat(h.roundTrips()).startsWith(3);
    }

    @Test
    void missingFolder_isCreated_likeAnsiblesMakedirs() {
        Change c = tester.plan(Map.of("path", "/opt/new/f.ini", "section", "s", "option", "o", "value", "v"), new ScriptedHost().dir("/opt", 0755));
        assertThat(c.steps().get(0)).isInstanceOfSatisfying(Step.Run.class,
                r -> assertThat(r.argv()).containsExactly("mkdir", "-p", "--", "/opt/new"));
    }

    @Test
    void createFalse_missingFile_failsAsAnsible() {
        assertThatThrownBy(() -> tester.plan(Map.of("path", F, "option", "o", "value", "v", "create", false), new ScriptedHost().dir("/etc/app", 0755)))
                .isInstanceOf(ModuleException.class).hasMessage("Destination /etc/app/f.ini does not exist!");
    }

    @Test
    void presentWithoutValue_failsAsAnsible() {
        assertThatThrownBy(() -> tester.plan(Map.of("path", F, "option", "o"), new ScriptedHost().dir("/etc/app", 0755)))
                .isInstanceOf(ModuleException.class).hasMessageContaining("Parameter 'value(s)' must be defined");
    }

    @Test
    void absentWithNeitherOptionNorSection_isRefused() {
        assertThatThrownBy(() -> tester.plan(Map.of("path", F, "state", "absent"), new ScriptedHost().dir("/etc/app", 0755).file(F, "a = 1\n", 0644)))
                .isInstanceOf(ModuleException.class).hasMessageContaining("needs an option or a section");
    }

    @Test
    void valueAndValues_areMutuallyExclusive() {
        assertThat(tester.problems(Map.of("path", F, "value", "a", "values", List.of("b")))).isNotEmpty();
    }

    @Test
    void modeOnly_isChmod_withTheContentMessage() {
        ScriptedHost h = new ScriptedHost().dir("/etc/app", 0755).file(F, "[s]\no = v\n", 0644);
        Change c = tester.plan(Map.of("path", F, "section", "s", "option", "o", "value", "v", "mode", "0600"), h);
        assertThat(c.steps()).singleElement().isInstanceOfSatisfying(Step.Run.class,
                r -> assertThat(r.argv()).containsExactly("chmod", "600", "--", F));
        assertThat(c.outputs()).containsEntry("msg", "OK");
    }

    @Test
    void diff_showsTheWholeFileBeforeAndAfter() {
        ScriptedHost h = new ScriptedHost().dir("/etc/app", 0755).file(F, "[s]\no = 1\n", 0644);
        Change c = tester.plan(Map.of("path", F, "section", "s", "option", "o", "value", "2"), h);
        assertThat(c.diffs().get(0).before()).isEqualTo("[s]\no = 1\n");
        assertThat(c.diffs().get(0).after()).isEqualTo("[s]\no = 2\n");
    }

    private static Map<String, Object> params(List<Object> kv) {
        Map<String, Object> m = new HashMap<>(Map.of("path", F));
        for (int i = 0; i < kv.size(); i += 2) m.put((String) kv.get(i), kv.get(i + 1));
        return m;
    }
}
