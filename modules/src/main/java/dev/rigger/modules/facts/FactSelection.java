package dev.rigger.modules.facts;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which {@link FactGroup}s a {@code setup} call must read: the groups of its {@code gather_subset}
 * (Ansible's words: {@code all}, {@code min}, {@code hardware}, {@code network}, {@code virtual},
 * a collector's name, each may be negated with {@code !}; {@code min} is always gathered unless
 * {@code !min}), narrowed to those with a name its {@code filter} matches. Rigger's
 * {@code gather_facts} passes the names the playbook reads as the filter, so only their groups
 * are read.
 */
final class FactSelection {
    private FactSelection() { }

    static Set<FactGroup> groups(List<String> subset, List<String> filter) {
        Set<FactGroup> in = EnumSet.noneOf(FactGroup.class);
        Set<FactGroup> out = EnumSet.noneOf(FactGroup.class);
        boolean min = true;
        for (String word : subset) {
            boolean not = word.startsWith("!");
            String w = not ? word.substring(1) : word;
            if (w.equals("min")) {
                if (not) min = false;
                continue;
            }
            if (not && w.equals("all")) continue; // !all: only what is named (and min), as Ansible
            Set<FactGroup> named = named(w);
            if (not) out.addAll(named); else in.addAll(named);
        }
        in.removeAll(out);
        if (min) in.addAll(FactGroup.MIN);
        if (!filter.isEmpty()) {
            // a pattern no group's name matches may name an interface (ansible_eth0): the network's
            boolean other = filter.stream().anyMatch(f -> java.util.Arrays.stream(FactGroup.values())
                    .flatMap(g -> g.names.stream()).noneMatch(n -> matches(List.of(f), "ansible_" + n)));
            in.removeIf(g -> g.names.stream().noneMatch(n -> matches(filter, "ansible_" + n))
                    && !(other && g == FactGroup.NETWORK));
        }
        for (FactGroup g : Set.copyOf(in)) in.addAll(g.needs());
        return in;
    }

    /** The groups a subset word names; an unknown word is the caller's error, checked before. */
    static Set<FactGroup> named(String w) {
        return switch (w) {
            case "all" -> EnumSet.allOf(FactGroup.class);
            case "hardware" -> EnumSet.of(FactGroup.HARDWARE, FactGroup.MOUNTS);
            case "network" -> EnumSet.of(FactGroup.NETWORK);
            case "virtual" -> EnumSet.of(FactGroup.VIRTUAL);
            default -> {
                Set<FactGroup> g = EnumSet.noneOf(FactGroup.class);
                for (FactGroup f : FactGroup.values()) if (f.subset.equals(w)) g.add(f);
                yield g;
            }
        };
    }

    static boolean known(String word) {
        String w = word.startsWith("!") ? word.substring(1) : word;
        return w.equals("min") || !named(w).isEmpty();
    }

    /** Ansible's filter: shell patterns ({@code *}, {@code ?}, {@code [..]}) over the {@code ansible_} names. */
    static boolean matches(List<String> filter, String name) {
        if (filter.isEmpty()) return true;
        for (String f : filter) if (glob(f).matcher(name).matches()) return true;
        return false;
    }

    private static Pattern glob(String f) {
        StringBuilder re = new StringBuilder();
        for (char c : f.toCharArray()) {
            switch (c) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                case '[', ']' -> re.append(c);
                default -> re.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(re.toString());
    }
}
