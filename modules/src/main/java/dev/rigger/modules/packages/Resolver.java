package dev.rigger.modules.packages;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, from what rpm says is installed and what the repositories offer, which packages a
 * state asks to install, upgrade, downgrade or remove. Pure: the probes happened before.
 *
 * @param arch the host's machine arch, preferred when a build exists for several
 */
record Resolver(List<Nevra> installed, List<Nevra> available, String arch) {

    /** The changes, and the specs nothing matched (an error for present and latest). */
    record Resolution(List<PackageChange> changes, List<PackageSpec> unmatched) { }

    Resolution resolve(String state, List<PackageSpec> specs) {
        Map<String, PackageChange> changes = new LinkedHashMap<>();
        List<PackageSpec> unmatched = new ArrayList<>();
        for (PackageSpec spec : specs) {
            if (state.equals("absent")) {
                for (Nevra p : spec.select(installed)) changes.putIfAbsent(p.label(), PackageChange.remove(p));
                continue;
            }
            List<Nevra> inst = spec.select(installed);
            List<Nevra> avail = spec.select(available);
            Set<String> names = new LinkedHashSet<>();
            avail.forEach(p -> names.add(p.name()));
            inst.forEach(p -> names.add(p.name()));
            if (names.isEmpty()) unmatched.add(spec);
            for (String name : names) {
                boolean satisfied = state.equals("present") && inst.stream().anyMatch(p -> p.name().equals(name));
                if (satisfied) continue;
                change(state.equals("latest"), name, avail).ifPresent(c -> changes.putIfAbsent(c.after().name() + "." + c.after().arch(), c));
            }
        }
        return new Resolution(List.copyOf(changes.values()), unmatched);
    }

    /** Brings {@code name} to the best build the spec allows; latest never goes down. */
    private Optional<PackageChange> change(boolean latest, String name, List<Nevra> avail) {
        Optional<Nevra> current = installed.stream().filter(p -> p.name().equals(name)).max(Nevra.BY_EVR);
        Optional<Nevra> best = best(name, avail, current.map(Nevra::arch).orElse(arch));
        if (best.isEmpty()) return Optional.empty();
        if (current.isEmpty()) return Optional.of(PackageChange.install(best.get()));
        int cmp = Nevra.BY_EVR.compare(best.get(), current.get());
        if (cmp == 0 || (latest && cmp < 0)) return Optional.empty();
        return Optional.of(PackageChange.replace(current.get(), best.get()));
    }

    /** The highest build of {@code name}; among equals the preferred arch, then noarch. */
    private static Optional<Nevra> best(String name, List<Nevra> avail, String preferredArch) {
        Comparator<Nevra> archRank = Comparator.comparingInt(p -> p.arch().equals(preferredArch) ? 2 : p.arch().equals("noarch") ? 1 : 0);
        return avail.stream().filter(p -> p.name().equals(name)).max(Nevra.BY_EVR.thenComparing(archRank));
    }
}
