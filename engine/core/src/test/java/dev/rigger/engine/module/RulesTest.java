package dev.rigger.engine.module;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.engine.diag.Location;
import dev.rigger.spi.Param;
import dev.rigger.spi.check.ParamBinder;
import dev.rigger.spi.ParamSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The spec's rules over several parameters, as the binder checks them: good and bad, message and the argument it points at. */
class RulesTest {
    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.choice("state", "present", "absent", "link").defaultValue("present"))
            .add(Param.string("line")).add(Param.string("regexp")).add(Param.string("search"))
            .add(Param.bool("backrefs").defaultValue(false))
            .add(Param.string("src")).add(Param.string("content"))
            .add(Param.string("user")).add(Param.string("password")).add(Param.string("token")).add(Param.string("hash"))
            .requiredIf("state", "present", "line")
            .requiredIfAny("state", "absent", "line", "regexp", "search")
            .requiredIf("backrefs", true, "regexp")
            .requiredIf("state", "link", "src")
            .requiredTogether("user", "password")
            .requiredBy("token", "hash", "user")
            .onlyIf("state", "present", "content")
            .build();
    private final ParamBinder binder = new ParamBinder(dev.rigger.engine.expr.Omit.PLACEHOLDER);

    private List<ParamBinder.Problem> problems(Object... kv) {
        Map<String, Object> given = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) given.put((String) kv[i], kv[i + 1]);
        return binder.bind("m", SPEC, given).problems();
    }

    private static List<String> messages(List<ParamBinder.Problem> ps) {
        return ps.stream().map(ParamBinder.Problem::message).toList();
    }

    @Test
    void requiredIf_seesTheDefault_asAnsibleDoes() {
        assertThat(messages(problems())).containsExactly("module 'm': state=present needs line (missing: line)");
        assertThat(problems("line", "x")).isEmpty();
    }

    @Test
    void requiredIf_pointsAtTheDecidingArgument() {
        assertThat(problems("state", "link")).singleElement().satisfies(p -> {
            assertThat(p.param()).isEqualTo("state");
            assertThat(p.message()).isEqualTo("module 'm': state=link needs src (missing: src)");
        });
        assertThat(problems("state", "link", "src", "/x")).isEmpty();
    }

    @Test
    void requiredIfAny_oneOfTheNamesIsEnough() {
        assertThat(messages(problems("state", "absent"))).containsExactly("module 'm': state=absent needs one of line, regexp, search");
        assertThat(problems("state", "absent", "search", "x")).isEmpty();
        assertThat(problems("state", "absent", "regexp", "^x")).isEmpty();
    }

    @Test
    void requiredIf_onABool_matchesTheConvertedValue_yesIsTrue() {
        assertThat(messages(problems("line", "x", "backrefs", "yes"))).containsExactly("module 'm': backrefs=true needs regexp (missing: regexp)");
        assertThat(problems("line", "x", "backrefs", "no")).isEmpty();
        assertThat(problems("line", "x", "backrefs", true, "regexp", "(a)")).isEmpty();
    }

    @Test
    void requiredTogether_allOrNone() {
        assertThat(problems("line", "x", "user", "u", "password", "p")).isEmpty();
        assertThat(problems("line", "x")).isEmpty();
        assertThat(problems("line", "x", "password", "p")).singleElement().satisfies(p -> {
            assertThat(p.param()).isEqualTo("password");
            assertThat(p.message()).isEqualTo("module 'm': user, password go together (missing: user)");
        });
    }

    @Test
    void requiredBy_onlyWhenTheParameterIsGiven_namesWhatIsMissing() {
        assertThat(problems("line", "x", "hash", "h")).isEmpty();
        assertThat(problems("line", "x", "token", "t")).singleElement().satisfies(p -> {
            assertThat(p.param()).isEqualTo("token");
            assertThat(p.message()).isEqualTo("module 'm': token needs hash, user (missing: hash, user)");
        });
        assertThat(messages(problems("line", "x", "token", "t", "hash", "h", "user", "u")))
                .containsExactly("module 'm': user, password go together (missing: password)");
    }

    @Test
    void onlyIf_refusesTheArgument_withTheOtherValue() {
        assertThat(problems("line", "x", "content", "c")).isEmpty();
        assertThat(problems("state", "link", "src", "/x", "content", "c")).singleElement().satisfies(p -> {
            assertThat(p.param()).isEqualTo("content");
            assertThat(p.message()).isEqualTo("module 'm': content is only for state=present (state is link)");
        });
    }

    @Test
    void templatedDecidingValue_waitsForRunTime_templatedNamesCountAsGiven() {
        assertThat(problems("state", ParamBinder.DEFERRED, "content", "c")).isEmpty();
        assertThat(problems("state", "link", "src", ParamBinder.DEFERRED)).isEmpty();
        assertThat(problems("line", "x", "backrefs", ParamBinder.DEFERRED)).isEmpty();
    }

    @Test
    void omittedArgument_isNotGiven() {
        assertThat(messages(problems("state", "link", "src", dev.rigger.engine.expr.Omit.PLACEHOLDER)))
                .containsExactly("module 'm': state=link needs src (missing: src)");
    }

    @Test
    void failureAtRunTime_isLedByTheTasksLocation() {
        var b = binder.bind("m", SPEC, Map.of("state", "link"));
        assertThat(new Location("site.yml", 4, 7).lead(b.message())).isEqualTo("site.yml:4:7: module 'm': state=link needs src (missing: src)");
        assertThat(Location.NONE.lead(b.message())).isEqualTo("module 'm': state=link needs src (missing: src)");
    }

    @Test
    void requireOneOf_countsDefaults_asAnsiblesRequiredOneOf() {
        ParamSpec s = ParamSpec.builder().add(Param.string("a")).add(Param.string("b")).requireOneOf("a", "b").build();
        assertThat(messages(binder.bind("m", s, Map.of()).problems())).containsExactly("module 'm' needs one of: a, b");
        assertThat(binder.bind("m", s, Map.of("b", "x")).problems()).isEmpty();
    }
}
