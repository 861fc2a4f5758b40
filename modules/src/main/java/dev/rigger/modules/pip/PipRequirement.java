package dev.rigger.modules.pip;

import dev.rigger.modules.Shown;
import dev.rigger.spi.ModuleException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entry of pip's {@code name} as ansible.builtin.pip's Package reads it: a distribution name
 * (compared canonicalised: lower case, runs of {@code -_.} as one {@code -}), optional extras and
 * version specifiers ({@code foo>=1.0,<2}); anything else (a URL, a path, a VCS address) is kept
 * as given and judged by pip's own dry run.
 */
record PipRequirement(String text, String name, List<String[]> specifiers) {
    private static final Pattern REQ = Pattern.compile(
            "\\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\\s*(\\[[A-Za-z0-9._,\\s-]*\\])?\\s*(.*?)\\s*");
    private static final Pattern SPEC = Pattern.compile("\\s*(===|==|!=|~=|>=|<=|>|<)\\s*([A-Za-z0-9.*+!_-]+)\\s*");

    /** {@code name} with {@code version} added as Ansible adds it ({@code ==} before a bare version). */
    static PipRequirement parse(String text, String version) {
        if (text.startsWith("-")) {
            throw new ModuleException("pip name " + Shown.quoted(text) + " starts with '-': pip would read it as an option; "
                    + "options belong in extra_args");
        }
        if (version != null) {
            String v = version.strip();
            text = text + (!v.isEmpty() && Character.isDigit(v.charAt(0)) ? "==" : " ") + v;
        }
        Matcher m = REQ.matcher(text);
        if (!m.matches()) return new PipRequirement(text, null, List.of());
        List<String[]> specs = new ArrayList<>();
        if (!m.group(3).isEmpty()) {
            for (String part : m.group(3).split(",")) {
                Matcher s = SPEC.matcher(part);
                if (!s.matches()) return new PipRequirement(text, null, List.of());
                specs.add(new String[] {s.group(1), s.group(2)});
            }
        }
        return new PipRequirement(text, canonical(m.group(1)), List.copyOf(specs));
    }

    /**
     * Ansible's _recover_package_name: items split at commas, then a part starting with an
     * operator joined to the one before (a specifier list split by YAML or by the list syntax).
     */
    static List<String> recover(List<String> names) {
        List<String> parts = new ArrayList<>();
        for (String n : names) parts.addAll(List.of(n.split(",", -1)));
        List<String> out = new ArrayList<>();
        List<String> current = new ArrayList<>();
        boolean inBrackets = false;
        for (String part : parts) {
            String s = part.stripLeading();
            boolean name = s.isEmpty() || "=!~<>".indexOf(s.charAt(0)) < 0;
            if (name && !inBrackets && !current.isEmpty()) {
                out.add(String.join(",", current));
                current.clear();
            }
            if (part.contains("[")) inBrackets = true;
            if (inBrackets && part.contains("]")) inBrackets = false;
            current.add(part);
        }
        out.add(String.join(",", current));
        return out;
    }

    static String canonical(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    /** Whether this is a plain requirement (name and specifiers) whose presence the installed list can decide. */
    boolean plain() {
        return name != null;
    }

    boolean hasSpecifier() {
        return !specifiers.isEmpty();
    }

    /** Whether an installed {@code version} satisfies every specifier (pre-releases allowed, as Ansible asks). */
    boolean satisfiedBy(String version) {
        for (String[] s : specifiers) {
            if (!PipVersion.matches(version, s[0], s[1])) return false;
        }
        return true;
    }
}
