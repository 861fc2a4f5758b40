package dev.rigger.spi;

import java.util.List;

/** One read-only question to a host; see {@link Host#probe(List)}. <b>Stable.</b> */
public sealed interface Probe {

    /** A read-only program run with literal arguments; answers its exit code and output. */
    record Run(List<String> argv) implements Probe {
        public Run {
            argv = List.copyOf(argv);
        }
    }

    /** A read-only shell snippet, for questions no single program answers. */
    record Shell(String script) implements Probe { }

    /** The {@link FileState} of a path, symlinks not followed. */
    record Stat(String path) implements Probe { }

    /** The bytes of a file; exit code non-zero when it cannot be read. */
    record Read(String path) implements Probe { }
}
