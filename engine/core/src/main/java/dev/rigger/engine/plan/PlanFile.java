package dev.rigger.engine.plan;

import dev.rigger.engine.io.AtomicFile;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.rigger.engine.report.Masker;
import dev.rigger.engine.report.TaskResult;
import dev.rigger.spi.Diff;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Reads and writes {@link SavedPlan}s as JSON, atomically, with secrets masked. */
public final class PlanFile {
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public void write(SavedPlan plan, Path file, Masker masker) throws IOException {
        List<TaskResult> masked = plan.tasks().stream().map(t -> mask(t, masker)).toList();
        SavedPlan out = new SavedPlan(plan.format(), plan.rigger(), plan.createdAt(), plan.inputs(), plan.options(), masked, plan.fingerprintKey());
        AtomicFile.write(file, json.writeValueAsBytes(out), null);
    }

    public SavedPlan read(Path file) throws IOException {
        SavedPlan p = json.readValue(file.toFile(), SavedPlan.class);
        if (p.format() != SavedPlan.FORMAT) throw new IOException("plan format " + p.format() + " is not " + SavedPlan.FORMAT);
        return p;
    }

    private static TaskResult mask(TaskResult t, Masker m) {
        List<Diff> diffs = t.changes().stream()
                .map(d -> new Diff(m.mask(d.subject()), d.action(), m.mask(d.before()), m.mask(d.after()))).toList();
        return new TaskResult(t.host(), t.index(), m.mask(t.task()), t.module(), t.status(), diffs, m.mask(t.message()),
                m.mask(t.output()), t.durationMs(), t.fingerprint());
    }
}
