package dev.rigger.spi.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.spi.Change;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The engine refuses a module whose spec cannot be right, before any playbook calls it. */
class SpecCheckTest {
    private static Module module(ParamSpec spec) {
        return new Module() {
            @Override
            public String name() { return "m"; }

            @Override
            public String summary() { return "a test module"; }

            @Override
            public ParamSpec spec() { return spec; }

            @Override
            public Change plan(Params p, Host h) { return Change.none(); }
        };
    }

    private static ParamSpec.Builder base() {
        return ParamSpec.builder().add(Param.choice("state", "present", "absent").defaultValue("present"))
                .add(Param.string("path").aliases("dest")).add(Param.bool("force")).add(Param.list("names"));
    }

    private static List<String> problems(ParamSpec spec) {
        return SpecCheck.problems(module(spec));
    }

    @Test
    void wellFormedRules_pass() {
        assertThat(problems(base().requiredIf("state", "present", "path").requiredIfAny("state", "absent", "path", "names")
                .requiredIf("force", true, "path").requiredTogether("path", "names").requiredBy("force", "path")
                .onlyIf("state", "present", "names").build())).isEmpty();
    }

    @Test
    void ruleNamingAnUndeclaredParameter_isRefused() {
        assertThat(problems(base().requiredIf("state", "present", "pth").build()))
                .containsExactly("rule 'state=present needs pth' names undeclared parameter 'pth'");
        assertThat(problems(base().requiredBy("src", "path").build()))
                .containsExactly("rule 'src needs path' names undeclared parameter 'src'");
    }

    @Test
    void ruleNamingAnAlias_isRefused_itWouldNeverMatch() {
        assertThat(problems(base().requiredTogether("dest", "names").build()))
                .containsExactly("rule 'dest, names go together (all or none)' names 'dest', an alias: name the parameter 'path'");
    }

    @Test
    void ruleValueThatTheParameterCannotTake_isRefused() {
        assertThat(problems(base().requiredIf("state", "present ", "path").build())).singleElement().asString()
                .contains("must be one of [present, absent], got 'present '");
        assertThat(problems(base().requiredIf("force", "maybe", "path").build())).singleElement().asString()
                .isEqualTo("rule 'force=maybe needs path': the value of 'force' must be true or false, got 'maybe'");
        assertThat(problems(base().onlyIf("force", "yes", "path").build())).singleElement().asString()
                .isEqualTo("rule 'path only with force=yes': 'yes' is not a value 'force' takes as written");
    }

    @Test
    void ruleWithNothingToCheck_orANameTwice_isRefused() {
        assertThat(problems(base().requiredTogether("path").build())).containsExactly("rule 'path go together (all or none)' names no parameter to check");
        assertThat(problems(base().requiredBy("path", "path").build())).containsExactly("rule 'path needs path' names a parameter twice");
    }

    @Test
    void ruleRequiringAParameterWithADefault_isRefused_itIsAlwaysGiven() {
        assertThat(problems(base().requiredTogether("path", "state").build()))
                .containsExactly("rule 'path, state go together (all or none)' names 'state', which has a default and so is always given");
        assertThat(problems(base().requiredIf("force", true, "state").build())).hasSize(1);
        assertThat(problems(base().requiredIf("state", "absent", "path").build())).as("the deciding parameter may have one").isEmpty();
    }

    @Test
    void elementsOptionsAndChecks_onTheWrongType_areRefused() {
        ParamSpec nested = ParamSpec.builder().add(Param.string("name")).build();
        assertThat(problems(ParamSpec.builder().add(Param.string("a").elements(Param.Type.INT)).build()))
                .containsExactly("'a' declares elements but is not a list");
        assertThat(problems(ParamSpec.builder().add(Param.list("a").elements(Param.Type.LIST)).build()))
                .containsExactly("'a': elements of a list cannot be lists");
        assertThat(problems(ParamSpec.builder().add(Param.list("a").options(nested)).build()))
                .containsExactly("'a' declares options but is neither a mapping nor a list of mappings");
        assertThat(problems(ParamSpec.builder().add(Param.integer("a").absolutePath()).build()))
                .containsExactly("'a' declares checks [an absolute path] but is not text or a list of text");
    }

    @Test
    void nestedSpec_isCheckedToo_namedByItsPath() {
        ParamSpec nested = ParamSpec.builder().add(Param.string("name")).add(Param.string("name")).requiredBy("uid", "name").build();
        assertThat(problems(ParamSpec.builder().add(Param.map("owner").options(nested)).build()))
                .containsExactly("parameter 'owner.name' declared twice", "rule 'uid needs name' names undeclared parameter 'owner.uid'");
    }

    @Test
    void defaultBreakingACheck_isRefused() {
        assertThat(problems(ParamSpec.builder().add(Param.string("p").defaultValue("rel/x").absolutePath()).build()))
                .containsExactly("default of 'p' must be an absolute path, got 'rel/x'");
    }

    /** The binder hands a default over as declared: a mode given as text would reach integer() as a String. */
    @Test
    void scalarDefaultNotOfItsType_isRefused_namingTheValueToWrite() {
        assertThat(problems(ParamSpec.builder().add(Param.mode("mode").defaultValue("0644")).build()))
                .containsExactly("default of 'mode' is String '0644': declare it as the Integer a task's value becomes (0644)");
        assertThat(problems(ParamSpec.builder().add(Param.bool("force").defaultValue("yes")).build()))
                .containsExactly("default of 'force' is String 'yes': declare it as the Boolean a task's value becomes (true)");
        assertThat(problems(ParamSpec.builder().add(Param.mode("mode").defaultValue(0644)).add(Param.integer("n").defaultValue(3)).build())).isEmpty();
    }
}
