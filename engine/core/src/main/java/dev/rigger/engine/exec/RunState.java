package dev.rigger.engine.exec;

import dev.rigger.engine.compile.TaskNode;
import dev.rigger.engine.report.Status;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the hosts share while they run: each node's outcome (a future other hosts wait on) and
 * each host's registered results (read across hosts through {@code hostvars}).
 */
final class RunState {

    /**
     * How a node ended, as its dependents need to know: {@code blocks} when it failed, its host
     * was unreachable, or it was itself skipped because something upstream failed.
     */
    record Outcome(Status status, boolean blocks) {
        static Outcome of(Status s) {
            return new Outcome(s, s == Status.FAILED || s == Status.UNREACHABLE);
        }
    }

    /** A run_once task's result, as its batch's other hosts take it: the status and what was registered (or null). */
    record Once(Status status, Object registered, String label) { }

    private final Map<TaskNode, CompletableFuture<Outcome>> outcomes = new ConcurrentHashMap<>();
    private final Map<TaskNode, Once> once = new ConcurrentHashMap<>();
    /** What meta: end_play (a play) and end_batch (a play's serial batch: play and its hosts) ended for every host. */
    private final java.util.Set<Object> endedPlays = ConcurrentHashMap.newKeySet();
    private final Map<String, Map<String, Object>> registered = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> facts = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> ansibleFacts = new ConcurrentHashMap<>();
    /** Per host, the facts a module returned without the {@code ansible_} prefix (package_facts' packages). */
    private final Map<String, Map<String, Object>> bareFacts = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> included = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> registrations = new ConcurrentHashMap<>();

    /**
     * A host whose gathering failed ({@code FAILED}) or that could not be reached then
     * ({@code UNREACHABLE}): Ansible leaves it out of {@code plays} (its gathering play, or every
     * play when unreachable, and the plays after), {@code first} being where that happened.
     */
    record LeftOut(Status status, java.util.Set<dev.rigger.engine.model.Play> plays, dev.rigger.engine.model.Play first) { }

    private final Map<String, LeftOut> leftOut = new ConcurrentHashMap<>();

    /** {@code host}'s gathering failed: it is left out of the plays named, and its facts are undefined, as in Ansible. */
    void leaveOut(String host, LeftOut how) {
        leftOut.put(host, how);
        clearFacts(host);
    }

    /** How {@code host} is left out of {@code play} (its gathering failed), or null when it takes part. */
    LeftOut leftOut(String host, dev.rigger.engine.model.Play play) {
        LeftOut o = leftOut.get(host);
        return o != null && o.plays().contains(play) ? o : null;
    }

    /** How {@code host} is left out of some play (its gathering failed), or null. */
    LeftOut leftOut(String host) {
        return leftOut.get(host);
    }

    /** The hosts a meta: clear_host_errors cleared after their last failure or unreachability. */
    private final java.util.Set<String> errorsCleared = ConcurrentHashMap.newKeySet();

    /** The host's errors were cleared (true) or it failed again since (false). */
    void errorsCleared(String host, boolean cleared) {
        if (cleared) errorsCleared.add(host); else errorsCleared.remove(host);
    }

    java.util.Set<String> errorsCleared() {
        return java.util.Set.copyOf(errorsCleared);
    }

    /** Why the run stopped (a play broken by its failure rules): no later batch or play starts; null while it goes on. */
    private volatile String stopped;

    /**
     * A gate's verdict, as Ansible judges a batch: any failure under {@code any_errors_fatal},
     * more than {@code max_fail_percentage} of the batch failed, or (at a batch's end) every host
     * of it failed, stops the play and every play after it. The first verdict stands.
     *
     * @return why the run stopped, or null
     */
    synchronized String judge(dev.rigger.engine.compile.ExecutionGraph.Gate g, int failed) {
        return judge(g, failed, 0);
    }

    /**
     * As {@link #judge(dev.rigger.engine.compile.ExecutionGraph.Gate, int)}, where {@code unreachable}
     * of the {@code failed} hosts were unreachable: {@code max_fail_percentage} does not count them
     * (Ansible 2.14 weighs its failed hosts alone against it), the other two rules do.
     */
    synchronized String judge(dev.rigger.engine.compile.ExecutionGraph.Gate g, int failed, int unreachable) {
        if (stopped != null) return stopped;
        String what = failed + " of " + g.batchSize() + " host(s) of batch " + g.batch() + " failed";
        if (unreachable > 0) what += " (" + unreachable + " unreachable)";
        if (g.anyErrorsFatal() && failed > 0) {
            stopped = "any_errors_fatal: " + what;
        } else if (g.maxFailPercentage() != null && (failed - unreachable) * 100L > (long) g.maxFailPercentage() * g.batchSize()) {
            stopped = "max_fail_percentage " + g.maxFailPercentage() + ": " + what;
        } else if (g.endOfBatch() && failed == g.batchSize() && failed > 0) {
            stopped = "every host of batch " + g.batch() + " failed";
        }
        return stopped;
    }

