package dev.rigger.engine.inventory;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ansible's INI inventory format. Values on host lines and in {@code [group:vars]} are both
 * literal-evaluated (see {@link PythonLiteral}): {@code 5} is an int, {@code True} a boolean,
 * {@code '5'} or {@code "5"} a string, anything else the text as written. This is what
 * ansible-core's ini plugin actually does (the docs say :vars values are strings, the code
 * does not); unlike Ansible we keep quoted host-line values as strings instead of letting
 * shlex drop the quotes first. As in Ansible, a {@code :vars} line takes everything after
 * {@code =} as the value, a {@code #} included, while host lines end at an unquoted {@code #}.
 */
final class IniInventoryParser {
    private static final Pattern SECTION =
            Pattern.compile("^\\[([^:\\]\\s]+)(?::(\\w+))?\\]\\s*(?:[#;].*)?$");
    private static final Pattern GROUP_NAME = Pattern.compile("^([^:\\]\\s]+)\\s*(?:[#;].*)?$");

    private enum State { HOSTS, VARS, CHILDREN, SKIP }

    /** A reference to check once the whole file is read: groups may be defined after use. */
    private record Ref(String parent, String group, Location at) {}

    private record Token(String text, int column) {}

    private final Path file;
    private final Diagnostics diags;
    private final InventoryModel model = new InventoryModel();
    private final Set<String> defined = new HashSet<>(Set.of(GroupGraph.ALL, GroupGraph.UNGROUPED));
    private final List<Ref> children = new ArrayList<>();
    private final List<Ref> varsSections = new ArrayList<>();
    private State state = State.HOSTS;
    private String group = GroupGraph.UNGROUPED;

    private IniInventoryParser(Path file, Diagnostics diags) {
        this.file = file;
        this.diags = diags;
    }

    static InventoryModel parse(Path file, String text, Diagnostics diags) {
        IniInventoryParser p = new IniInventoryParser(file, diags);
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) p.line(lines[i], i + 1);
        p.resolveReferences();
        return p.model;
    }

    private void line(String raw, int lineNo) {
        String line = raw.strip();
        if (line.isEmpty() || line.charAt(0) == '#' || line.charAt(0) == ';') return;
        int indent = raw.indexOf(line.charAt(0));
        Location at = Location.of(file, lineNo, indent + 1);
        Matcher m = SECTION.matcher(line);
        if (m.matches()) {
            section(m, at);
        } else if (line.startsWith("[") && line.endsWith("]")) {
            diags.error(at, "invalid section header '" + line + "': expected [group], [group:vars] or [group:children]");
            state = State.SKIP;
        } else if (state == State.HOSTS) {
            hostLine(raw, at);
        } else if (state == State.VARS) {
            varLine(line, at);
        } else if (state == State.CHILDREN) {
            childLine(line, at);
        }
    }

    private void section(Matcher m, Location at) {
        group = m.group(1);
        String kind = m.group(2);
        Location nameAt = at.shifted(1);
        if (kind == null || kind.equals("children")) {
            state = kind == null ? State.HOSTS : State.CHILDREN;
            defined.add(group);
            model.group(group, nameAt);
        } else if (kind.equals("vars")) {
            state = State.VARS;
            varsSections.add(new Ref(null, group, nameAt));
        } else {
            diags.error(nameAt.shifted(group.length() + 1), "section [" + group + ":" + kind
                    + "] has unknown type '" + kind + "': expected 'vars' or 'children'");
            state = State.SKIP;
        }
    }

    private void hostLine(String raw, Location at) {
        List<Token> tokens = tokenize(raw, at);
        if (tokens == null || tokens.isEmpty()) return;
        Map<String, Object> vars = new LinkedHashMap<>();
        for (Token t : tokens.subList(1, tokens.size())) {
            Location tokAt = new Location(at.file(), at.line(), t.column());
            int eq = t.text().indexOf('=');
            if (eq <= 0) {
                diags.error(tokAt, "expected key=value host variable assignment, got: " + t.text());
                return;
            }
            // as Ansible: shlex takes the quotes off first, then literal_eval reads what is left (a="[1, 2]" is a list, s='5' an int)
            String value = unquote(t.text().substring(eq + 1));
            vars.put(t.text().substring(0, eq), noted(PythonLiteral.evalOr(value, value), tokAt.shifted(eq + 1)));
        }
        HostRanges.expand(tokens.get(0).text(), at, diags).ifPresent(e -> {
            for (String name : e.names()) {
                Map<String, Object> hostVars = model.addHost(name, group, at).vars();
                if (e.port() != null) hostVars.put("ansible_port", e.port());
                hostVars.putAll(vars);
            }
        });
    }

    /** A string value is noted with where it stands, for errors in its template. */
    private static Object noted(Object value, Location at) {
        return value instanceof String s ? dev.rigger.engine.diag.SourceMap.note(s, at) : value;
    }

    private void varLine(String line, Location at) {
        int eq = line.indexOf('=');
        String key = eq < 0 ? "" : line.substring(0, eq).strip();
        if (key.isEmpty()) {
            diags.error(at, "expected key=value in [" + group + ":vars], got: " + line);
            return;
        }
        String value = line.substring(eq + 1).strip();
        model.group(group, at).vars().put(key, noted(PythonLiteral.evalOr(value, value), at.shifted(eq + 1)));
    }

    private void childLine(String line, Location at) {
        Matcher m = GROUP_NAME.matcher(line);
        if (!m.matches()) {
            diags.error(at, "expected a group name in [" + group + ":children], got: " + line);
            return;
        }
        children.add(new Ref(group, m.group(1), at));
    }

    /** Children and :vars sections may name groups defined further down; check them at the end. */
    private void resolveReferences() {
        for (Ref r : varsSections) {
            if (!defined.contains(r.group())) {
                diags.error(r.at(), "section [" + r.group() + ":vars] is for undefined group '" + r.group() + "'");
            }
        }
        for (Ref r : children) {
            if (!defined.contains(r.group())) {
                diags.error(r.at(), "section [" + r.parent() + ":children] includes undefined group '" + r.group() + "'");
            }
            model.addChild(r.parent(), r.group(), r.at(), diags);
        }
    }

    /** Splits a host line like shlex: whitespace separates, quotes group, an unquoted # ends the line. */
    private List<Token> tokenize(String raw, Location at) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < raw.length()) {
            while (i < raw.length() && Character.isWhitespace(raw.charAt(i))) i++;
            if (i >= raw.length() || raw.charAt(i) == '#') break;
            int start = i;
            char quote = 0;
            for (; i < raw.length(); i++) {
                char c = raw.charAt(i);
                if (c == '\\' && quote != '\'' && i + 1 < raw.length()) { i++; continue; } // an escaped character, as shlex
                if (quote != 0) { if (c == quote) quote = 0; continue; }
                if (Character.isWhitespace(c) || c == '#') break;
                if (c == '\'' || c == '"') quote = c;
            }
            if (quote != 0) {
                int open = raw.lastIndexOf(quote);
                diags.error(new Location(at.file(), at.line(), open + 1), "unterminated " + quote + " quote");
                return null;
            }
            tokens.add(new Token(raw.substring(start, i), start + 1));
        }
        return tokens;
    }

    /** What shlex would leave of a value that is not a whole literal: the text without its quotes. */
    /** The quotes taken off as POSIX shlex does: none inside '...', a backslash escapes " and \\ inside "..." and anything outside. */
    private static String unquote(String v) {
        StringBuilder out = new StringBuilder(v.length());
        char quote = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (quote == '\'') {
                if (c == '\'') quote = 0; else out.append(c);
            } else if (c == '\\' && i + 1 < v.length() && (quote == 0 || v.charAt(i + 1) == '"' || v.charAt(i + 1) == '\\')) {
                out.append(v.charAt(++i));
            } else if (quote == '"') {
                if (c == '"') quote = 0; else out.append(c);
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
