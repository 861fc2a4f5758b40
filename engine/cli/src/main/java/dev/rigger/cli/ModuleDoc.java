package dev.rigger.cli;

import dev.rigger.engine.module.ModuleRegistry;
import dev.rigger.spi.Module;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Rule;
import java.util.List;

/** A module's documentation page, generated from its spec (used by {@code rigger doc} and docs/modules/). */
final class ModuleDoc {
    private ModuleDoc() { }

    static String markdown(Module m) {
        StringBuilder sb = new StringBuilder("# ").append(m.name()).append("\n\n").append(m.summary()).append("\n\n");
        List<String> aliases = ModuleRegistry.aliases(m);
        if (!aliases.isEmpty()) sb.append("Also called: ").append(String.join(", ", aliases)).append("\n\n");
        table(sb, m.spec());
        for (Param p : m.spec().params()) {
            if (p.options() == null) continue;
            sb.append("\nOptions of each ").append(p.type() == Param.Type.LIST ? "item of " : "").append(p.name()).append(":\n\n");
            table(sb, p.options());
            rules(sb, p.options());
        }
        rules(sb, m.spec());
        for (List<String> g : m.spec().exclusive()) sb.append("\nMutually exclusive: ").append(String.join(", ", g)).append('\n');
        for (List<String> g : m.spec().oneOf()) sb.append("\nOne of these is required: ").append(String.join(", ", g)).append('\n');
        if (m.spec().freeForm()) sb.append("\nFree form: `").append(m.name()).append(": <command line> [arg=value ...]`\n");
        sb.append("\nCheck mode: supported (plans from read-only probes, changes nothing). Diff: supported.\n");
        if (!m.examples().isBlank()) sb.append("\n## Examples\n\n```yaml\n").append(m.examples().strip()).append("\n```\n");
        return sb.toString();
    }

    private static void table(StringBuilder sb, ParamSpec spec) {
        sb.append("| parameter | type | required | default | choices | aliases | description |\n");
        sb.append("|---|---|---|---|---|---|---|\n");
        for (Param p : spec.params()) {
            if (p.name().startsWith("_")) continue;
            sb.append("| ").append(p.name()).append(" | ").append(type(p))
              .append(" | ").append(p.isRequired() ? "yes" : "")
              .append(" | ").append(p.defaultValue() == null ? "" : p.defaultValue())
              .append(" | ").append(String.join(", ", p.choices()))
              .append(" | ").append(String.join(", ", p.aliases().stream().filter(a -> !a.startsWith("_")).toList()))
              .append(" | ").append(p.doc()).append(p.isSecret() ? " (secret: masked in all output)" : "")
              .append(p.checks().isEmpty() ? "" : " (must be " + String.join(", ", p.checks().stream().map(Param.Check::words).toList()) + ")")
              .append(" |\n");
        }
    }

    private static String type(Param p) {
        String t = p.type().name().toLowerCase();
        return p.elements() == null ? t : t + " of " + p.elements().name().toLowerCase();
    }

    /** The rules over several parameters, one table row each (so the docs test holds the pages to them). */
    private static void rules(StringBuilder sb, ParamSpec spec) {
        if (spec.rules().isEmpty()) return;
        sb.append("\n| rule (checked at load time) |\n|---|\n");
        for (Rule r : spec.rules()) sb.append("| ").append(r.describe()).append(" |\n");
    }
}
