package dev.rigger.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A module's parameters, declared once: drives validation at load time and documentation.
 * {@code exclusive} lists groups of parameters of which at most one may be given;
 * {@code oneOf} groups of which exactly one must be. <b>Stable.</b>
 */
public record ParamSpec(List<Param> params, List<List<String>> exclusive, List<List<String>> oneOf,
                        boolean freeForm) {

    public ParamSpec {
        params = List.copyOf(params);
        exclusive = exclusive.stream().map(List::copyOf).toList();
        oneOf = oneOf.stream().map(List::copyOf).toList();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The parameter called {@code name} directly or by an alias. */
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
        private boolean freeForm;

        public Builder add(Param p) {
            params.add(p);
            return this;
        }

        public Builder mutuallyExclusive(String... names) {
            exclusive.add(List.of(names));
            return this;
        }

        public Builder requireOneOf(String... names) {
            oneOf.add(List.of(names));
            return this;
        }

        /**
         * Accepts Ansible's free form, {@code command: ls -l}: the string is given to the
         * parameter named {@code _raw} (or {@code cmd}), followed by any {@code k=v} words.
         */
        public Builder freeForm() {
            freeForm = true;
            return this;
        }

        public ParamSpec build() {
            return new ParamSpec(params, exclusive, oneOf, freeForm);
        }
    }
}
