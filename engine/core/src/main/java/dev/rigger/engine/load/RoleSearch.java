package dev.rigger.engine.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a role named in a play is found, in Ansible's order: {@code roles/} beside the playbook,
 * the configured roles path ({@code ANSIBLE_ROLES_PATH}, then {@code roles_path} of ansible.cfg,
 * as the command line gives them), the playbook's own folder; a dependency also looks beside the
 * role that names it. A name with a slash is a path, relative to the playbook.
 */
final class RoleSearch {
    private final List<Path> configured;

    RoleSearch(List<Path> configured) {
        this.configured = List.copyOf(configured);
    }

    /** {@code ANSIBLE_ROLES_PATH}'s colon-separated folders (none when unset). */
    static List<Path> parse(String pathList) {
        List<Path> out = new ArrayList<>();
        if (pathList == null) return out;
        for (String p : pathList.split(":")) if (!p.isBlank()) out.add(Path.of(p.replaceFirst("^~", System.getProperty("user.home"))));
        return out;
    }

    /** The folders searched for a role named from {@code playDir} (and, for a dependency, beside {@code siblingOf}). */
    List<Path> dirs(Path playDir, Path siblingOf) {
        Set<Path> dirs = new LinkedHashSet<>();
        dirs.add(playDir.resolve("roles"));
        dirs.addAll(configured);
        if (siblingOf != null) dirs.add(siblingOf.getParent());
        dirs.add(playDir);
        return List.copyOf(dirs);
    }

    /** The role's folder, or null when no folder searched holds it. */
    Path find(String name, Path playDir, Path siblingOf) {
        if (name.contains("/")) {
            Path p = playDir.resolve(name).normalize();
            return Files.isDirectory(p) ? p : null;
        }
        for (Path d : dirs(playDir, siblingOf)) {
            Path p = d.resolve(name).toAbsolutePath().normalize();
            if (Files.isDirectory(p)) return p;
        }
        return null;
    }
}
