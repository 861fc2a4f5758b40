package dev.rigger.spi;

import java.util.List;

/**
 * One action the engine performs on a host to realise a {@link Change}. Steps are data: the
 * engine quotes every argument, applies privilege escalation and timeouts, and masks secrets
 * when it shows them. <b>Stable.</b>
 *
 * <p>Being data is what lets check mode show a plan without running anything, and keeps
 * quoting, {@code become} and timeouts in the engine instead of in every module. The engine
 * runs a change's steps in order and stops at the first that exits non-zero. Sealed: these
 * are the only kinds of step.
 */
public sealed interface Step {

    /**
     * A human description for {@code -v} output and saved plans.
     *
     * @return one line saying what the step does; may hold secrets, which the engine masks
     */
    String describe();

    /**
     * Runs a program with arguments, each passed literally (never through a shell).
     *
     * @param argv  the program and its arguments; not empty
     * @param stdin bytes fed to the program's standard input, or null for none
     */
    record Run(List<String> argv, byte[] stdin) implements Step {
        /**
         * Copies {@code argv} and checks it names a program.
         *
         * @param argv  the program and its arguments
         * @param stdin the program's standard input, or null
         * @throws IllegalArgumentException when {@code argv} is empty
         */
        public Run {
            argv = List.copyOf(argv);
            if (argv.isEmpty()) throw new IllegalArgumentException("empty argv");
        }

        /**
         * A program run with no standard input.
         *
         * @param argv the program and its arguments
         * @return the step
         */
        public static Run of(String... argv) {
            return new Run(List.of(argv), null);
        }

        /**
         * A program run with no standard input.
         *
         * @param argv the program and its arguments
         * @return the step
         */
        public static Run of(List<String> argv) {
            return new Run(argv, null);
        }

        /**
         * The arguments joined by spaces.
         *
         * @return the command line, unquoted
         */
        @Override
        public String describe() {
            return String.join(" ", argv);
        }
    }

    /**
     * Runs a shell script with {@code /bin/sh}: only for the {@code shell} module and its kin.
     * Prefer {@link Run}: its arguments need no quoting and cannot be misread by a shell.
     *
     * @param script the script, given to {@code /bin/sh -c}
     */
    record Shell(String script) implements Step {
        /**
         * The script itself.
         *
         * @return the script text
         */
        @Override
        public String describe() {
            return script;
        }
    }

    /**
     * Writes a whole file atomically: a temporary file in the same directory, then rename.
     * {@code mode}, {@code owner}, {@code group} are applied to the temporary file before the
     * rename, so the target never exists with the wrong attributes. Null means "leave as is"
     * (new files get mode 0644 and the connecting user, root under {@code become}).
     *
     * @param path     the absolute path to write
     * @param content  the file's complete new content
     * @param mode     the permission bits (e.g. {@code 0644}), or null
     * @param owner    the owning user's name, or null
     * @param group    the owning group's name, or null
     * @param backup   whether to copy an existing regular file to
     *                 {@code path.PID.YYYY-MM-DD@HH:MM:SS~} (as Ansible names it; created
     *                 exclusively, never overwriting a file) before replacing it; the engine
     *                 registers that name as {@code backup_file}
     * @param validate a program and its arguments, run with {@code %s} replaced by the temporary
     *                 file's path; the file is replaced only when it succeeds (null for none)
     */
    record WriteFile(String path, byte[] content, Integer mode, String owner, String group,
                     boolean backup, List<String> validate) implements Step {
        /**
         * Copies {@code validate} when it is given.
         *
         * @param path     the path to write
         * @param content  the new content
         * @param mode     the permission bits, or null
         * @param owner    the owner, or null
         * @param group    the group, or null
         * @param backup   whether to keep a copy of the old file
         * @param validate the validation command, or null
         */
        public WriteFile {
            validate = validate == null ? null : List.copyOf(validate);
        }

        /**
         * A plain write: no owner or group change, no backup, no validation.
         *
         * @param path    the path to write
         * @param content the new content
         * @param mode    the permission bits, or null to leave them as they are
         * @return the step
         */
        public static WriteFile of(String path, byte[] content, Integer mode) {
            return new WriteFile(path, content, mode, null, null, false, null);
        }

        /**
         * The path and size, never the content (which may be secret or binary).
         *
         * @return e.g. {@code write /etc/motd (42 bytes)}
         */
        @Override
        public String describe() {
            return "write " + path + " (" + content.length + " bytes)";
        }
    }

