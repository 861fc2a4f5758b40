package dev.rigger.spi;

import java.util.ArrayList;
import java.util.List;

/**
 * A rule over several parameters of a {@link ParamSpec}, as Ansible's argument spec has them
 * ({@code required_if}, {@code required_together}, {@code required_by}), declared with the
 * {@link ParamSpec.Builder} methods. <b>Stable.</b>
 *
 * <p>The engine checks every rule when it loads a playbook, on the task's arguments with
 * defaults filled in, and reports a broken one at the task's {@code file:line:col} (exit 4)
 * before any host is contacted. A rule whose deciding value is templated ({@code {{ }}}) is
 * checked again on the rendered values before the task is planned. A parameter counts as given
 * when it has a value, from the task or by default. Rules name parameters by their canonical
 * names; the engine refuses a module whose rule names anything else.
 */
public sealed interface Rule {

    /**
     * Every parameter the rule names, for the engine's check of the spec itself.
     *
     * @return canonical parameter names
     */
    List<String> names();

    /**
     * The rule in words, as {@code rigger doc} shows it.
     *
     * @return e.g. {@code state=link needs src}
     */
    String describe();

    /**
     * When {@code param} equals {@code value}, every one of {@code names} (or, with
     * {@code any}, at least one) must be given. Message:
     * {@code module 'file': state=link needs src (missing: src)}.
     *
     * @param param the deciding parameter
     * @param value the value that triggers the rule, compared with the converted value as text
     *              ({@code true} for a bool, a choice word for a choice)
     * @param required the parameters then needed
     * @param any   whether one of {@code required} is enough (Ansible's {@code is_one_of})
     */
    record RequiredIf(String param, Object value, List<String> required, boolean any) implements Rule {
        /**
         * Copies the list.
         *
         * @param param    the deciding parameter
         * @param value    the triggering value
         * @param required the parameters then needed
         * @param any      whether one is enough
         */
        public RequiredIf {
            required = List.copyOf(required);
        }

        @Override
        public List<String> names() { return concat(param, required); }

        @Override
        public String describe() {
            return param + "=" + value + " needs " + (any && required.size() > 1 ? "one of " : "") + String.join(", ", required);
        }
    }

    /**
     * All of {@code together} or none of them. Message:
     * {@code module 'm': api_server, token go together (missing: token)}.
     *
     * @param together the parameters given together
     */
    record RequiredTogether(List<String> together) implements Rule {
        /**
         * Copies the list.
         *
         * @param together the parameters
         */
        public RequiredTogether {
            together = List.copyOf(together);
        }

        @Override
        public List<String> names() { return together; }

        @Override
        public String describe() { return String.join(", ", together) + " go together (all or none)"; }
    }

    /**
     * When {@code param} is given, every one of {@code required} must be too. Message:
     * {@code module 'kubeadm': api_server needs token, ca_cert_hash (missing: token)}.
     *
     * @param param    the parameter that brings the need
     * @param required the parameters it needs
     */
    record RequiredBy(String param, List<String> required) implements Rule {
        /**
         * Copies the list.
         *
         * @param param    the parameter
         * @param required what it needs
         */
        public RequiredBy {
            required = List.copyOf(required);
        }

        @Override
        public List<String> names() { return concat(param, required); }

        @Override
        public String describe() { return param + " needs " + String.join(", ", required); }
    }

    /**
     * {@code allowed} may only be given when {@code param} equals {@code value} (Ansible has no
     * such rule; its modules check it in code). Message:
     * {@code module 'file': content is only for state=file (state is directory)}.
     *
     * @param param   the deciding parameter
     * @param value   the only value with which {@code allowed} may be given
     * @param allowed the parameters limited to it
     */
    record OnlyIf(String param, Object value, List<String> allowed) implements Rule {
        /**
         * Copies the list.
         *
         * @param param   the deciding parameter
         * @param value   the value
         * @param allowed the limited parameters
         */
        public OnlyIf {
            allowed = List.copyOf(allowed);
        }

        @Override
        public List<String> names() { return concat(param, allowed); }

        @Override
        public String describe() { return String.join(", ", allowed) + " only with " + param + "=" + value; }
    }

    /**
     * A parameter Ansible has and the module declares but does not implement: given at all, it
     * is refused at load with {@code reason} (what to do instead).
     *
     * @param param  the parameter's canonical name
     * @param reason why it is refused and what to write instead
     */
    record Refused(String param, String reason) implements Rule {
        @Override
        public List<String> names() { return List.of(param); }

        @Override
        public String describe() { return param + " is refused: " + reason; }
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(rest);
        return List.copyOf(all);
    }
}
