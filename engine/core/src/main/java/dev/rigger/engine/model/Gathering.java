package dev.rigger.engine.model;

import java.util.List;

/**
 * A play's fact gathering, as Ansible's {@code gather_facts} (on unless {@code false}) and
 * {@code gather_subset} (Ansible's default {@code all}). Rigger gathers only the facts the run reads.
 */
public record Gathering(boolean on, List<String> subset) {
    public static final Gathering DEFAULT = new Gathering(true, List.of("all"));
    public static final Gathering OFF = new Gathering(false, List.of("all"));

    public Gathering {
        subset = List.copyOf(subset);
    }
}
