package dev.rigger.engine.model;

import java.nio.file.Path;
import java.util.List;

/** A loaded playbook file: its plays in order. */
public record Playbook(Path file, List<Play> plays) {
    public Playbook {
        plays = List.copyOf(plays);
    }
}
