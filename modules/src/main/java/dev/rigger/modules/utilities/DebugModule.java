package dev.rigger.modules.utilities;

import dev.rigger.spi.Change;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import java.util.List;
import java.util.Map;

/**
 * Prints a message in the report (and again among the notes at its end): the way a playbook
 * hands the operator something, e.g. the dashboard's login token. Changes nothing. A task whose
 * {@code verbosity} is above the run's -v count is skipped by the engine (TaskRunner), which has it.
 */
public final class DebugModule implements Module {
    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.any("msg").doc("what to print; any value (a string, a list, a mapping)"))
            .add(Param.expressions("var").doc("an expression (usually a variable's name, as in when:) to print as 'name: value' (a value that is not a string as JSON)"))
            .add(Param.integer("verbosity").defaultValue(0)
                    .doc("the task is skipped ('Verbosity threshold not met.') unless the run has at least this many -v"))
            .mutuallyExclusive("msg", "var").build();

    @Override
    public String name() { return "debug"; }

    @Override
    public List<String> aliases() { return List.of("ansible.builtin.debug"); }

    @Override
    public String summary() { return "Print a message in the report; changes nothing"; }

    @Override
    public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- debug:\n    msg: \"dashboard token: {{ token.stdout }}\"\n- debug:\n    var: ansible_play_hosts";
    }

    @Override
    public Change plan(Params p, Host host) {
        if (p.values().containsKey("msg") || !p.has("var")) {
            // registered as given, as Ansible does: a boolean stays a boolean, a mapping a mapping (the
            // report shows those as JSON); neither msg nor var is Ansible's 'Hello world!'
            if (p.values().containsKey("msg") && p.values().get("msg") == null) {
                // Ansible registers msg: null; a result here holds no null values (Change's outputs), so say so
                throw new dev.rigger.spi.ModuleException("msg is None (null, e.g. \"{{ var }}\" of a null variable): Rigger cannot register "
                        + "a null msg, as Ansible would; give a default (\"{{ var | default('', true) }}\") or use var:");
            }
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            out.put("msg", p.values().containsKey("msg") ? p.values().get("msg") : "Hello world!");
            return Change.none(out);
        }
        // as Ansible registers it, the expression's text to its value only; the engine prints it as 'expression: value'
        @SuppressWarnings("unchecked")
        Map<String, Object> var = new java.util.LinkedHashMap<>((Map<String, Object>) p.values().get("var"));
        return Change.none(var);
    }
}