    CompletableFuture<Outcome> outcome(TaskNode n) {
        return outcomes.computeIfAbsent(n, k -> new CompletableFuture<>());
    }

    /** Records the result of the run_once chain starting at {@code first}. */
    void ranOnce(TaskNode first, Once result) {
        once.put(first, result);
    }

    /** The result of the run_once chain starting at {@code first}, or null while no host ran it. */
    Once ranOnce(TaskNode first) {
        return once.get(first);
    }

    /** The facts gathered on {@code host} (by the plays' {@code facts:}), read as {@code facts.x}. */
    Map<String, Object> facts(String host) {
        return facts.computeIfAbsent(host, h -> new ConcurrentHashMap<>());
    }

    /** The Ansible facts of {@code host} (gather_facts, setup), by their names without {@code ansible_}. */
    Map<String, Object> ansibleFacts(String host) {
        return ansibleFacts.computeIfAbsent(host, h -> new ConcurrentHashMap<>());
    }

    /**
     * {@code host}'s facts that were returned without the {@code ansible_} prefix, kept apart from
     * the prefixed ones (a cacheable set_fact of {@code hostname} leaves {@code ansible_hostname}
     * as it was): Ansible injects them as variables by their own name ({@code packages},
     * {@code services}), not as {@code ansible_NAME}.
     */
    Map<String, Object> bareFacts(String host) {
        return bareFacts.computeIfAbsent(host, h -> new ConcurrentHashMap<>());
    }

    /** Adds facts to {@code host}'s, as Ansible's set_host_facts: names with or without the {@code ansible_} prefix. */
    void learnFacts(String host, Map<String, Object> facts) {
        facts.forEach((k, v) -> {
            if (k.startsWith("ansible_")) {
                ansibleFacts(host).put(k.substring("ansible_".length()), v);
            } else {
                bareFacts(host).put(k, v);
            }
        });
        registrations.computeIfAbsent(host, h -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
    }

    /** {@code meta: clear_facts}: {@code host}'s Ansible facts are gone (set_fact's variables stay, as in Ansible). */
    void clearFacts(String host) {
        ansibleFacts(host).clear();
        bareFacts(host).clear();
        registrations.computeIfAbsent(host, h -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
    }

    /** The variables include_vars set on {@code host}, as value trees (templates rendered when read). */
    Map<String, Object> included(String host) {
        return included.computeIfAbsent(host, h -> new ConcurrentHashMap<>());
    }

    /** Adds variables of an include_vars to {@code host}'s. */
    void include(String host, Map<String, Object> vars) {
        included(host).putAll(vars);
        registrations.computeIfAbsent(host, h -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
    }

    /** Registers a task's result on {@code host} under {@code name}. */
    void register(String host, String name, Object value) {
        registered(host).put(name, value);
        registrations.computeIfAbsent(host, h -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
    }

    /** How many results (and facts) were registered on {@code host} so far: what a task sees may differ once it grows. */
    int registrations(String host) {
        var n = registrations.get(host);
        return n == null ? 0 : n.get();
    }

    /** The live map of {@code host}'s registered results. */
    Map<String, Object> registered(String host) {
        return registered.computeIfAbsent(host, h -> new ConcurrentHashMap<>());
    }

    /**
     * A meta: end_play (batch null: the play, every batch of it) or end_batch (that serial batch;
     * a play without serial is one batch, so it ends the play) ran on some host.
     */
    void end(dev.rigger.engine.model.Play play, java.util.List<String> batch) {
        endedPlays.add(batch == null ? play : java.util.List.of(play, batch));
    }

    /** Whether an end_play of {@code play}, or an end_batch of its {@code batch}, ran. */
    boolean ended(dev.rigger.engine.model.Play play, java.util.List<String> batch) {
        return endedPlays.contains(play) || (batch != null && endedPlays.contains(java.util.List.of(play, batch)));
    }
}
