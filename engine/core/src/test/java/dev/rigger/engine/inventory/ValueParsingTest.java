package dev.rigger.engine.inventory;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ValueParsingTest {
    final Diagnostics diags = new Diagnostics();

    @Test
    void literal_pythonForms_evaluate() {
        assertThat(PythonLiteral.evalOr("[True, None, -2.5, 'x']", "fb")).isEqualTo(Arrays.asList(true, null, -2.5, "x"));
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) PythonLiteral.evalOr("{'a': 1, 'b': (2, 'c')}", "x");
        assertThat(m).containsEntry("a", 1).containsEntry("b", List.of(2, "c"));
        assertThat(PythonLiteral.evalOr("0x1F", "x")).isEqualTo(31);
        assertThat(PythonLiteral.evalOr("9999999999", "x")).isEqualTo(9999999999L);
        assertThat(PythonLiteral.evalOr("99999999999999999999", "x")).isEqualTo(new BigInteger("99999999999999999999"));
        assertThat(PythonLiteral.evalOr("'it\\'s' \"x\"", "x")).isEqualTo("it'sx");
    }

    @Test
    void literal_nonLiterals_keepFallback() {
        assertThat(PythonLiteral.evalOr("true", "fb")).isEqualTo("fb");
        assertThat(PythonLiteral.evalOr("[a, b]", "fb")).isEqualTo("fb");
        assertThat(PythonLiteral.evalOr("1.2.3", "fb")).isEqualTo("fb");
        assertThat(PythonLiteral.evalOr("'open", "fb")).isEqualTo("fb");
        assertThat(PythonLiteral.evalOr("", "fb")).isEqualTo("fb");
    }

    @Test
    void ranges_stepAndMultipleRanges_expand() {
        assertThat(HostRanges.expand("r[1:2]-[a:b]", Location.NONE, diags).orElseThrow().names())
                .containsExactly("r1-a", "r1-b", "r2-a", "r2-b");
        assertThat(HostRanges.expand("n[08:12:2]", Location.NONE, diags).orElseThrow().names())
                .containsExactly("n08", "n10", "n12");
        assertThat(diags.list()).isEmpty();
    }

    @Test
    void ranges_ipv6AddressIsNotAPort() {
        HostRanges.Expanded e = HostRanges.expand("fe80::1", Location.NONE, diags).orElseThrow();
        assertThat(e.names()).containsExactly("fe80::1");
        assertThat(e.port()).isNull();
    }

    @Test
    void ranges_unequalPaddedWidths_isAnErrorAtTheBracket() {
        Location at = new Location("hosts", 4, 3);
        assertThat(HostRanges.expand("node[01:100]", at, diags)).isEmpty();
        assertThat(diags.list()).singleElement().satisfies(d -> {
            assertThat(d.location()).isEqualTo(new Location("hosts", 4, 7));
            assertThat(d.message()).contains("equal-length");
        });
    }
}
