package dev.rigger.modules.packages;

import dev.rigger.modules.Shown;
import dev.rigger.spi.ModuleException;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A package as a task names it: {@code kubelet}, {@code kubelet-1.16.2}, {@code kubelet-1.16.2-0},
 * {@code kubelet.x86_64}, {@code kube*}. Only the characters of RPM names, versions and globs are
 * accepted, so a spec can never be read as an option or reach a shell.
 */
record PackageSpec(String text, Pattern glob) {
    private static final Pattern LEGAL = Pattern.compile("[A-Za-z0-9._+~^:*?\\[\\]-]+");

    static PackageSpec of(String text) {
        validate(text);
        return new PackageSpec(text, hasGlob(text) ? toRegex(text) : null);
    }

    static List<PackageSpec> all(List<String> names) {
        return names.stream().map(PackageSpec::of).toList();
    }

    private static void validate(String s) {
        if (s.isEmpty()) throw new ModuleException("empty package name");
        if (s.startsWith("-")) throw new ModuleException("package name '" + s + "' starts with '-' (it would be read as an option)");
        if (s.startsWith("/") || s.contains("://")) {
            throw new ModuleException("package '" + s + "': file paths and URLs are not supported, name a package from a repository");
        }
        if (s.startsWith("@")) throw new ModuleException("package '" + s + "': groups and module streams are not supported");
        if (!LEGAL.matcher(s).matches()) {
            int bad = s.codePoints().filter(c -> c > 127 || !LEGAL.matcher(Character.toString(c)).matches()).findFirst().orElse('?');
            throw new ModuleException("package name " + Shown.quoted(s) + " contains " + describe(bad)
                    + ", which no RPM name, version or glob has");
        }
    }

    /** The packages this spec names in {@code packages}: those of the first form that matches any. */
    List<Nevra> select(List<Nevra> packages) {
        for (int form = 0; form < 5; form++) {
            final int f = form;
            List<Nevra> hits = packages.stream().filter(p -> p.forms().get(f).stream().anyMatch(this::matches)).toList();
            if (!hits.isEmpty()) return hits;
        }
        return List.of();
    }

    private boolean matches(String spelling) {
        return glob == null ? text.equals(spelling) : glob.matcher(spelling).matches();
    }

    static boolean hasGlob(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }

    /** fnmatch as dnf uses it: {@code *}, {@code ?} and {@code [...]} classes. */
    static Pattern toRegex(String s) {
        StringBuilder re = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int close = c == '[' ? s.indexOf(']', i + 1) : -1;
            if (c == '*') re.append(".*");
            else if (c == '?') re.append('.');
            else if (close > i + 1) {
                re.append('[').append(charClass(s.substring(i + 1, close))).append(']');
                i = close;
            } else re.append(Pattern.quote(Character.toString(c)));
        }
        return Pattern.compile(re.toString());
    }

    /** A bracket's members, each literal except {@code -} between two of them (a range). */
    private static String charClass(String members) {
        StringBuilder out = new StringBuilder();
        for (char m : members.toCharArray()) out.append(m == '-' || Character.isLetterOrDigit(m) ? String.valueOf(m) : "\\" + m);
        return out.toString();
    }

    private static String describe(int c) {
        if (Character.isWhitespace(c)) return "whitespace";
        if (c < 32 || c == 127) return String.format("a control character (U+%04X)", c);
        return "'" + Character.toString(c) + "'";
    }
}
