package dev.rigger.engine.compile;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.model.Task;
import dev.rigger.engine.yaml.YNode;
import dev.rigger.engine.yaml.YamlReader;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The names an {@code include_vars} task can set, so that reading them later is no typo: its
 * {@code name}, or the top-level keys of the files it can read. A file name with a template in it
 * ({@code "{{ ansible_os_family }}.yml"}) stands for every file its constant parts match, in the
 * role's {@code vars/} folder, beside the task file and beside the playbook (where the module
 * looks). Reads local files only; one that cannot be read gives no names.
 */
final class IncludedNames {
    private IncludedNames() { }

    static Set<String> of(Task t, Path playDir) {
        Set<String> out = new LinkedHashSet<>();
        if (!t.module().replaceFirst("^ansible\\.(builtin|legacy)\\.", "").equals("include_vars")) return out;
        String path = null;
        if (t.args() instanceof YNode.Mapping m) {
            if (m.get("name") instanceof YNode.Scalar n && n.value() != null && !n.text().contains("{{")) {
                out.add(n.text());
                return out;
            }
            for (String k : List.of("file", "_raw_params", "dir")) {
                if (m.get(k) instanceof YNode.Scalar s && s.value() != null) path = s.text();
            }
        } else if (t.args() instanceof YNode.Scalar s && s.value() != null) {
            path = s.text().strip();
        }
        if (path == null) return out;
        String glob = path.replaceAll("\\{\\{.*?}}", "*");
        for (Path dir : t.searchDirs(playDir)) {
            for (Path base : List.of(dir.resolve("vars"), dir)) keys(base, glob, out);
        }
        return out;
    }

    private static void keys(Path base, String glob, Set<String> out) {
        Path whole = base.resolve(glob);
        Path root = base;
        // walk from the deepest constant folder of the pattern
        for (Path part : base.relativize(whole.normalize())) {
            if (part.toString().contains("*")) break;
            if (!Files.isDirectory(root.resolve(part))) {
                if (Files.isRegularFile(root.resolve(part))) read(root.resolve(part), out);
                return;
            }
            root = root.resolve(part);
        }
        if (!Files.isDirectory(root)) return;
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + whole.normalize().toString().replace("\\", "\\\\"));
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).filter(f -> m.matches(f) || f.startsWith(whole.normalize())).forEach(f -> read(f, out));
        } catch (IOException e) {
            // unreadable: no names from it
        }
    }

    private static void read(Path file, Set<String> out) {
        String n = file.getFileName().toString();
        if (!n.endsWith(".yml") && !n.endsWith(".yaml") && !n.endsWith(".json")) return;
        new YamlReader().read(file, new Diagnostics()).ifPresent(y -> {
            if (y instanceof YNode.Mapping m) out.addAll(m.entries().keySet());
        });
    }
}
