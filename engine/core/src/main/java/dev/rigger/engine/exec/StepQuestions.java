package dev.rigger.engine.exec;

import dev.rigger.engine.compile.TaskNode;
import dev.rigger.engine.model.Play;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * {@code --step}: before each task, once for all its hosts, asks the operator whether to run it,
 * as ansible-playbook does: "Perform task: TASK: NAME (N)o/(y)es/(c)ontinue: ". No (the
 * default, and the end of input) leaves the task out on every host without a result; continue
 * runs it and asks nothing more in its play (Ansible's step mode lasts a play). Meta tasks and
 * handlers are not asked about, as in Ansible. The first host to reach a task asks; the others
 * wait for the answer.
 */
public final class StepQuestions {
    private final UnaryOperator<String> ask;
    private final Map<Object, Boolean> answers = new IdentityHashMap<>();
    private final Set<Play> continued = java.util.Collections.newSetFromMap(new IdentityHashMap<>());

    /** @param ask prints the question and returns the answer typed, or null at the end of input */
    public StepQuestions(UnaryOperator<String> ask) {
        this.ask = ask;
    }

    /** Whether {@link #perform} would ask the operator about the node's task (nobody has answered for it yet). */
    synchronized boolean willAsk(TaskNode n) {
        return !n.handler() && n.task().task().metaAction() == null && !continued.contains(n.task().play()) && !answers.containsKey(n.task());
    }

    /** Whether the node's task is to run (asking the operator the first time a host reaches it). */
    synchronized boolean perform(TaskNode n) {
        if (n.handler() || n.task().task().metaAction() != null || continued.contains(n.task().play())) return true;
        Boolean known = answers.get(n.task());
        if (known != null) return known;
        String a = ask.apply("Perform task: TASK: " + n.task().name() + " (N)o/(y)es/(c)ontinue: ");
        String r = a == null ? "" : a.strip().toLowerCase(java.util.Locale.ROOT);
        boolean yes = r.equals("y") || r.equals("yes") || r.equals("c") || r.equals("continue");
        if (r.equals("c") || r.equals("continue")) continued.add(n.task().play());
        answers.put(n.task(), yes);
        return yes;
    }
}
