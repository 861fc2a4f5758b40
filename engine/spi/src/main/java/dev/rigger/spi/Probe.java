package dev.rigger.spi;

import java.util.List;

/**
 * One read-only question to a host; see {@link Host#probe(List)}. <b>Stable.</b>
 *
 * <p>Probes are data rather than calls so the engine can pack many into one round trip and
 * answer them in order. Sealed: these four kinds are all the engine knows how to ask.
 */
public sealed interface Probe {

    /**
     * A read-only program run with literal arguments; answers its exit code and output.
     *
     * @param argv the program and its arguments, each passed as is (never through a shell)
     */
    record Run(List<String> argv) implements Probe {
        /**
         * Copies {@code argv}, so the probe cannot change after it is made.
         *
         * @param argv the program and its arguments
         */
        public Run {
            argv = List.copyOf(argv);
        }
    }

    /**
     * A read-only shell snippet, for questions no single program answers.
     *
     * @param script run by {@code /bin/sh} in a subshell; it must not change the host
     */
    record Shell(String script) implements Probe { }

    /**
     * The {@link FileState} of a path, symlinks not followed.
     *
     * @param path an absolute path on the host
     */
    record Stat(String path) implements Probe { }

    /**
     * The bytes of a file; exit code non-zero when it cannot be read.
     *
     * @param path an absolute path on the host
     */
    record Read(String path) implements Probe { }
}
