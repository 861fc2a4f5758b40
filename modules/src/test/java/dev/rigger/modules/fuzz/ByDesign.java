package dev.rigger.modules.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parameters that are a program or a script by design: {@code shell: "touch x"} is meant to run
 * {@code touch}, so fuzzing the program itself would only prove that. The program word is fixed
 * here and only its arguments are fuzzed (a script is fixed whole). A new module with such a
 * parameter shows up as a canary until it is listed here, with its reason.
 */
final class ByDesign {
    /** module.param (or *.param for every module) to the fixed program or script. */
    private static final Map<String, String> PROGRAM = Map.of(
            "command.cmd", "echo",          // split into words, run without a shell: echo's arguments are fuzzed
            "command.argv", "echo",
            "*.validate", "true %s",        // the same: a program and arguments, no shell
            "shell.cmd", ":",               // a script, run by /bin/sh
            "reboot.reboot_command", "echo", // a program and its words, no shell (the fuzzer runs the reboot's words with echo)
            "reboot.test_command", ":",     // shell commands by design, as Ansible's
            "reboot.boot_time_command", ":",
            "*.unless", "false");           // a read-only shell command

    /**
     * Seconds a module waits by design: any number is harmless, so a drawn number is kept below 3
     * to spend the fuzz budget on inputs rather than on sleeps (text values are fuzzed as drawn).
     */
    private static final Set<String> WAIT = Set.of("wait_for.timeout", "wait_for.delay", "wait_for.sleep", "wait_for.connect_timeout",
            "reboot.reboot_timeout", "reboot.post_reboot_delay", "reboot.pre_reboot_delay", "reboot.connect_timeout");

    private ByDesign() { }

    static Object bounded(String module, String param, Object value) {
        // pause waits on the controller: a second per input (minutes 0 is 1 s, as in Ansible), never minutes
        if (module.equals("pause") && (param.equals("seconds") || param.equals("minutes")) && value instanceof Integer) return 0;
        return WAIT.contains(module + "." + param) && value instanceof Integer n ? Math.floorMod(n, 3) : value;
    }

    /** The same for the waits an input leaves out, whose defaults are minutes (wait_for's timeout: 300). */
    static void shortWaits(String module, Map<String, Object> args) {
        for (String w : WAIT) {
            if (w.startsWith(module + ".")) args.putIfAbsent(w.substring(module.length() + 1), 1);
        }
    }

    static boolean covers(String module, String param) {
        return fixed(module, param) != null;
    }

    /** The value to give: the fixed program followed by the fuzzed arguments; a script stays fixed. */
    static Object value(String module, String param, Object fuzzed) {
        String program = fixed(module, param);
        if (program.equals(":") || program.equals("false")) return program;
        if (fuzzed instanceof List<?> items) {
            List<Object> argv = new ArrayList<>(List.of(program));
            argv.addAll(items);
            return argv;
        }
        return program + " " + fuzzed;
    }

    private static String fixed(String module, String param) {
        String own = PROGRAM.get(module + "." + param);
        return own != null ? own : PROGRAM.get("*." + param);
    }
}
