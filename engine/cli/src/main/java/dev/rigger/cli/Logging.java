package dev.rigger.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Maps {@code -v} counts to log levels: quiet by default, a module's crash with its stack trace at -v, steps at -vv, probes at -vvv. */
final class Logging {
    private Logging() { }

    static void verbosity(int v) {
        Logger rigger = (Logger) LoggerFactory.getLogger("dev.rigger");
        rigger.setLevel(v >= 3 ? Level.DEBUG : v == 2 ? Level.INFO : Level.WARN);
        // the engine's ModuleCrash logger: a crashed module's stack trace, for its author
        ((Logger) LoggerFactory.getLogger("dev.rigger.module.crash")).setLevel(v >= 1 ? Level.INFO : Level.WARN);
    }
}
