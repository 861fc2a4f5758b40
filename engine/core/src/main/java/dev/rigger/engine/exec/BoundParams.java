package dev.rigger.engine.exec;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import dev.rigger.engine.expr.ExpressionCompiler;
import dev.rigger.engine.expr.ExpressionException;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Params;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Params} after binding: converted values, files resolved beside the playbook (or in its
 * {@code files/} and {@code templates/} folders, as Ansible users lay them out), templates
 * rendered with the task's variables. One instance serves a task item's declared first probes
 * and both its plans, so each local file is read, and each template rendered, once per task.
 */
final class BoundParams implements Params {
    private final Map<String, Object> values;
    private final Path baseDir;
    private final Map<String, Object> scope;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, String> rendered = new ConcurrentHashMap<>();

    BoundParams(Map<String, Object> values, Path baseDir, Map<String, Object> scope) {
        this.values = values;
        this.baseDir = baseDir;
        this.scope = scope;
    }

    @Override
    public Map<String, Object> values() {
        return values;
    }

    @Override
    public byte[] localFile(String name) {
        return files.computeIfAbsent(name, this::read).clone();
    }

    @Override
    public String template(String name) {
        return rendered.computeIfAbsent(name, this::render);
    }

    private byte[] read(String name) {
        try {
            return Files.readAllBytes(find(name, "files"));
        } catch (IOException e) {
            throw new ModuleException("cannot read local file '" + name + "' (looked in " + baseDir + " and its files/ folder)");
        }
    }

    private String render(String name) {
        Path p = find(name, "templates");
        String text;
        try {
            text = Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModuleException("cannot read template '" + name + "' (looked in " + baseDir + " and its templates/ folder)");
        }
        Diagnostics d = new Diagnostics();
        var t = new ExpressionCompiler(scope.keySet()).templateFile(text, new Location(p.toString(), 1, 1), d);
        if (t.isEmpty()) throw new ModuleException(d.toString().trim());
        try {
            Object v = t.get().render(scope);
            return v == null ? "" : v.toString();
        } catch (ExpressionException e) {
            throw new ModuleException(p + ": " + e.getMessage());
        }
    }

    private Path find(String name, String folder) {
        Path direct = baseDir.resolve(name);
        if (Files.isRegularFile(direct)) return direct;
        Path nested = baseDir.resolve(folder).resolve(name);
        return Files.isRegularFile(nested) ? nested : direct;
    }
}
