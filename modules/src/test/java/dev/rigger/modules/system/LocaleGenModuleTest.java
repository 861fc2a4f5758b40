package dev.rigger.modules.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import dev.rigger.testkit.TestParams;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LocaleGenModuleTest {
    private static final String GEN = "# This file lists locales\n#  de_CH ISO-8859-1\n# de_CH.UTF-8 UTF-8\n# en_US.ISO-8859-15 ISO-8859-15\nen_US.UTF-8 UTF-8\n";
    private final LocaleGenModule m = new LocaleGenModule();

    private TestParams params(Object... kv) {
        return TestParams.of(m.spec(), kv);
    }

    private static ScriptedHost debian(String localeA) {
        return new ScriptedHost().file("/etc/locale.gen", GEN, 0644).answer("locale -a", 0, localeA);
    }

    private static String written(Change c) {
        return c.steps().stream().filter(s -> s instanceof Step.WriteFile).map(s -> new String(((Step.WriteFile) s).content(), StandardCharsets.UTF_8))
                .findFirst().orElse(null);
    }

    private static List<List<String>> runs(Change c) {
        return c.steps().stream().filter(s -> s instanceof Step.Run).map(s -> ((Step.Run) s).argv()).toList();
    }

    @Test
    void debian_present_uncommentsTheLine_thenRegeneratesAll() {
        Change c = ModuleTester.of(m).plan(Map.of("name", "de_CH.UTF-8"), debian("C\nC.utf8\nPOSIX\nen_US.utf8\n"));
        assertThat(written(c)).isEqualTo(GEN.replace("# de_CH.UTF-8 UTF-8", "de_CH.UTF-8 UTF-8"));
        assertThat(runs(c)).containsExactly(List.of("locale-gen"));
        assertThat(c.outputs()).containsEntry("name", "de_CH.UTF-8").containsEntry("msg", "OK");
    }

    @Test
    void debian_present_isNone_whenLocaleAListsIt_inItsOwnSpelling() {
        assertThat(m.plan(params("name", "de_CH.UTF-8"), debian("C\nde_CH.utf8\n")).isNone()).isTrue();
        assertThat(m.plan(params("name", "en_US.ISO-8859-15"), debian("en_US.iso885915\n")).isNone()).isTrue();
    }

    @Test
    void debian_absent_commentsItOut_asAnsiblesSubstitutionDoes() {
        Change c = m.plan(params("name", "en_US.UTF-8", "state", "absent"), debian("en_US.utf8\n"));
        assertThat(written(c)).endsWith("\n# en_US.UTF-8 UTF-8\n");
        assertThat(m.plan(params("name", "de_CH.UTF-8", "state", "absent"), debian("en_US.utf8\n")).isNone()).isTrue();
    }

    @Test
    void substitution_keepsAnsiblesQuirks() {
        // the name is a pattern there: its '.' matches any character, and a match may start inside a longer name
        assertThat(LocaleGenModule.setLocale("# de_CHXUTF-8 UTF-8\n# xde_CH.UTF-8 UTF-8\n", "de_CH.UTF-8", true))
                .isEqualTo("de_CH.UTF-8 UTF-8\n# xde_CH.UTF-8 UTF-8\n");
        assertThat(LocaleGenModule.setLocale("#de_CH.UTF-8 UTF-8", "de_CH.UTF-8", false)).isEqualTo("# de_CH.UTF-8 UTF-8");
    }

    @Test
    void ubuntu_usesLocaleGenName_andPurges() {
        ScriptedHost h = new ScriptedHost().dir("/var/lib/locales/supported.d", 0755).file("/usr/share/i18n/SUPPORTED", "de_CH.UTF-8 UTF-8\nen_US.UTF-8 UTF-8\n", 0644)
                .file("/var/lib/locales/supported.d/local", "en_US.UTF-8 UTF-8\nde_CH.UTF-8 UTF-8\n", 0644).answer("locale -a", 0, "de_CH.utf8\n");
        assertThat(runs(m.plan(params("name", "en_US.UTF-8"), h))).containsExactly(List.of("locale-gen", "en_US.UTF-8"));
        Change gone = m.plan(params("name", "de_CH.UTF-8", "state", "absent"), h);
        assertThat(written(gone)).isEqualTo("en_US.UTF-8 UTF-8\n");
        assertThat(runs(gone)).containsExactly(List.of("locale-gen", "--purge"));
    }

    @Test
    void unavailableLocale_andMissingFiles_failAsAnsible() {
        assertThatThrownBy(() -> m.plan(params("name", "xx_YY.UTF-8"), debian(""))).hasMessage("The locale you've entered is not available on your system.");
        assertThatThrownBy(() -> m.plan(params("name", "de_CH.UTF-8"), new ScriptedHost())).hasMessageContaining("Is the package \"locales\" installed?");
    }

    @ParameterizedTest
    @ValueSource(strings = {"de_CH.UTF-8; id", "$(id)", "-a", "de CH", "de_CH.UTF-8 UTF-8", "(a|b)_C", "de_CH\\.x"})
    void hostileNames_areRefusedBeforeAnyProbe(String name) {
        ScriptedHost h = debian("");
        assertThatThrownBy(() -> m.plan(params("name", name), h)).isInstanceOf(ModuleException.class).hasMessageContaining("invalid locale name");
        assertThat(h.asked()).isEmpty();
    }
}
