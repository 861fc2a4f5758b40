package dev.rigger.spi.check;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamBinderTest {
    private static final ParamSpec SPEC = ParamSpec.builder().add(Param.string("value")).add(Param.list("names")).build();
    private final ParamBinder binder = new ParamBinder();

    @Test
    void bind_loneSurrogate_isRefused_itHasNoUtf8Form() {
        // found by the injection fuzzer: sysctl wrote '?' for it and never converged
        var b = binder.bind("m", SPEC, Map.of("value", "0 \ud800 1"));
        assertThat(b.problems()).singleElement().satisfies(p ->
                assertThat(p.message()).isEqualTo("argument 'value' of module 'm' is not valid Unicode: a lone surrogate (\\uD800) at character 3 has no UTF-8 form"));
        assertThat(binder.bind("m", SPEC, Map.of("names", List.of("a", "b\udc00"))).problems()).hasSize(1);
        assertThat(binder.bind("m", SPEC, Map.of("value", "x\ud800")).problems()).hasSize(1);
    }

    @Test
    void bind_pairedSurrogates_andOtherNonAscii_areText() {
        var b = binder.bind("m", SPEC, Map.of("value", "\u00e9 \ud834\udd1e \u202e", "names", List.of("\ud83d\ude00")));
        assertThat(b.ok()).isTrue();
        assertThat(b.values()).containsEntry("value", "\u00e9 \ud834\udd1e \u202e");
    }

    @Test
    void mode_symbolicOnlyWhereDeclared_octalStaysAnInteger() {
        ParamSpec spec = ParamSpec.builder().add(Param.mode("octal")).add(Param.mode("either").symbolicMode()).build();
        var b = binder.bind("m", spec, Map.of("octal", "0640", "either", "u=rwX,g-w+x,o="));
        assertThat(b.values()).containsEntry("octal", 0640).containsEntry("either", "u=rwX,g-w+x,o=");
        assertThat(binder.bind("m", spec, Map.of("either", "0755")).values()).containsEntry("either", 0755);
        assertThat(binder.bind("m", spec, Map.of("octal", "u+x")).problems()).singleElement().satisfies(p ->
                assertThat(p.message()).isEqualTo("argument 'octal' of module 'm' must be an octal mode such as '0644', got 'u+x'"));
        for (String bad : List.of("u+q", "x+r", "u", "u+r,", "rwx", "u+r;id")) {
            assertThat(binder.bind("m", spec, Map.of("either", bad)).problems()).as(bad).singleElement().satisfies(p ->
                    assertThat(p.message()).contains("or a symbolic one such as 'u=rwX,go=rX'"));
        }
    }
}
