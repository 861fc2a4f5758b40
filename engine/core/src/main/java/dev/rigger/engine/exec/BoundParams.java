package dev.rigger.engine.exec;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import dev.rigger.engine.expr.ExpressionCompiler;
import dev.rigger.engine.expr.ExpressionException;
import dev.rigger.engine.model.Task;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Params;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Params} after binding: converted values, files resolved as Ansible does (in each of
 * {@code searchDirs}, its {@code files/} or {@code templates/} folder, then the folder itself:
 * the role's, the task file's, the playbook's), templates rendered with the task's variables.
 * One instance serves a task item's declared first probes and both its plans, so each local file
 * is read, and each template rendered, once per task.
 */
final class BoundParams implements Params {
    private final Map<String, Object> values;
    private final List<Path> searchDirs;
    private final Map<String, Object> scope;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, String> rendered = new ConcurrentHashMap<>();

    BoundParams(Map<String, Object> values, List<Path> searchDirs, Map<String, Object> scope) {
        this.values = values;
        this.searchDirs = List.copyOf(searchDirs);
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

    /** Relative to the playbook's folder (the last searched), as Ansible's {@code path_dwim}. */
    @Override
    public String controllerPath(String name) {
        Path p = Path.of(name);
        if (!p.isAbsolute() && !searchDirs.isEmpty()) p = searchDirs.get(searchDirs.size() - 1).resolve(p);
        return p.toAbsolutePath().normalize().toString();
    }

    @Override
    public String template(String name) {
        return rendered.computeIfAbsent(name, this::render);
    }

    private byte[] read(String name) {
        try {
            return Files.readAllBytes(find(name, "files"));
        } catch (IOException e) {
            throw new ModuleException("cannot read local file '" + name + "' (looked in " + searchDirs + " and their files/ folders)");
        }
    }

    private String render(String name) {
        Path p = find(name, "templates");
        String text;
        try {
            text = Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ModuleException("cannot read template '" + name + "' (looked in " + searchDirs + " and their templates/ folders)");
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

    @Override
    public List<String> localFiles(String name, String folder) {
        Path p = find(name, folder);
        if (Files.isRegularFile(p)) return List.of(p.toAbsolutePath().toString());
        for (Path dir : searchDirs) {
            for (Path d : List.of(dir.resolve(folder).resolve(name), dir.resolve(name))) {
                if (!Files.isDirectory(d)) continue;
                try (var walk = Files.walk(d)) {
                    return walk.filter(Files::isRegularFile).map(f -> f.toAbsolutePath().toString()).sorted().toList();
                } catch (IOException e) {
                    throw new ModuleException("cannot read local folder '" + d + "': " + e.getMessage());
                }
            }
        }
        return List.of();
    }

    private Path find(String name, String folder) {
        return Task.findLocal(searchDirs, folder, name).orElseGet(() -> searchDirs.get(0).resolve(name));
    }
}
