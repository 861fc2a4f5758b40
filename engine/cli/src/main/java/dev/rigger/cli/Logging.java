package dev.rigger.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Maps {@code -v} counts to log levels: quiet by default, steps at -vv, probes at -vvv. */
final class Logging {
    private Logging() { }

    static void verbosity(int v) {
        Logger rigger = (Logger) LoggerFactory.getLogger("dev.rigger");
        rigger.setLevel(v >= 3 ? Level.DEBUG : v == 2 ? Level.INFO : Level.WARN);
    }
}
