package dev.rigger.modules.packages;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code apt-cache policy} says of one package: its candidate (the version apt installs
 * without a pin) and every version it knows, installed or offered by a source.
 *
 * @param candidate null when apt has none
 */
record AptPolicy(String candidate, List<String> versions) {

    /** The blocks of {@code LC_ALL=C apt-cache policy NAME...}, by package name (without the architecture). */
    static Map<String, AptPolicy> parse(String text) {
        Map<String, AptPolicy> out = new LinkedHashMap<>();
        String name = null;
        String candidate = null;
        List<String> versions = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0)) && line.endsWith(":")) {
                if (name != null) out.put(name, new AptPolicy(candidate, List.copyOf(versions)));
                String head = line.substring(0, line.length() - 1);
                name = head.contains(":") ? head.substring(0, head.indexOf(':')) : head;
                candidate = null;
                versions = new ArrayList<>();
            } else if (line.startsWith("  Candidate: ")) {
                String c = line.substring("  Candidate: ".length()).trim();
                candidate = c.equals("(none)") ? null : c;
            } else if (line.matches(" (\\*\\*\\*|   ) \\S+ -?\\d+")) {
                versions.add(line.substring(5).trim().split(" ")[0]);
            }
        }
        if (name != null) out.put(name, new AptPolicy(candidate, List.copyOf(versions)));
        return out;
    }

    /**
     * The version apt installs for the spec, as Ansible asks it: for {@code NAME=VERSION} the
     * highest known version that matches (a pin above all others), else the candidate.
     */
    Optional<String> best(AptSpec spec) {
        if ("=".equals(spec.op())) return versions.stream().filter(spec::accepts).max(DebVersion.ORDER);
        return Optional.ofNullable(candidate);
    }
}
