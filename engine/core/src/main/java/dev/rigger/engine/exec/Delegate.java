package dev.rigger.engine.exec;

/**
 * Where a delegated task runs on one host, its {@code delegate_to} rendered there: on the
 * delegate's connection ({@code host}), or on the machine Rigger runs on ({@code local}), with
 * the task's host's variables, its result registered on that host.
 *
 * @param host  the delegate's inventory name (an unknown name is reached as Ansible reaches it: by that name);
 *              "localhost" with {@code local}
 * @param local {@code connection: local}: this machine, whatever the inventory says of {@code host}
 * @param facts {@code delegate_facts}: the facts the task sets go to {@code host}
 */
record Delegate(String host, boolean local, boolean facts, String as) {
    Delegate(String host, boolean local, boolean facts) {
        this(host, local, facts, null);
    }

    /**
     * The host itself, for a task that becomes another user (or through su): its own session on the
     * host, so the answers one session keeps ahead for root are never taken for that user's, nor the reverse.
     */
    static Delegate asUser(String host, Privilege p) {
        return new Delegate(host, false, false, null).as(p);
    }

    /** This delegation under {@code p}: its own session when {@code p} becomes another user (or through su). */
    Delegate as(Privilege p) {
        return p.otherUser() ? new Delegate(host, local, facts, p.user() + (p.su() ? " su" : " sudo")) : this;
    }

    /** The host whose facts a result of the task on {@code self} sets. */
    String factsHost(String self) {
        return facts && !local ? host : self;
    }

    /** Whether the task runs on {@code self}'s own connection after all ({@code delegate_to: "{{ inventory_hostname }}"}). */
    boolean isSelf(String self) {
        return !local && as == null && host.equals(self);
    }

    /** The session key of a delegation from {@code self}. */
    String key() {
        return (local ? "local:" : "host:" + host) + (as == null ? "" : "\0as:" + as);
    }
}
