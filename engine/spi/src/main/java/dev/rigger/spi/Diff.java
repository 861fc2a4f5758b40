package dev.rigger.spi;

/**
 * One before/after record of a change, e.g. the content of a file or its mode. Multi-line
 * before/after values are shown as a unified diff, single values as {@code before -> after}.
 * {@code null} means "does not exist". <b>Stable.</b>
 *
 * <p>Diffs are what {@code --diff} shows and what the engine names when a host did not
 * converge; they describe the change, the {@link Step}s make it. Values of secret parameters
 * are masked by the engine before a diff is shown.
 *
 * @param subject what changes, e.g. {@code /etc/motd} or {@code /etc/motd mode}
 * @param action  the kind of change
 * @param before  the current value; null when it does not exist
 * @param after   the wanted value; null when it will not exist
 */
public record Diff(String subject, Action action, String before, String after) {

    /** Terraform-style action symbols. */
    public enum Action {
        /** Something comes into existence: {@code +}. */
        CREATE("+"),
        /** Something existing changes: {@code ~}. */
        UPDATE("~"),
        /** Something existing goes away: {@code -}. */
        DELETE("-"),
        /** A command runs whose effect cannot be shown as before and after: {@code !}. */
        RUN("!");

        private final String symbol;

        Action(String symbol) { this.symbol = symbol; }

        /**
         * The symbol shown in front of the subject.
         *
         * @return one of {@code + ~ - !}
         */
        public String symbol() { return symbol; }
    }

    /**
     * Something that will exist.
     *
     * @param subject what is created
     * @param after   its value once created
     * @return a {@link Action#CREATE} diff
     */
    public static Diff create(String subject, String after) {
        return new Diff(subject, Action.CREATE, null, after);
    }

    /**
     * Something whose value changes.
     *
     * @param subject what changes
     * @param before  its current value
     * @param after   its wanted value
     * @return an {@link Action#UPDATE} diff
     */
    public static Diff update(String subject, String before, String after) {
        return new Diff(subject, Action.UPDATE, before, after);
    }

    /**
     * Something that will no longer exist.
     *
     * @param subject what is removed
     * @param before  its current value
     * @return a {@link Action#DELETE} diff
     */
    public static Diff delete(String subject, String before) {
        return new Diff(subject, Action.DELETE, before, null);
    }

    /**
     * A command that will run, e.g. for the {@code command} module.
     *
     * @param what the command or a description of it
     * @return a {@link Action#RUN} diff
     */
    public static Diff run(String what) {
        return new Diff(what, Action.RUN, null, null);
    }
}
