package dev.rigger.spi;

import java.util.List;

/**
 * One action the engine performs on a host to realise a {@link Change}. Steps are data: the
 * engine quotes every argument, applies privilege escalation and timeouts, and masks secrets
 * when it shows them. <b>Stable.</b>
 */
public sealed interface Step {

    /** A human description for {@code -v} output and saved plans. */
    String describe();

    /** Runs a program with arguments, each passed literally (never through a shell). */
    record Run(List<String> argv, byte[] stdin) implements Step {
        public Run {
            argv = List.copyOf(argv);
            if (argv.isEmpty()) throw new IllegalArgumentException("empty argv");
        }

        public static Run of(String... argv) {
            return new Run(List.of(argv), null);
        }

        public static Run of(List<String> argv) {
            return new Run(argv, null);
        }

        @Override
        public String describe() {
            return String.join(" ", argv);
        }
    }

    /** Runs a shell script with {@code /bin/sh}: only for the {@code shell} module and its kin. */
    record Shell(String script) implements Step {
        @Override
        public String describe() {
            return script;
        }
    }

    /**
     * Writes a whole file atomically: a temporary file in the same directory, then rename.
     * {@code mode}, {@code owner}, {@code group} are applied to the temporary file before the
     * rename, so the target never exists with the wrong attributes. Null means "leave as is"
     * (new files get mode 0644 and the connecting user).
     *
     * @param validate a command run with {@code %s} replaced by the temporary file's path; the
     *                 file is replaced only when it succeeds (null for none)
     */
    record WriteFile(String path, byte[] content, Integer mode, String owner, String group,
                     boolean backup, List<String> validate) implements Step {
        public WriteFile {
            validate = validate == null ? null : List.copyOf(validate);
        }

        public static WriteFile of(String path, byte[] content, Integer mode) {
            return new WriteFile(path, content, mode, null, null, false, null);
        }

        @Override
        public String describe() {
            return "write " + path + " (" + content.length + " bytes)";
        }
    }
}
