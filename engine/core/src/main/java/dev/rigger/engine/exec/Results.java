package dev.rigger.engine.exec;

import dev.rigger.spi.Step;
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
        // a reboot registers what its module says (rebooted, elapsed), as Ansible's, no command output
        if (!steps.isEmpty() && !(steps.get(steps.size() - 1).step() instanceof Step.Reboot)) {
            StepResult last = steps.get(steps.size() - 1);
            m.put("rc", last.exitCode());
            m.put("stdout", chomp(last.stdout()));
            m.put("stderr", chomp(last.stderr()));
            m.put("stdout_lines", lines(last.stdout()));
            m.put("stderr_lines", lines(last.stderr()));
        }
        String backup = backupFile(steps);
        if (backup != null) m.put("backup_file", backup);
        m.putAll(outputs);
        return m;
    }

    /**
     * The copy the last backing-up write made (a {@link Step.WriteFile} with {@code backup}
     * prints its name and nothing else, see {@link AtomicWrite}), as Ansible registers it; null
     * when none was made (no old file, or no backup asked).
     */
    private static String backupFile(List<StepResult> steps) {
        String found = null;
        for (StepResult r : steps) {
            if (r.ok() && r.step() instanceof Step.WriteFile w && w.backup() && !r.stdout().isEmpty()) found = chomp(r.stdout());
        }
        return found;
    }

    private static String chomp(String s) {
        return s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    }

    private static List<String> lines(String s) {
        String c = chomp(s);
        return c.isEmpty() ? List.of() : Arrays.asList(c.split("\n", -1));
    }
}
