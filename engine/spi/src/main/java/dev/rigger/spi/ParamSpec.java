package dev.rigger.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A module's parameters, declared once: drives validation at load time and documentation.
 * {@code exclusive} lists groups of parameters of which at most one may be given;
 * {@code oneOf} groups of which at least one must be (declare a group in both for exactly
 * one); {@code rules} the other combinations ({@link Rule}: required if, required together,
 * required by, only if). <b>Stable.</b>
 *
 * <p>Declaring instead of checking in code is what lets the engine reject a bad task, with
 * its {@code file:line:col}, before any host is contacted, and lets {@code rigger doc} describe
 * the module. The engine also checks the spec itself when it loads the module: names and
 * aliases unique, defaults valid, groups and rules naming declared parameters, a rule's value
 * one the parameter can take.
 *
 * @param params    the parameters, in declaration (and documentation) order
 * @param exclusive groups of parameter names of which at most one may be given
 * @param oneOf     groups of parameter names of which at least one must be given
 * @param freeForm  whether the module accepts Ansible's free form; see {@link Builder#freeForm()}
 * @param rules     the other rules over several parameters, in declaration order
 */
public record ParamSpec(List<Param> params, List<List<String>> exclusive, List<List<String>> oneOf,
                        boolean freeForm, List<Rule> rules) {

    /**
     * A spec without {@link Rule}s, as before those existed.
     *
     * @param params    the parameters
     * @param exclusive the at-most-one groups
     * @param oneOf     the at-least-one groups
     * @param freeForm  whether free form is accepted
     */
    public ParamSpec(List<Param> params, List<List<String>> exclusive, List<List<String>> oneOf, boolean freeForm) {
        this(params, exclusive, oneOf, freeForm, List.of());
    }

    /**
     * Copies the lists, so a spec cannot change after it is made.
     *
     * @param params    the parameters
     * @param exclusive the at-most-one groups
     * @param oneOf     the at-least-one groups
     * @param freeForm  whether free form is accepted
     * @param rules     the other rules
     */
    public ParamSpec {
        params = List.copyOf(params);
        rules = List.copyOf(rules);
        exclusive = exclusive.stream().map(List::copyOf).toList();
        oneOf = oneOf.stream().map(List::copyOf).toList();
    }

    /**
     * Starts an empty spec.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The parameter called {@code name} directly or by an alias.
     *
     * @param name a canonical name or an alias
     * @return the parameter, or empty when none is called that
     */
    public Optional<Param> find(String name) {
        return params.stream()
                .filter(p -> p.name().equals(name) || p.aliases().contains(name))
                .findFirst();
    }

    /** Collects parameters in declaration order, which is also their documentation order. */
    public static final class Builder {
        private final List<Param> params = new ArrayList<>();
        private final List<List<String>> exclusive = new ArrayList<>();
        private final List<List<String>> oneOf = new ArrayList<>();
        private final List<Rule> rules = new ArrayList<>();
        private boolean freeForm;

        /**
         * Declares one parameter.
         *
         * @param p the parameter
         * @return this builder
         */
        public Builder add(Param p) {
            params.add(p);
            return this;
        }

        /**
         * At most one of {@code names} may be given.
         *
         * @param names canonical names of declared parameters
         * @return this builder
         */
        public Builder mutuallyExclusive(String... names) {
            exclusive.add(List.of(names));
            return this;
        }

        /**
         * At least one of {@code names} must be given (Ansible's {@code required_one_of}),
         * checked with defaults filled in; add {@link #mutuallyExclusive} with the
         * same names for exactly one, as {@code copy} does with {@code src} and {@code content}.
         *
         * @param names canonical names of declared parameters
         * @return this builder
         */
        public Builder requireOneOf(String... names) {
            oneOf.add(List.of(names));
            return this;
        }

        /**
         * When {@code param} equals {@code value}, every one of {@code names} must be given
         * (Ansible's {@code required_if}), e.g. {@code requiredIf("state", "link", "src")}.
         * The message: {@code module 'file': state=link needs src (missing: src)}.
         *
         * @param param a declared parameter's canonical name
         * @param value the value that brings the need: a choice word, {@code true}/{@code false}, a number
         * @param names canonical names of the parameters then required
         * @return this builder
         */
        public Builder requiredIf(String param, Object value, String... names) {
            rules.add(new Rule.RequiredIf(param, value, List.of(names), false));
            return this;
        }

        /**
         * When {@code param} equals {@code value}, at least one of {@code names} must be given
         * (Ansible's {@code required_if} with {@code is_one_of}). The message:
         * {@code module 'lineinfile': state=absent needs one of line, regexp, search_string}.
         *
         * @param param a declared parameter's canonical name
         * @param value the value that brings the need
         * @param names canonical names of which one is then required
         * @return this builder
         */
        public Builder requiredIfAny(String param, Object value, String... names) {
            rules.add(new Rule.RequiredIf(param, value, List.of(names), true));
            return this;
        }

        /**
         * All of {@code names} or none (Ansible's {@code required_together}). The message:
         * {@code module 'm': a, b go together (missing: b)}.
         *
         * @param names canonical names of declared parameters
         * @return this builder
         */
        public Builder requiredTogether(String... names) {
            rules.add(new Rule.RequiredTogether(List.of(names)));
            return this;
        }

        /**
         * When {@code param} is given, every one of {@code names} must be too (Ansible's
         * {@code required_by}). The message:
         * {@code module 'kubeadm': api_server needs token, ca_cert_hash (missing: token)}.
         *
         * @param param a declared parameter's canonical name
         * @param names canonical names of the parameters it needs
         * @return this builder
         */
        public Builder requiredBy(String param, String... names) {
            rules.add(new Rule.RequiredBy(param, List.of(names)));
            return this;
        }

        /**
         * {@code names} may only be given when {@code param} equals {@code value}, e.g.
         * {@code file}'s {@code content} only with {@code state=file}. The message:
         * {@code module 'file': content is only for state=file (state is directory)}.
         *
         * @param param a declared parameter's canonical name
         * @param value the only value with which {@code names} may be given
         * @param names canonical names of the limited parameters
         * @return this builder
         */
        public Builder onlyIf(String param, Object value, String... names) {
            rules.add(new Rule.OnlyIf(param, value, List.of(names)));
            return this;
        }

        /**
         * Refuses {@code name} whenever it is given, at load, with {@code reason}: for an
         * Ansible parameter the module declares (so its name is known) but does not implement.
         *
         * @param name   a declared parameter's canonical name
         * @param reason why, and what to do instead
         * @return this builder
         */
        public Builder refused(String name, String reason) {
            rules.add(new Rule.Refused(name, reason));
            return this;
        }

        /**
         * Accepts Ansible's free form, {@code command: ls -l}: the string is given to the
         * parameter named {@code _raw} (or {@code cmd}), followed by any {@code k=v} words.
         *
         * @return this builder
         */
        public Builder freeForm() {
            freeForm = true;
            return this;
        }

        /**
         * The spec declared so far.
         *
         * @return a new, immutable spec
         */
        public ParamSpec build() {
            return new ParamSpec(params, exclusive, oneOf, freeForm, rules);
        }
    }
}
