package dev.rigger.engine.exec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.engine.transport.LocalConnection;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every command is wrapped once: killed at the timeout on the host, and through sudo only with become. */
class HostSessionWrapTest {
    @Test
    void wrap_withoutBecome_onlyTimesOut() {
        HostSession s = new HostSession("h", new LocalConnection(), Map.of(), false, Duration.ofSeconds(7));
        assertThat(s.wrap("id -u")).isEqualTo("timeout -k 5 7 /bin/sh -c 'id -u'");
    }

    @Test
    void wrap_withBecome_usesSudoWithoutAPrompt_insideTheTimeout() {
        HostSession s = new HostSession("h", new LocalConnection(), Map.of(), true, Duration.ofSeconds(60));
        assertThat(s.wrap("id -u")).isEqualTo("timeout -k 5 60 /bin/sh -c 'sudo -n -H -u root -- /bin/sh -c '\\''id -u'\\'''");
    }

    @Test
    void wrap_runsForReal_andQuotesSurvive() {
        HostSession s = new HostSession("h", new LocalConnection(), Map.of(), false, Duration.ofSeconds(5));
        var r = new LocalConnection().exec(s.wrap("printf '%s' \"a 'b' \\$x\""), null, Duration.ofSeconds(5));
        assertThat(r.out()).isEqualTo("a 'b' $x");
    }
}
