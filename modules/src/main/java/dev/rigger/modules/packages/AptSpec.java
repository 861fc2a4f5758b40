package dev.rigger.modules.packages;

import dev.rigger.modules.Shown;
import dev.rigger.spi.ModuleException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A package as an apt task names it: {@code nginx}, {@code nginx:amd64}, {@code nginx=1.22.1-9}
 * (the version may be a glob, {@code nginx=1.22*}), or {@code nginx>=1.22}. Only the characters
 * of Debian names, architectures and versions are accepted, so a spec can never be read as an
 * option or reach a shell.
 *
 * @param name    the package name, with {@code :arch} when given
 * @param op      {@code =}, {@code >=}, or null without a version
 * @param version the version (a glob for {@code =}), or null
 */
record AptSpec(String text, String name, String op, String version) {
    private static final Pattern SPEC = Pattern.compile("([a-z0-9][a-z0-9+.-]*(?::[a-z0-9-]+)?)(?:(>?=)([A-Za-z0-9.+~:*?\\[\\]-]+))?");

    static AptSpec of(String text) {
        String t = text.strip();
        if (t.isEmpty()) throw new ModuleException("empty package name");
        if (t.startsWith("-")) throw new ModuleException("package name '" + t + "' starts with '-' (it would be read as an option)");
        if (t.indexOf('=') != t.lastIndexOf('=')) throw new ModuleException("invalid package spec: " + Shown.quoted(t));
        if (t.startsWith("/") || t.contains("://") || t.endsWith(".deb")) {
            throw new ModuleException("package " + Shown.quoted(t) + ": a .deb file is installed with the deb parameter, not name");
        }
        Matcher m = SPEC.matcher(t);
        if (!m.matches()) {
            String head = t.split(">?=", 2)[0];
            if (PackageSpec.hasGlob(head)) {
                throw new ModuleException("package " + Shown.quoted(t) + ": name patterns are not supported by Rigger's apt; list the packages");
            }
            throw new ModuleException("package spec " + Shown.quoted(t) + " is not NAME[:ARCH][=VERSION|>=VERSION] with the characters of"
                    + " Debian package names (lower-case letters, digits, + - .) and versions");
        }
        if (">=".equals(m.group(2)) && PackageSpec.hasGlob(m.group(3))) {
            throw new ModuleException("package spec " + Shown.quoted(t) + ": a version pattern goes with '=', not '>='");
        }
        return new AptSpec(t, m.group(1), m.group(2), m.group(3));
    }

    static List<AptSpec> all(List<String> names) {
        return names.stream().map(AptSpec::of).toList();
    }

    /** Whether {@code v} satisfies the spec's version (any when it names none). */
    boolean accepts(String v) {
        if (op == null) return true;
        if (op.equals(">=")) return DebVersion.compare(v, version) >= 0;
        return PackageSpec.hasGlob(version) ? PackageSpec.toRegex(version).matcher(v).matches() : v.equals(version);
    }
}
