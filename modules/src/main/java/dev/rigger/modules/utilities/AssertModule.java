package dev.rigger.modules.utilities;

import dev.rigger.spi.Change;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Ansible's assert: every expression of {@code that} must hold on the host (Jinja2's truth, as a
 * {@code when}), else the task fails with {@code fail_msg}; touches nothing.
 */
public final class AssertModule implements Module {
    private static final String DEFAULT_FAIL = "Assertion failed";
    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.expressions("that").required()
                    .doc("the expressions that must hold, written as in when: (a string or a list)"))
            .add(Param.any("fail_msg").aliases("msg").defaultValue(DEFAULT_FAIL)
                    .doc("the failure's message when one does not hold"))
            .add(Param.any("success_msg").defaultValue("All assertions passed").doc("the message when all hold"))
            .add(Param.bool("quiet").defaultValue(false).doc("accepted as Ansible's; it only quiets Ansible's output"))
            .build();

    @Override public String name() { return "assert"; }
    @Override public List<String> aliases() { return List.of("ansible.builtin.assert"); }
    @Override public String summary() { return "Fail the task unless the given expressions hold; changes nothing"; }
    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- assert:\n    that:\n      - ansible_distribution_major_version in ['8', '9']\n"
                + "      - kube_version is version('1.16', '>=')\n    fail_msg: \"unsupported system\"";
    }

    @Override
    public Change plan(Params p, Host host) {
        @SuppressWarnings("unchecked")
        Map<String, Object> that = (Map<String, Object>) p.values().get("that");
        for (Map.Entry<String, Object> e : that.entrySet()) {
            if (!truthy(e.getValue())) {
                // Ansible's msg is fail_msg alone, the assertion in keys of its own; without a
                // fail_msg of the task's the message names the assertion, which nothing else would
                Object msg = p.values().get("fail_msg");
                throw new ModuleException(DEFAULT_FAIL.equals(msg) ? DEFAULT_FAIL + ": " + e.getKey() : String.valueOf(msg));
            }
        }
        return Change.none(Map.of("msg", String.valueOf(p.values().get("success_msg"))));
    }

    /** Jinja2's (Python's) truth, as a when: condition has it. */
    static boolean truthy(Object v) {
        if (v == null) return false;
        if (v instanceof Boolean b) return b;
        if (v instanceof Number n) return n.doubleValue() != 0;
        if (v instanceof CharSequence s) return s.length() > 0;
        if (v instanceof Collection<?> c) return !c.isEmpty();
        if (v instanceof Map<?, ?> m) return !m.isEmpty();
        return true;
    }
}
