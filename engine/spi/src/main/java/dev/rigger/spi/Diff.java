package dev.rigger.spi;

/**
 * One before/after record of a change, e.g. the content of a file or its mode. Multi-line
 * before/after values are shown as a unified diff, single values as {@code before -> after}.
 * {@code null} means "does not exist". <b>Stable.</b>
 */
public record Diff(String subject, Action action, String before, String after) {

    /** Terraform-style action symbols. */
    public enum Action {
        CREATE("+"), UPDATE("~"), DELETE("-"), RUN("!");

        private final String symbol;

        Action(String symbol) { this.symbol = symbol; }

        public String symbol() { return symbol; }
    }

    public static Diff create(String subject, String after) {
        return new Diff(subject, Action.CREATE, null, after);
    }

    public static Diff update(String subject, String before, String after) {
        return new Diff(subject, Action.UPDATE, before, after);
    }

    public static Diff delete(String subject, String before) {
        return new Diff(subject, Action.DELETE, before, null);
    }

    public static Diff run(String what) {
        return new Diff(what, Action.RUN, null, null);
    }
}
