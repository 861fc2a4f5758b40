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

/**
 * {@link Params} after binding: converted values, files resolved beside the playbook (or in its
 * {@code files/} and {@code templates/} folders, as Ansible users lay them out), templates
 * rendered with the task's variables.
 */
record BoundParams(Map<String, Object> values, Path baseDir, Map<String, Object> scope) implements Params {

    @Override
    public byte[] localFile(String name) {
        try {
            return Files.readAllBytes(find(name, "files"));
        } catch (IOException e) {
            throw new ModuleException("cannot read local file '" + name + "' (looked in " + baseDir + " and its files/ folder)");
        }
    }

    @Override
    public String template(String name) {
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
