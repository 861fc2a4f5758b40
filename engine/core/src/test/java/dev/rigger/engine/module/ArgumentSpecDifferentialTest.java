package dev.rigger.engine.module;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.check.ParamBinder;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Ansible's argument spec and ours reject the same inputs: every combination of five arguments
 * given or not, under one rule each (required_if and its "any of" form, on a choice and on a
 * bool, required_together, required_by, required_one_of, mutually_exclusive). Ansible's
 * verdicts are in {@code argspec-differential.json}, written by
 * {@code test-data/argspec-differential.py} from ansible-core's {@code ArgumentSpecValidator}.
 */
class ArgumentSpecDifferentialTest {
    private final ParamBinder binder = new ParamBinder();

    @Test
    void sameInputsRejected_asAnsiblesArgumentSpecValidator() throws IOException {
        JsonNode table;
        try (InputStream in = getClass().getResourceAsStream("/argspec-differential.json")) {
            table = new ObjectMapper().readTree(in);
        }
        List<String> disagreements = new ArrayList<>();
        int rejected = 0;
        for (JsonNode c : table.get("cases")) {
            ParamSpec spec = spec(table.get("specs").get(c.get("spec").asText()));
            Map<String, Object> given = new ObjectMapper().convertValue(c.get("given"), LinkedHashMap.class);
            List<ParamBinder.Problem> problems = binder.bind("m", spec, given).problems();
            boolean ansible = c.get("rejected").asBoolean();
            if (ansible) rejected++;
            if (ansible != !problems.isEmpty()) {
                disagreements.add(c.get("spec").asText() + " " + given + ": Ansible " + (ansible ? "rejects (" + c.get("ansible").asText() + ")" : "accepts")
                        + ", Rigger " + (problems.isEmpty() ? "accepts" : "rejects " + problems));
            }
        }
        assertThat(table.get("cases").size()).isEqualTo(504);
        assertThat(rejected).as("the table holds both verdicts").isBetween(100, 404);
        assertThat(disagreements).isEmpty();
    }

    /** The rules of one spec, in Ansible's notation, over the same five parameters. */
    private static ParamSpec spec(JsonNode rules) {
        ParamSpec.Builder b = ParamSpec.builder()
                .add(Param.choice("state", "present", "absent").defaultValue("present"))
                .add(Param.bool("flag").defaultValue(false))
                .add(Param.string("a")).add(Param.string("b")).add(Param.string("c"));
        rules.fields().forEachRemaining(e -> {
            switch (e.getKey()) {
                case "required_if" -> e.getValue().forEach(r -> {
                    Object value = r.get(1).isBoolean() ? (Object) r.get(1).asBoolean() : r.get(1).asText();
                    String[] names = names(r.get(2));
                    if (r.size() > 3 && r.get(3).asBoolean()) b.requiredIfAny(r.get(0).asText(), value, names);
                    else b.requiredIf(r.get(0).asText(), value, names);
                });
                case "required_together" -> e.getValue().forEach(r -> b.requiredTogether(names(r)));
                case "required_by" -> e.getValue().fields().forEachRemaining(r -> b.requiredBy(r.getKey(), names(r.getValue())));
                case "required_one_of" -> e.getValue().forEach(r -> b.requireOneOf(names(r)));
                case "mutually_exclusive" -> e.getValue().forEach(r -> b.mutuallyExclusive(names(r)));
                default -> throw new IllegalArgumentException("no such rule in the table: " + e.getKey());
            }
        });
        return b.build();
    }

    private static String[] names(JsonNode list) {
        List<String> out = new ArrayList<>();
        list.forEach(n -> out.add(n.asText()));
        return out.toArray(String[]::new);
    }
}
