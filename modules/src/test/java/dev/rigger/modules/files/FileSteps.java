package dev.rigger.modules.files;

import dev.rigger.testkit.ScriptedHost;
import dev.rigger.spi.Change;
import dev.rigger.spi.FileState;
import dev.rigger.spi.Step;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Plays a change's steps on a {@link ScriptedHost} the way the engine would on a real host. */
final class FileSteps {
    private FileSteps() { }

    static ScriptedHost apply(ScriptedHost h, Change c) {
        for (Step s : c.steps()) {
            if (s instanceof Step.WriteFile w) {
                FileState cur = h.stat(w.path());
                int mode = w.mode() != null ? w.mode() : cur.exists() ? cur.mode() : 0644;
                h.file(w.path(), new String(w.content(), StandardCharsets.UTF_8), mode);
            } else if (s instanceof Step.Run r && r.argv().get(0).equals("mkdir")) {
                h.dir(last(r.argv()), 0755);
            } else if (s instanceof Step.Run r && r.argv().get(0).equals("chmod")) {
                String path = last(r.argv());
                h.file(path, new String(h.read(path).orElseThrow(), StandardCharsets.UTF_8), Integer.parseInt(r.argv().get(1), 8));
            } else {
                throw new AssertionError("step not simulated: " + s.describe());
            }
        }
        return h;
    }

    static String content(ScriptedHost h, String path) {
        return h.read(path).map(b -> new String(b, StandardCharsets.UTF_8)).orElse(null);
    }

    /** The only WriteFile of a change. */
    static Step.WriteFile write(Change c) {
        List<Step.WriteFile> w = c.steps().stream().filter(Step.WriteFile.class::isInstance).map(Step.WriteFile.class::cast).toList();
        if (w.size() != 1) throw new AssertionError("expected one write, got " + c.steps());
        return w.get(0);
    }

    private static String last(List<String> argv) {
        return argv.get(argv.size() - 1);
    }
}
