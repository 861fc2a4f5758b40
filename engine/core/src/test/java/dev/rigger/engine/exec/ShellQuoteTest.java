package dev.rigger.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.engine.transport.LocalConnection;
import dev.rigger.spi.ModuleException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ShellQuoteTest {

    @ParameterizedTest
    @ValueSource(strings = {"plain", "a b", "it's", "$(touch /tmp/rigger-canary)", "`id`", "a; rm -rf /", "x && y",
            "line1\nline2", "\"dq\"", "ünïcødé path", "-rf", "*", "~root", ""})
    void quote_roundTripsThroughARealShell_literally(String value) {
        var r = new LocalConnection().exec("printf '%s' " + ShellQuote.quote(value), null, Duration.ofSeconds(5));
        assertThat(r.out()).isEqualTo(value);
    }

    @Test
    void quote_refusesNul() {
        assertThatThrownBy(() -> ShellQuote.quote("a\0b")).isInstanceOf(ModuleException.class).hasMessageContaining("NUL");
    }

    @Test
    void join_keepsWordsApart() {
        var r = new LocalConnection().exec(ShellQuote.join(List.of("printf", "[%s]", "a b", "c")), null, Duration.ofSeconds(5));
        assertThat(r.out()).isEqualTo("[a b][c]");
    }
}
