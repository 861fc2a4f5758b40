package dev.rigger.engine.compile;

import dev.rigger.engine.expr.Expression;
import dev.rigger.engine.expr.Template;
import java.util.List;
import java.util.Map;

/**
 * What a play asks of its hosts before the run changes anything: facts (read-only shell
 * commands, gathered in one round trip per host) and preflight rules over them.
 *
 * @param facts    fact name -> command template
 * @param playVars the play's vars as value trees, for the rules' scope
 */
public record PlayChecks(String play, List<String> hosts, Map<String, Template> facts, List<Rule> rules,
                         Map<String, Object> playVars) {

    /** A rule: {@code assertion} must be true; {@code message} says what to do when it is not. */
    public record Rule(String name, Expression assertion, Template message) { }

    public PlayChecks {
        hosts = List.copyOf(hosts);
        facts = Map.copyOf(facts);
        rules = List.copyOf(rules);
    }

    public boolean isEmpty() {
        return facts.isEmpty() && rules.isEmpty();
    }
}
