package dev.rigger.modules.packages;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * yum 3 (CentOS/RHEL 7), where dnf is absent: no {@code repoquery} subcommand and no
 * {@code --refresh}. What the repositories offer is asked with yum-utils' {@code repoquery}
 * when it is installed and can honour the task's options, otherwise with
 * {@code yum list available --showduplicates}, whose table is parsed as yum prints it (see
 * {@link #parseList}). Changes are {@code yum install} (new packages and upgrades to a named
 * build), {@code yum downgrade} and {@code yum remove}, as Ansible's yum module runs them.
 */
final class Yum3 {
    /** A version column: {@code [epoch:]version-release}. */
    private static final Pattern EVR = Pattern.compile("(?:(\\d+):)?([^\\s:-]+)-([^\\s:-]+)");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    /** What yum 3 prints around its table: plugin and mirror chatter, section titles. */
    private static final List<String> CHATTER = List.of("Loaded plugins:", "Loading mirror speeds", "Determining fastest mirrors",
            "Installed Packages", "Available Packages", "Updated Packages", "Extra Packages", "Obsoleting Packages",
            "Recently Added Packages", "Repository ", "This system is ");
    /** yum list's words (exit 1) when no package matches: not an error of the query. */
    static final String NO_MATCH = "No matching Packages to list";

    private Yum3() { }

    /**
     * The commands that list every build the repositories offer for {@code specs}, run in order
     * in one round trip; with {@code update_cache} the metadata is expired first, as Ansible's
     * yum module does ({@code yum clean expire-cache}).
     */
    static List<List<String>> query(Dnf yum, List<PackageSpec> specs) {
        List<List<String>> out = new ArrayList<>();
        if (yum.refresh()) out.add(List.of("yum", "-q", "clean", "expire-cache"));
        List<String> argv = new ArrayList<>();
        if (yum.usesRepoquery()) {
            argv.addAll(List.of("repoquery", "--show-duplicates", "--plugins", "--quiet"));
            argv.addAll(yum.options());
            argv.addAll(List.of("--qf", Dnf.QUERY_FORMAT));
        } else {
            // -d 0 -e 0: no plugin or mirror chatter, as Puppet's yum provider asks
            argv.addAll(List.of("yum", "-d", "0", "-e", "0"));
            argv.addAll(yum.options());
            argv.addAll(List.of("--showduplicates", "list", "available"));
        }
        argv.add("--");
        specs.forEach(s -> argv.add(s.text()));
        out.add(argv);
        return out;
    }

    /**
     * The package rows of {@code yum list} (or {@code check-update}) output: {@code name.arch
     * [epoch:]version-release repo}. yum wraps a row that does not fit its columns (80 when
     * not on a terminal): a long name alone on its line, or the repository on the next one, the
     * rest indented; indented lines are joined to the row above. Rows of installed packages
     * ({@code @repo}, {@code installed}) and anything that is not a row are skipped.
     */
    static List<Nevra> parseList(String text) {
        List<Nevra> out = new ArrayList<>();
        List<String> row = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) continue;
            boolean continuation = Character.isWhitespace(line.charAt(0)) && !line.stripLeading().startsWith("* ");
            if (!continuation) {
                row(row).ifPresent(out::add);
                row.clear();
                if (CHATTER.stream().anyMatch(line::startsWith) || line.stripLeading().startsWith("* ")) continue;
            } else if (row.isEmpty()) {
                continue;
            }
            for (String w : WHITESPACE.split(line.strip())) row.add(w);
        }
        row(row).ifPresent(out::add);
        return out;
    }

    private static Optional<Nevra> row(List<String> words) {
        if (words.size() != 3) return Optional.empty();
        String nameArch = words.get(0), repo = words.get(2);
        int dot = nameArch.lastIndexOf('.');
        var evr = EVR.matcher(words.get(1));
        if (dot <= 0 || dot == nameArch.length() - 1 || !evr.matches()) return Optional.empty();
        if (repo.startsWith("@") || repo.equals("installed")) return Optional.empty();
        String arch = nameArch.substring(dot + 1);
        if (arch.equals("src") || arch.equals("nosrc")) return Optional.empty();
        int epoch = evr.group(1) == null ? 0 : Integer.parseInt(evr.group(1));
        return Optional.of(new Nevra(nameArch.substring(0, dot), epoch, evr.group(2), evr.group(3), arch, repo));
    }

    /**
     * The steps' command lines: new packages and upgrades in one {@code yum install} of the exact
     * builds (yum 3 upgrades an installed package to the build named), downgrades in one
     * {@code yum downgrade} (yum 3's install refuses to go down), removals in one {@code yum remove}.
     */
    static List<List<String>> transactions(Dnf yum, List<PackageChange> changes) {
        List<String> install = new ArrayList<>(), downgrade = new ArrayList<>(), remove = new ArrayList<>();
        for (PackageChange c : changes) {
            switch (c.kind()) {
                case INSTALL, UPGRADE -> install.add(c.target());
                case DOWNGRADE -> downgrade.add(c.target());
                case REMOVE -> remove.add(c.target());
            }
        }
        List<List<String>> out = new ArrayList<>();
        if (!install.isEmpty()) out.add(yum.transaction("install", install));
        if (!downgrade.isEmpty()) out.add(yum.transaction("downgrade", downgrade));
        if (!remove.isEmpty()) out.add(yum.transaction("remove", remove));
        return out;
    }
}
