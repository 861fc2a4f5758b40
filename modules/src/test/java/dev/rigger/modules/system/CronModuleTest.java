package dev.rigger.modules.system;

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

class CronModuleTest {
    private final ModuleTester tester = ModuleTester.of(new CronModule());

    record Case(String name, String before, String after, List<Object> params) {
        @Override
        public String toString() { return name; }
    }

    private static Case c(String name, String before, String after, Object... kv) {
        return new Case(name, before, after, List.of(kv));
    }

    /** root's crontab before and after, as ansible.builtin.cron 2.14 leaves it (null: no change). */
    static Stream<Case> userCrontab() {
        return Stream.of(
                c("first job", "", "#Ansible: a\n0 3 * * * /bin/a\n", "name", "a", "job", "/bin/a", "minute", "0", "hour", "3"),
                c("already there", "#Ansible: a\n0 3 * * * /bin/a\n", null, "name", "a", "job", "/bin/a", "minute", "0", "hour", "3"),
                c("time changed in place", "X=1\n#Ansible: a\n0 3 * * * /bin/a\n# mine\n", "X=1\n#Ansible: a\n5 3 * * * /bin/a\n# mine\n",
                        "name", "a", "job", "/bin/a", "minute", "5", "hour", "3"),
                c("an identical unmarked line is adopted", "* * * * * /bin/b\n", "#Ansible: b\n* * * * * /bin/b\n", "name", "b", "job", "/bin/b"),
                c("special time, disabled", "", "#Ansible: r\n#@reboot /bin/r\n", "name", "r", "job", "/bin/r", "special_time", "reboot", "disabled", true),
                c("removed with its marker", "#Ansible: a\n0 3 * * * /bin/a\n#Ansible: b\n* * * * * /bin/b\n", "#Ansible: b\n* * * * * /bin/b\n",
                        "name", "a", "state", "absent"),
                c("absent and not there", "#Ansible: b\n* * * * * /bin/b\n", null, "name", "a", "state", "absent"),
                c("missing last newline is added", "#Ansible: a\n0 3 * * * /bin/a", "#Ansible: a\n0 3 * * * /bin/a\n",
                        "name", "a", "job", "/bin/a", "minute", "0", "hour", "3"),
                c("variable at the top", "#Ansible: a\n* * * * * /bin/a\n", "PATH=\"/usr/bin:/bin\"\n#Ansible: a\n* * * * * /bin/a\n",
                        "name", "PATH", "job", "/usr/bin:/bin", "env", true),
                c("variable after another", "A=\"1\"\nC=\"3\"\n", "A=\"1\"\nB=\"2\"\nC=\"3\"\n", "name", "B", "job", "2", "env", true, "insertafter", "A"),
                c("variable changed", "A=\"1\"\n", "A=\"2\"\n", "name", "A", "job", "2", "env", true),
                c("variable removed", "A=\"1\"\nB=\"2\"\n", "B=\"2\"\n", "name", "A", "env", true, "state", "absent"),
                c("hostile job is the command's text", "", "#Ansible: h\n* * * * * echo $(id) `id` '\"; rm -rf /x\n",
                        "name", "h", "job", "echo $(id) `id` '\"; rm -rf /x"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("userCrontab")
    void userCrontab_asAnsible(Case k) {
        ScriptedHost h = crontab(k.before());
        Map<String, Object> params = new HashMap<>(Map.of("user", "root"));
        for (int i = 0; i < k.params().size(); i += 2) params.put((String) k.params().get(i), k.params().get(i + 1));
        Change c = tester.plan(params, h);
        if (k.after() == null) {
            assertThat(c.isNone()).as("no change").isTrue();
            return;
        }
        assertThat(c.steps()).singleElement().isInstanceOfSatisfying(Step.Run.class, r -> {
            assertThat(r.argv()).containsExactly("crontab", "-u", "root", "-");
            assertThat(new String(r.stdin(), StandardCharsets.UTF_8)).isEqualTo(k.after());
        });
        assertThat(c.diffs().get(0).subject()).isEqualTo("crontab for user \"root\"");
        assertThat(tester.plan(params, crontab(k.after())).isNone()).as("second plan").isTrue();
        assertThat(h.roundTrips()).containsExactly(1);
    }

    @Test
    void outputs_nameJobsAndVariables() {
        Change c = tester.plan(Map.of("name", "b", "job", "/bin/b"), crontab("A=\"1\"\n#Ansible: a\n* * * * * /bin/a\n").answer("crontab -l", 0, "A=\"1\"\n"));
        assertThat(c.outputs()).containsEntry("jobs", List.of("b")).containsEntry("envs", List.of("A"));
    }

    @Test
    void noCrontabYet_isEmpty() {
        ScriptedHost h = new ScriptedHost().answer("crontab -u app -l", 1, "");
        Change c = tester.plan(Map.of("name", "a", "job", "/bin/a", "user", "app"), h);
        assertThat(c.diffs().get(0).after()).isEqualTo("#Ansible: a\n* * * * * /bin/a\n");
    }

    @Test
    void cronFile_namesTheUser_andIsWrittenAsAFile() {
        ScriptedHost h = new ScriptedHost().dir("/etc/cron.d", 0755);
        Change c = tester.plan(Map.of("name", "a", "job", "/bin/a", "user", "app", "cron_file", "app-jobs"), h);
        assertThat(c.steps()).singleElement().isInstanceOfSatisfying(Step.WriteFile.class, w -> {
            assertThat(w.path()).isEqualTo("/etc/cron.d/app-jobs");
            assertThat(new String(w.content(), StandardCharsets.UTF_8)).isEqualTo("#Ansible: a\n* * * * * app /bin/a\n");
        });
        assertThat(c.outputs()).containsEntry("cron_file", "app-jobs");
    }

    @Test
    void cronFile_lastJobRemoved_removesTheFile() {
        ScriptedHost h = new ScriptedHost().dir("/etc/cron.d", 0755).file("/etc/cron.d/x", "#Ansible: a\n* * * * * app /bin/a\n", 0644);
        Change c = tester.plan(Map.of("name", "a", "cron_file", "x", "state", "absent"), h);
        assertThat(c.steps()).singleElement().isInstanceOfSatisfying(Step.Run.class,
                r -> assertThat(r.argv()).containsExactly("rm", "-f", "--", "/etc/cron.d/x"));
    }

    @Test
    void ansiblesRefusals() {
        assertThatThrownBy(() -> tester.plan(Map.of("name", "a", "job", "x", "cron_file", "f"), new ScriptedHost()))
                .isInstanceOf(ModuleException.class).hasMessage("To use cron_file=... parameter you must specify user=... as well");
        assertThatThrownBy(() -> tester.plan(Map.of("name", "a", "job", "x", "special_time", "daily", "hour", "3"), new ScriptedHost()))
                .isInstanceOf(ModuleException.class).hasMessage("You must specify time and date fields or special time.");
        assertThatThrownBy(() -> tester.plan(Map.of("name", "a"), new ScriptedHost()))
                .isInstanceOf(ModuleException.class).hasMessage("You must specify 'job' to install a new cron job or variable");
    }

    @Test
    void hostileValues_areRefused_whereCronWouldReadThemAsMore() {
        assertThatThrownBy(() -> tester.plan(Map.of("name", "a", "job", "x", "minute", "* * * * * touch /x #"), new ScriptedHost()))
                .isInstanceOf(ModuleException.class).hasMessageContaining("without blanks");
        assertThat(tester.problems(Map.of("name", "a\n* * * * * touch /x", "job", "x"))).isNotEmpty();
        assertThat(tester.problems(Map.of("name", "a", "job", "x\n* * * * * touch /x"))).isNotEmpty();
        assertThatThrownBy(() -> tester.plan(Map.of("name", "a", "job", "x", "user", "-r"), new ScriptedHost()))
                .isInstanceOf(ModuleException.class).hasMessageContaining("must not start with '-'");
    }

    @Test
    void crontabMissing_saysWhatToInstall() {
        assertThatThrownBy(() -> tester.plan(Map.of("name", "a", "job", "x"), new ScriptedHost()))
                .isInstanceOf(ModuleException.class).hasMessageContaining("crontab is not installed");
    }

    private static ScriptedHost crontab(String text) {
        return new ScriptedHost().answer("crontab -u root -l", text.isEmpty() ? 1 : 0, text);
    }
}
