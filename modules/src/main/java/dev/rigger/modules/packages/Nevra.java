package dev.rigger.modules.packages;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One package build: name, epoch, version, release, arch, and where it comes from ({@code repo}
 * is the repository id for an available package, {@code null} for an installed one).
 */
record Nevra(String name, int epoch, String version, String release, String arch, String repo) {

    // compiled once: a host's rpm -qa is hundreds of lines
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern DIGITS = Pattern.compile("\\d+");

    /** Orders builds of one package by epoch, then version, then release (rpm's rules). */
    static final Comparator<Nevra> BY_EVR = Comparator.comparingInt(Nevra::epoch)
            .thenComparing(Nevra::version, RpmVersion::compare)
            .thenComparing(Nevra::release, RpmVersion::compare);

    /**
     * Parses lines of {@code name epoch version release arch [repo]}, as the probes' query
     * formats print them; rpm's {@code (none)} epoch is 0. Source packages and the
     * arch-less {@code gpg-pubkey} entries are skipped: they are never install targets.
     */
    static List<Nevra> parseLines(String text) {
        return text.lines().map(String::trim).filter(l -> !l.isEmpty()).map(Nevra::parse)
                .flatMap(Optional::stream).toList();
    }

    private static Optional<Nevra> parse(String line) {
        String[] f = WHITESPACE.split(line);
        if (f.length < 5 || f[4].equals("(none)") || f[4].equals("src") || f[4].equals("nosrc")) return Optional.empty();
        if (f.length > 5 && f[5].startsWith("@")) return Optional.empty();
        int epoch = DIGITS.matcher(f[1]).matches() ? Integer.parseInt(f[1]) : 0;
        return Optional.of(new Nevra(f[0], epoch, f[2], f[3], f[4], f.length > 5 ? f[5] : null));
    }

    /** {@code [epoch:]version-release}, as an operator reads a package's version. */
    String evr() {
        return (epoch == 0 ? "" : epoch + ":") + version + "-" + release;
    }

    /** The exact name dnf is given, so it installs what the plan showed and nothing newer. */
    String label() {
        return name + "-" + evr() + "." + arch;
    }

    /** The spellings dnf matches a spec against, form by form in dnf's order of preference. */
    List<List<String>> forms() {
        String vr = version + "-" + release;
        String evr = epoch + ":" + vr;
        return List.of(
                List.of(name + "-" + vr + "." + arch, name + "-" + evr + "." + arch),
                List.of(name + "." + arch),
                List.of(name),
                List.of(name + "-" + vr, name + "-" + evr),
                List.of(name + "-" + version, name + "-" + epoch + ":" + version));
    }
}
