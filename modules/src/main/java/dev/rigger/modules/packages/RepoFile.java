package dev.rigger.modules.packages;

import dev.rigger.spi.ModuleException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code .repo} file read and written the way Ansible's yum_repository does it through
 * Python's configparser: comments dropped, keys lower-cased, {@code key = value} lines, further
 * lines of a value indented by a tab, a blank line after each section. Rendering is stable, so
 * comparing rendered bytes with the file tells whether anything must be written.
 */
record RepoFile(List<Section> sections) {

    /** One {@code [id]} and its options in order; a null value is a key without {@code =}. */
    record Section(String id, Map<String, String> options) { }

    static RepoFile parse(String text) {
        List<Section> sections = new ArrayList<>();
        Section current = null;
        String key = null;
        int n = 0;
        for (String line : text.split("\r?\n", -1)) {
            n++;
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#") || t.startsWith(";")) {
                key = t.isEmpty() ? null : key;
            } else if (Character.isWhitespace(line.charAt(0)) && key != null) {
                String v = current.options().get(key);
                current.options().put(key, v == null ? t : v + "\n" + t);
            } else if (t.startsWith("[") && t.endsWith("]")) {
                current = new Section(t.substring(1, t.length() - 1), new LinkedHashMap<>());
                if (ids(sections).contains(current.id())) throw new ModuleException("line " + n + ": section [" + current.id() + "] appears twice");
                sections.add(current);
                key = null;
            } else if (current == null) {
                throw new ModuleException("line " + n + " is outside any [section]: " + t);
            } else {
                int eq = delimiter(t);
                key = (eq < 0 ? t : t.substring(0, eq)).strip().toLowerCase();
                current.options().put(key, eq < 0 ? null : t.substring(eq + 1).strip());
            }
        }
        return new RepoFile(sections);
    }

    /** The section ids in a (possibly concatenated) set of repo files; nothing on bad input. */
    static Set<String> sectionIds(String text) {
        Set<String> out = new LinkedHashSet<>();
        text.lines().map(String::strip).filter(l -> l.startsWith("[") && l.endsWith("]"))
                .forEach(l -> out.add(l.substring(1, l.length() - 1)));
        return out;
    }

    private static int delimiter(String t) {
        int eq = t.indexOf('=');
        int colon = t.indexOf(':');
        if (eq < 0) return colon;
        return colon < 0 ? eq : Math.min(eq, colon);
    }

    private static Set<String> ids(List<Section> sections) {
        Set<String> out = new LinkedHashSet<>();
        sections.forEach(s -> out.add(s.id()));
        return out;
    }

    Section find(String id) {
        return sections.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
    }

    /** This file with {@code section} in place of the one with its id, or added at the end. */
    RepoFile with(Section section) {
        List<Section> out = new ArrayList<>(sections);
        int at = out.indexOf(find(section.id()));
        if (at < 0) out.add(section);
        else out.set(at, section);
        return new RepoFile(out);
    }

    RepoFile without(String id) {
        return new RepoFile(sections.stream().filter(s -> !s.id().equals(id)).toList());
    }

    String render() {
        StringBuilder sb = new StringBuilder();
        for (Section s : sections) {
            sb.append('[').append(s.id()).append("]\n");
            s.options().forEach((k, v) -> sb.append(k).append(v == null ? "" : " = " + v.replace("\n", "\n\t")).append('\n'));
            sb.append('\n');
        }
        return sb.toString();
    }
}
