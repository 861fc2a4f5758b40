package dev.rigger.engine.compile;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import dev.rigger.engine.expr.ExpressionCompiler;
import dev.rigger.engine.expr.Template;
import dev.rigger.engine.model.Task;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The variable names a {@code template} task's file reads. The file is rendered when the task
 * runs, but when its {@code src} is written out it can be found now, where the task will look
 * for it, so gathering fetches only the facts the file reads (tomcat-memcached-failover's
 * memcached.conf.j2 reads ansible_memtotal_mb). Empty when the file cannot be known here: a
 * templated src, a file not there yet, a file that does not parse (its task reports that).
 */
final class TemplateFileReads {
    private TemplateFileReads() {}

    static Optional<Set<String>> of(CompiledTask t) {
        if (!(t.args().get("src") instanceof String src) || src.contains("{{") || src.contains("{%")) return Optional.empty();
        Optional<Path> file = Task.findLocal(t.task().searchDirs(t.play().baseDir()), "templates", src);
        if (file.isEmpty()) return Optional.empty();
        String text;
        try {
            text = Files.readString(file.get(), StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
        Optional<Template> parsed = ExpressionCompiler.unchecked().templateFile(text, new Location(file.get().toString(), 1, 1), new Diagnostics());
        if (parsed.isEmpty()) return Optional.empty();
        Set<String> names = new TreeSet<>(parsed.get().rootNames());
        // a whole hostvars[h] can reach every variable of h, as vars does
        parsed.get().hostvarsRefs().forEach(r -> names.add(r.attribute() != null ? r.attribute() : "vars"));
        return Optional.of(names);
    }
}