    /**
     * Writes a whole file on the controller, the machine running the engine, not on the host
     * ({@code fetch} keeps what it read from the host there). The engine writes it atomically (a
     * temporary file in the same directory, then rename), makes missing parent folders, and runs it
     * without privilege escalation; check mode writes nothing. A module plans it by comparing
     * {@link Params#controllerFile} with what it read from the host.
     *
     * @param path    the absolute, normalised path on the controller (no {@code .} or {@code ..} part)
     * @param content the file's complete new content
     * @param mode    the permission bits of a new file, less the controller's umask (as a file copied
     *                with sftp gets its source's), or null for 0666 less the umask; a replaced file
     *                keeps its own
     */
    record WriteLocal(String path, byte[] content, Integer mode) implements Step {
        /**
         * Checks that {@code path} is absolute and has no {@code .} or {@code ..} part, so a write
         * lands exactly where the plan showed.
         *
         * @param path    the path to write
         * @param content the new content
         * @param mode    the permission bits of a new file, or null
         * @throws IllegalArgumentException when the path is relative or not normalised
         */
        public WriteLocal {
            java.nio.file.Path p = java.nio.file.Path.of(path);
            if (!p.isAbsolute() || !p.normalize().equals(p) || p.getFileName() == null) {
                throw new IllegalArgumentException("a controller-side write needs an absolute, normalised file path, not '" + path + "'");
            }
        }

        /**
         * The path and size, never the content.
         *
         * @return e.g. {@code write on the controller /srv/fetched/web1/etc/hostname (6 bytes)}
         */
        @Override
        public String describe() {
            return "write on the controller " + path + " (" + content.length + " bytes)";
        }
    }

    /**
     * Reboots the host and waits until it is back, as Ansible's reboot: the engine reads the boot
     * id ({@code bootTimeCommand}), runs {@code command} (the connection dropping meanwhile is the
     * reboot starting), waits {@code postRebootDelay}, then logs in anew, again and again, until
     * {@code bootTimeCommand} answers something else, then until {@code testCommand} succeeds, all
     * within {@code rebootTimeout}. The tasks after it use the new connection. Never run on a local
     * connection (that would reboot the controller). The result's stdout is the whole seconds it
     * took; a failure says why on stderr.
     *
     * @param command         the program that reboots and its arguments, each passed literally
     * @param bootTimeCommand a shell command printing something that changes with every boot
     * @param testCommand     a shell command that succeeds once the host is ready
     * @param connectTimeout  how long one look (login and boot id) may take, or null for the run's
     * @param rebootTimeout   how long the host may take to come back and pass the test
     * @param postRebootDelay how long to wait after the command before the first look
     */
    record Reboot(List<String> command, String bootTimeCommand, String testCommand,
                  java.time.Duration connectTimeout, java.time.Duration rebootTimeout,
                  java.time.Duration postRebootDelay) implements Step {
        /**
         * Copies {@code command} and checks it names a program.
         *
         * @param command         the reboot program and its arguments
         * @param bootTimeCommand the boot id command
         * @param testCommand     the readiness command
         * @param connectTimeout  one look's limit, or null
         * @param rebootTimeout   the whole wait's limit
         * @param postRebootDelay the wait before the first look
         * @throws IllegalArgumentException when {@code command} is empty
         */
        public Reboot {
            command = List.copyOf(command);
            if (command.isEmpty()) throw new IllegalArgumentException("empty reboot command");
        }

        /**
         * The reboot command, joined by spaces.
         *
         * @return e.g. {@code reboot: /sbin/shutdown -r 0 Reboot initiated by Ansible}
         */
        @Override
        public String describe() {
            return "reboot: " + String.join(" ", command);
        }
    }
}
