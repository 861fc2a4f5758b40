package dev.rigger.modules.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * pam_limits against what community.general.pam_limits 6.6.2 writes for the same file (worked
 * through its main() by hand, and compared byte for byte by the differential scenario
 * pam_limits.yml): appended limits, replaced values, use_max/use_min, the comment it carries over.
 */
class PamLimitsModuleTest {
    private final ModuleTester tester = ModuleTester.of(new PamLimitsModule());
    private static final String DEBIAN = "# /etc/security/limits.conf\n#\n#<domain>      <type>  <item>         <value>\n\n# End of file\n";

    private static Map<String, Object> limit(String domain, String type, String item, String value, Object... more) {
        Map<String, Object> m = new HashMap<>(Map.of("domain", domain, "limit_type", type, "limit_item", item, "value", value));
        for (int i = 0; i < more.length; i += 2) m.put((String) more[i], more[i + 1]);
        return m;
    }

    private static String written(Change c) {
        Step.WriteFile w = (Step.WriteFile) c.steps().stream().filter(s -> s instanceof Step.WriteFile).findFirst().orElseThrow();
        return new String(w.content(), StandardCharsets.UTF_8);
    }

    @Test
    void appends_thenReplaces_thenNothing() {
        Change c = tester.plan(limit("joe", "soft", "nofile", "64000"), new ScriptedHost().file("/etc/security/limits.conf", DEBIAN, 0644));
        assertThat(written(c)).isEqualTo(DEBIAN + "joe\tsoft\tnofile\t64000\n");
        assertThat(c.outputs()).containsEntry("msg", "joe\tsoft\tnofile\t64000\n");
        String now = DEBIAN + "joe\tsoft\tnofile\t64000\n";
        ScriptedHost host = new ScriptedHost().file("/etc/security/limits.conf", now, 0644);
        assertThat(tester.plan(limit("joe", "soft", "nofile", "64000"), host).isNone()).isTrue();
        assertThat(written(tester.plan(limit("joe", "soft", "nofile", "1024"), host))).isEqualTo(DEBIAN + "joe\tsoft\tnofile\t1024\n");
        // another type is another limit
        assertThat(written(tester.plan(limit("joe", "hard", "nofile", "64000"), host))).isEqualTo(now + "joe\thard\tnofile\t64000\n");
    }

    @Test
    void useMaxAndMin_boundTheValueInTheFile() {
        ScriptedHost host = new ScriptedHost().file("/etc/security/limits.conf", "@dev  hard   nproc   200\n*  soft core unlimited\n", 0644);
        assertThat(tester.plan(limit("@dev", "hard", "nproc", "100", "use_max", true), host).isNone()).isTrue();
        assertThat(written(tester.plan(limit("@dev", "hard", "nproc", "300", "use_max", true), host)))
                .isEqualTo("@dev\thard\tnproc\t300\n*  soft core unlimited\n");
        assertThat(tester.plan(limit("@dev", "hard", "nproc", "unlimited", "use_min", true), host).isNone()).isTrue();
        assertThat(written(tester.plan(limit("*", "soft", "core", "0", "use_min", true), host))).isEqualTo("@dev  hard   nproc   200\n*\tsoft\tcore\t0\n");
    }

    @Test
    void theFirstCommentedLimitsCommentIsCarriedOver_asTheModuleDoes() {
        ScriptedHost host = new ScriptedHost().file("/etc/l.conf", "root hard nofile 10 # keep\n", 0644);
        // Ansible's new_comment takes the old comment with its newline: the line ends in "\t# keep\n\n"
        assertThat(written(tester.plan(limit("joe", "-", "nofile", "5", "dest", "/etc/l.conf"), host)))
                .isEqualTo("root hard nofile 10 # keep\njoe\t-\tnofile\t5\t# keep\n\n");
        assertThat(written(tester.plan(limit("root", "hard", "nofile", "20", "dest", "/etc/l.conf", "comment", "mine"), host)))
                .isEqualTo("root\thard\tnofile\t20\t#mine\n");
    }

    @Test
    void missingFile_createdWhereItsFolderIs_elseAnsiblesMessage() {
        ScriptedHost host = new ScriptedHost().dir("/etc/security", 0755);
        assertThat(written(tester.plan(limit("joe", "soft", "nice", "-5"), host))).isEqualTo("joe\tsoft\tnice\t-5\n");
        assertThatThrownBy(() -> tester.plan(limit("joe", "soft", "nice", "-5", "dest", "/nope/limits.conf"), new ScriptedHost()))
                .hasMessage("directory /nope is not writable (check presence, access rights, use sudo)");
    }

    @Test
    void invalidValues_asTheModuleSaysThem() {
        ScriptedHost host = new ScriptedHost().file("/etc/security/limits.conf", DEBIAN, 0644);
        assertThatThrownBy(() -> tester.plan(limit("joe", "soft", "nice", "25"), host))
                .hasMessage(" Value of '25' for item 'nice' is invalid. Value must be a number in the range -20 to 19 inclusive. "
                        + "Refer to the limits.conf(5) manual pages for more details.");
        assertThatThrownBy(() -> tester.plan(limit("joe", "soft", "nofile", "lots"), host)).hasMessageStartingWith(" Value of 'lots' for item 'nofile'");
        assertThatThrownBy(() -> tester.plan(limit("joe doe", "soft", "nofile", "1"), host)).hasMessageContaining("holds whitespace");
        assertThatThrownBy(() -> tester.plan(limit("joe", "soft", "nofile", "1", "use_max", true, "use_min", true), host))
                .hasMessage("Cannot use use_min and use_max at the same time.");
        ScriptedHost bad = new ScriptedHost().file("/etc/security/limits.conf", "joe soft nofile x\n", 0644);
        assertThatThrownBy(() -> tester.plan(limit("amy", "soft", "nofile", "1"), bad))
                .hasMessageStartingWith("Invalid configuration found in '/etc/security/limits.conf'. Value of 'x' for item 'nofile'");
    }

    @Test
    void names() {
        assertThat(new PamLimitsModule().aliases()).contains("community.general.pam_limits", "ansible.builtin.pam_limits");
        tester.assertRegistered();
    }
}
