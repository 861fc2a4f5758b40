package dev.rigger.spi.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Element types, nested specs and the text checks, through the binder as a task's arguments go. */
class ConverterTest {
    private static final ParamSpec USER = ParamSpec.builder()
            .add(Param.string("name").required())
            .add(Param.integer("uid"))
            .add(Param.choice("shell", "bash", "sh").defaultValue("bash"))
            .add(Param.string("home"))
            .requiredTogether("uid", "home")
            .build();
    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.list("ports").elements(Param.Type.INT))
            .add(Param.list("flags").elements(Param.Type.BOOL))
            .add(Param.list("users").elements(Param.Type.MAP).options(USER))
            .add(Param.map("owner").options(USER))
            .add(Param.map("labels"))
            .add(Param.string("path").absolutePath().singleLine())
            .add(Param.string("value").notEmpty())
            .add(Param.list("urls").notEmpty().singleLine())
            .build();
    private final ParamBinder binder = new ParamBinder();

    private ParamBinder.Bound bind(Map<String, Object> given) {
        return binder.bind("m", SPEC, given);
    }

    private List<String> messages(Map<String, Object> given) {
        return bind(given).problems().stream().map(ParamBinder.Problem::message).toList();
    }

    @Test
    void elements_convertEachItem_aCommaStringToo() {
        assertThat(bind(Map.of("ports", List.of("80", 443))).values().get("ports")).isEqualTo(List.of(80, 443));
        assertThat(bind(Map.of("ports", "80, 443")).values().get("ports")).isEqualTo(List.of(80, 443));
        assertThat(bind(Map.of("flags", List.of("yes", false))).values().get("flags")).isEqualTo(List.of(true, false));
    }

    @Test
    void elements_areReadBackTyped_throughParams() {
        Map<String, Object> values = bind(Map.of("ports", List.of("80", 443))).values();
        Params p = new Params() {
            @Override public Map<String, Object> values() { return values; }
            @Override public byte[] localFile(String name) { throw new UnsupportedOperationException(); }
            @Override public String template(String name) { throw new UnsupportedOperationException(); }
        };
        assertThat(p.list("ports", Integer.class)).containsExactly(80, 443);
        assertThat(p.list("missing", Integer.class)).isEmpty();
    }

    @Test
    void elements_aBadItem_isNamedByItsPosition() {
        assertThat(messages(Map.of("ports", List.of(80, "http"))))
                .containsExactly("argument 'ports' of module 'm' item 2 must be a whole number, got 'http'");
        assertThat(messages(Map.of("users", List.of("alice"))))
                .containsExactly("argument 'users' of module 'm' item 1 must be a mapping, got 'alice'");
    }

    @Test
    void options_ofAListOfMappings_checkEachMapping_andFillItsDefaults() {
        var b = bind(Map.of("users", List.of(Map.of("name", "a"), Map.of("name", "b", "uid", 7, "home", "/b"))));
        assertThat(b.ok()).as(b.problems().toString()).isTrue();
        assertThat(b.values().get("users")).isEqualTo(List.of(Map.of("name", "a", "shell", "bash"), Map.of("name", "b", "uid", 7, "home", "/b", "shell", "bash")));
        assertThat(messages(Map.of("users", List.of(Map.of("name", "a"), Map.of("uid", "x", "nme", "b", "home", "/b")))))
                .containsExactlyInAnyOrder("unknown argument 'nme' for 'users[2]' of module 'm' (did you mean 'name'?) (known: name, uid, shell, home)",
                        "argument 'uid' of 'users[2]' of module 'm' must be a whole number, got 'x'",
                        "'users[2]' of module 'm' needs argument 'name'");
    }

    @Test
    void options_ofAMapping_checkItsKeysAndRules() {
        assertThat(bind(Map.of("owner", Map.of("name", "a"))).values().get("owner")).isEqualTo(Map.of("name", "a", "shell", "bash"));
        assertThat(messages(Map.of("owner", Map.of("name", "a", "shell", "zsh"))))
                .containsExactly("argument 'shell' of 'owner' of module 'm' must be one of [bash, sh], got 'zsh'");
        assertThat(bind(Map.of("labels", Map.of("any", List.of(1)))).ok()).as("a mapping without options is not checked").isTrue();
    }

    @Test
    void absolutePath_andSingleLine_refuseWithTheValueShownOnOneLine() {
        assertThat(bind(Map.of("path", "/etc/x")).ok()).isTrue();
        assertThat(messages(Map.of("path", "etc/x"))).containsExactly("argument 'path' of module 'm' must be an absolute path, got 'etc/x'");
        assertThat(messages(Map.of("path", "/etc/x\n/y"))).containsExactly("argument 'path' of module 'm' must be one line, got '/etc/x\\n/y'");
        assertThat(messages(Map.of("path", "/a\rb"))).hasSize(1);
    }

    @Test
    void notEmpty_refusesBlankText_andAnEmptyList() {
        assertThat(messages(Map.of("value", " "))).containsExactly("argument 'value' of module 'm' must not be empty");
        assertThat(messages(Map.of("urls", List.of()))).containsExactly("argument 'urls' of module 'm' must not be empty");
        assertThat(messages(Map.of("urls", List.of("http://a", "")))).containsExactly("argument 'urls' of module 'm' item 2 must not be empty");
        assertThat(messages(Map.of("urls", List.of("http://a\nb")))).containsExactly("argument 'urls' of module 'm' item 1 must be one line, got 'http://a\\nb'");
        assertThat(bind(Map.of("value", "0", "urls", "http://a")).ok()).isTrue();
    }

    @Test
    void templatedValues_waitForRunTime() {
        assertThat(bind(Map.of("path", ParamBinder.DEFERRED, "users", ParamBinder.DEFERRED)).ok()).isTrue();
    }
}
