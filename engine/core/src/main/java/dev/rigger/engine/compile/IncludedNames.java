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
        if (!isIncludeVars(t)) return out;
        if (t.args() instanceof YNode.Mapping m && m.get("name") instanceof YNode.Scalar n && n.value() != null && !n.text().contains("{{")) {
            out.add(n.text());
            return out;
        }
        return fileKeys(t, playDir);
    }

    /** The {@code name} an include_vars task puts the file's variables under, or null. */
    static String name(Task t) {
        return isIncludeVars(t) && t.args() instanceof YNode.Mapping m && m.get("name") instanceof YNode.Scalar n
                && n.value() != null && !n.text().contains("{{") ? n.text() : null;
    }

    /**
     * The top-level keys of the files an include_vars task can read: its file name as a pattern,
     * or, for {@code file: "{{ item }}"} over {@code with_first_found}, each file the lookup names.
     */
    static Set<String> fileKeys(Task t, Path playDir) {
        Set<String> out = new LinkedHashSet<>();
        String path = null;
        if (t.args() instanceof YNode.Mapping m) {
            for (String k : List.of("file", "_raw_params", "dir")) {
                if (m.get(k) instanceof YNode.Scalar s && s.value() != null) path = s.text();
            }
        } else if (t.args() instanceof YNode.Scalar s && s.value() != null) {
            path = s.text().strip();
        }
        if (path == null) return out;
        List<String> paths = List.of(path);
        if ("first_found".equals(t.loopControl().lookup()) && path.matches("\\{\\{\\s*" + t.loopVar() + "\\s*}}") && t.loop() != null) {
            paths = new java.util.ArrayList<>();
            firstFoundFiles(t.loop(), paths);
        }
        for (String p : paths) {
            String glob = p.replaceAll("\\{\\{.*?}}", "*");
            for (Path dir : t.searchDirs(playDir)) {
                for (Path base : List.of(dir.resolve("vars"), dir)) keys(base, glob, out);
            }
        }
        return out;
    }

    private static boolean isIncludeVars(Task t) {
        return t.module().replaceFirst("^ansible\\.(builtin|legacy)\\.", "").equals("include_vars");
    }

    /** The file names of a first_found lookup's terms: names, lists of them, {@code files:} of a mapping. */
    private static void firstFoundFiles(YNode n, List<String> out) {
        if (n instanceof YNode.Scalar s && s.value() != null) {
            for (String f : s.text().split("[,;]")) if (!f.isBlank()) out.add(f.strip());
        } else if (n instanceof YNode.Seq seq) {
            seq.items().forEach(i -> firstFoundFiles(i, out));
        } else if (n instanceof YNode.Mapping m && m.get("files") != null) {
            firstFoundFiles(m.get("files"), out);
        }
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
