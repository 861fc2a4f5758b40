package dev.rigger.cli;

import dev.rigger.spi.Module;
import dev.rigger.spi.Param;
import java.util.List;

/** A module's documentation page, generated from its spec (used by {@code rigger doc} and docs/modules/). */
final class ModuleDoc {
    private ModuleDoc() { }

    static String markdown(Module m) {
        StringBuilder sb = new StringBuilder("# ").append(m.name()).append("\n\n").append(m.summary()).append("\n\n");
        if (!m.aliases().isEmpty()) sb.append("Also called: ").append(String.join(", ", m.aliases())).append("\n\n");
        sb.append("| parameter | type | required | default | choices | aliases | description |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (Param p : m.spec().params()) {
            if (p.name().startsWith("_")) continue;
            sb.append("| ").append(p.name()).append(" | ").append(p.type().name().toLowerCase())
              .append(" | ").append(p.isRequired() ? "yes" : "")
              .append(" | ").append(p.defaultValue() == null ? "" : p.defaultValue())
              .append(" | ").append(String.join(", ", p.choices()))
              .append(" | ").append(String.join(", ", p.aliases().stream().filter(a -> !a.startsWith("_")).toList()))
              .append(" | ").append(p.doc()).append(p.isSecret() ? " (secret: masked in all output)" : "").append(" |\n");
        }
        for (List<String> g : m.spec().exclusive()) sb.append("\nMutually exclusive: ").append(String.join(", ", g)).append('\n');
        for (List<String> g : m.spec().oneOf()) sb.append("\nOne of these is required: ").append(String.join(", ", g)).append('\n');
        if (m.spec().freeForm()) sb.append("\nFree form: `").append(m.name()).append(": <command line> [arg=value ...]`\n");
        sb.append("\nCheck mode: supported (plans from read-only probes, changes nothing). Diff: supported.\n");
        if (!m.examples().isBlank()) sb.append("\n## Examples\n\n```yaml\n").append(m.examples().strip()).append("\n```\n");
        return sb.toString();
    }
}
