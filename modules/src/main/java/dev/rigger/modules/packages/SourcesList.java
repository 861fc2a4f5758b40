package dev.rigger.modules.packages;

import dev.rigger.modules.PythonText;
import dev.rigger.spi.ModuleException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one-line apt sources of a host (sources.list and sources.list.d/*.list), as
 * ansible.builtin.apt_repository (2.14)'s SourcesList reads, edits and writes them: every line
 * parsed into (enabled, source, comment), and every file written back in that normal form
 * when anything changed. Ported line by line, its quirks included (see the methods).
 */
final class SourcesList {
    static final String PARTS = "/etc/apt/sources.list.d";
    static final String DEFAULT_FILE = "/etc/apt/sources.list";
    private static final Set<String> TYPES = Set.of("deb", "deb-src");
    private static final Pattern OPTIONS = Pattern.compile("\\[[^\\]]+\\]");
    private static final Pattern SCHEME = Pattern.compile("\\w+://", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern NOT_ALNUM = Pattern.compile("[^a-zA-Z0-9]");

    /** One line of a file: its number when read, and what _parse made of it. */
    record Line(int n, boolean valid, boolean enabled, String source, String comment) {
        String rendered() {
            return (enabled ? "" : "# ") + source + (comment.isEmpty() ? "" : " # " + comment) + "\n";
        }
    }

    /** A line a source cannot be made from (Ansible's InvalidSource). */
    static final class InvalidSource extends RuntimeException {
        InvalidSource(String line) { super(line); }
    }

    private final Map<String, List<Line>> files = new LinkedHashMap<>();
    private final Set<String> newRepos = new LinkedHashSet<>();

    /** The files as read, by absolute path, in the order given. */
    SourcesList(Map<String, String> contents) {
        contents.forEach((path, text) -> {
            List<Line> lines = new ArrayList<>();
            int n = 0;
            for (String l : PythonText.readLines(text)) lines.add(parse(n++, l));
            files.put(path, lines);
        });
    }

    /** _parse: a leading # disables, a later # starts a comment, a line of type deb/deb-src is valid. */
    static Line parse(int n, String raw) {
        boolean enabled = true;
        String comment = "";
        String line = raw.strip();
        if (line.startsWith("#")) {
            enabled = false;
            line = line.substring(1);
        }
        int i = line.indexOf('#');
        if (i > 0) {
            comment = line.substring(i + 1).strip();
            line = line.substring(0, i);
        }
        String source = line.strip();
        boolean valid = false;
        if (!source.isEmpty()) {
            String[] chunks = source.split("\\s+");
            if (TYPES.contains(chunks[0])) {
                valid = true;
                source = String.join(" ", chunks);
            }
        }
        return new Line(n, valid, enabled, source, comment);
    }

    /** The source of a repo line given by the user: valid and enabled, else refused. */
    static String source(String repo) {
        Line l = parse(0, repo);
        if (!l.valid() || !l.enabled()) {
            String line = repo.strip();
            if (line.startsWith("#")) line = line.substring(1);
            int i = line.indexOf('#');
            throw new InvalidSource(i > 0 ? line.substring(0, i) : line);
        }
        return l.source();
    }

    /** _suggest_filename: the first field after the type and options, without scheme and user, its non-alphanumerics as '_'. */
    static String suggestedName(String source, String filename) {
        if (filename != null) return filename + ".list";
        String line = OPTIONS.matcher(source).replaceAll("");
        line = SCHEME.matcher(line).replaceAll("");
        List<String> parts = new ArrayList<>();
        for (String part : line.strip().split("\\s+")) if (!part.isEmpty() && !TYPES.contains(part)) parts.add(part);
        if (parts.isEmpty()) throw new ModuleException("Invalid repository string: " + source + " (no URI after the type)");
        String first = parts.get(0);
        if (first.contains("@")) first = first.substring(first.indexOf('@') + 1);
        String spaced = NOT_ALNUM.matcher(first).replaceAll(" ").strip();
        return (spaced.isEmpty() ? "" : String.join("_", spaced.split("\\s+"))) + ".list";
    }

    /** _expand_path: a name with a slash is a path, else a file in sources.list.d. */
    static String expanded(String name) {
        return name.contains("/") ? name : PARTS + "/" + name;
    }

    /** add_source: every line of the source (enabled or not) is enabled; none found, it is added to {@code file}. */
    void add(String source, String file) {
        boolean found = false;
        for (Map.Entry<String, List<Line>> e : files.entrySet()) {
            List<Line> lines = e.getValue();
            for (int i = 0; i < lines.size(); i++) {
                Line l = lines.get(i);
                if (l.valid() && l.source().equals(source)) {
                    lines.set(i, new Line(l.n(), true, true, l.source(), l.comment()));
                    found = true;
                }
            }
        }
        if (found) return;
        List<Line> lines = files.computeIfAbsent(file, f -> new ArrayList<>());
        lines.add(new Line(lines.size(), true, true, source, ""));
        newRepos.add(file);
    }

    /**
     * _remove_valid_source: each enabled line of the source is popped by the number it was read
     * with, while the list is walked, as Ansible does (so of two such lines in a row the second stays
     * until the next run, and after a pop a later number may take another line).
     */
    void remove(String source) {
        for (Map.Entry<String, List<Line>> e : files.entrySet()) {
            String path = e.getKey();
            List<Line> lines = e.getValue();
            for (int i = 0; i < lines.size(); i++) {
                Line l = lines.get(i);
                if (!l.valid() || !l.enabled() || !l.source().equals(source)) continue;
                if (l.n() >= lines.size()) throw new ModuleException("cannot remove line " + (l.n() + 1) + " of " + path + ": Ansible's module fails here too (pop index out of range); remove the repeated lines of " + source + " by hand");
                lines.remove(l.n());
            }
        }
    }

    /** dump: each file that has lines, in the normal form. */
    Map<String, String> dump() {
        Map<String, String> out = new LinkedHashMap<>();
        files.forEach((path, lines) -> {
            if (lines.isEmpty()) return;
            StringBuilder b = new StringBuilder();
            lines.forEach(l -> b.append(l.rendered()));
            out.put(path, b.toString());
        });
        return out;
    }

    /** Files written by save that have no lines, and are removed. */
    List<String> emptied() {
        return files.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
    }

    /** Files a line was added to (save sets their mode). */
    Set<String> newRepos() {
        return newRepos;
    }
}
