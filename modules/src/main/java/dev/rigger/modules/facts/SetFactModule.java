package dev.rigger.modules.facts;

import dev.rigger.spi.Change;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's {@code set_fact}: the task's keys become variables of the host for the tasks after it,
 * at the precedence of registered results (above the play's and task's vars, below {@code -e}).
 * The keys are the user's names: the engine hands them over as {@code key_value}. With
 * {@code cacheable} they also become the host's facts ({@code ansible_facts.NAME}); Rigger keeps
 * no fact cache between runs, so that is all it does. Touches no host.
 */
public final class SetFactModule implements Module {
    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.map("key_value").required()
                    .doc("the variables to set, written as the task's own keys: set_fact: {NAME: VALUE, ...} (or NAME=VALUE ...)"))
            .add(Param.bool("cacheable").defaultValue(false)
                    .doc("also make them the host's facts (ansible_facts.NAME); Rigger keeps no fact cache between runs"))
            .build();

    @Override
    public String name() { return "set_fact"; }

    @Override
    public List<String> aliases() { return List.of("ansible.builtin.set_fact"); }

    @Override
    public String summary() { return "Set variables of the host for the tasks after this one; changes nothing"; }

    @Override
    public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- set_fact:\n    api_url: \"https://{{ ansible_default_ipv4.address }}:6443\"\n    workers: \"{{ groups['workers'] | length }}\"";
    }

    @Override
    public Change plan(Params p, Host host) {
        Map<String, Object> facts = new LinkedHashMap<>();
        p.map("key_value").forEach((k, v) -> {
            if (!k.matches("[A-Za-z_][A-Za-z0-9_]*")) {
                throw new ModuleException("The variable name '" + k + "' is not valid. Variables must start with a letter or underscore "
                        + "character, and contain only letters, numbers and underscores.");
            }
            if (v == null) {
                // Ansible sets None; a host's variables here hold no null value (the engine's maps), so say so
                throw new ModuleException("'" + k + "' is None (null): Rigger cannot set a variable to null, as Ansible would; "
                        + "set '' or a default instead");
            }
            facts.put(k, asAnsibleSetsIt(v));
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ansible_facts", facts);
        if (p.bool("cacheable")) out.put("_ansible_facts_cacheable", true);
        return Change.none(out);
    }

    /**
     * Ansible's set_fact (jinja2_native off, its default) turns a value that is, as a whole, the string
     * true, false, yes or no (any case) into a boolean, written or rendered: {@code "{{ 'true' }}"} sets
     * true where the same template in vars stays the string. Nothing nested is touched.
     */
    static Object asAnsibleSetsIt(Object v) {
        if (v instanceof String s) {
            switch (s.toLowerCase(java.util.Locale.ROOT)) {
                case "true", "yes": return true;
                case "false", "no": return false;
                default: return s;
            }
        }
        return v;
    }
}
