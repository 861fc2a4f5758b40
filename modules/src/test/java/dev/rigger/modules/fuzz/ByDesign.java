package dev.rigger.modules.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
            "*.unless", "false");           // a read-only shell command

    private ByDesign() { }

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
