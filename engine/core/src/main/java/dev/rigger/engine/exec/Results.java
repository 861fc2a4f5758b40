package dev.rigger.engine.exec;

import dev.rigger.spi.StepResult;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The registered value of a task, shaped as Ansible users expect ({@code rc}, {@code stdout}, ...). */
final class Results {
    private Results() { }

    static Map<String, Object> unchanged(Map<String, Object> outputs) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("changed", false);
        m.put("failed", false);
        m.putAll(outputs);
        return m;
    }

    /** After steps ran: the last step's exit code and output, plus the module's outputs. */
    static Map<String, Object> applied(List<StepResult> steps, Map<String, Object> outputs, boolean failed) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("changed", !steps.isEmpty());
        m.put("failed", failed);
        if (!steps.isEmpty()) {
            StepResult last = steps.get(steps.size() - 1);
            m.put("rc", last.exitCode());
            m.put("stdout", chomp(last.stdout()));
            m.put("stderr", chomp(last.stderr()));
            m.put("stdout_lines", lines(last.stdout()));
            m.put("stderr_lines", lines(last.stderr()));
        }
        m.putAll(outputs);
        return m;
    }

    private static String chomp(String s) {
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    private static List<String> lines(String s) {
        String c = chomp(s);
        return c.isEmpty() ? List.of() : Arrays.asList(c.split("\n", -1));
    }
}
