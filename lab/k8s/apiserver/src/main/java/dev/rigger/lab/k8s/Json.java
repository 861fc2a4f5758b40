package dev.rigger.lab.k8s;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** TEST STAND-IN helpers: JSON/YAML mappers shared by the lab's Kubernetes stand-ins. */
final class Json {
    static final ObjectMapper JSON = new ObjectMapper();
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Json() {}

    static ObjectNode obj() { return F.objectNode(); }
    static ArrayNode arr() { return F.arrayNode(); }

    static JsonNode parse(String s) {
        try { return JSON.readTree(s); } catch (JsonProcessingException e) { throw new IllegalArgumentException(e.getOriginalMessage(), e); }
    }

    static String write(JsonNode n) {
        try { return JSON.writeValueAsString(n); } catch (JsonProcessingException e) { throw new IllegalStateException(e); }
    }

    static String pretty(JsonNode n) {
        try { return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(n); } catch (JsonProcessingException e) { throw new IllegalStateException(e); }
    }

    static String yaml(JsonNode n) {
        try { return YAML.writeValueAsString(n); } catch (JsonProcessingException e) { throw new IllegalStateException(e); }
    }

    /** Object at path a/b/c, created when missing. */
    static ObjectNode with(ObjectNode n, String... path) {
        ObjectNode cur = n;
        for (String p : path) {
            JsonNode next = cur.get(p);
            if (!(next instanceof ObjectNode)) { next = obj(); cur.set(p, next); }
            cur = (ObjectNode) next;
        }
        return cur;
    }

    static String text(JsonNode n, String... path) {
        JsonNode cur = n;
        for (String p : path) {
            if (cur == null) return null;
            cur = cur.get(p);
        }
        return cur == null || cur.isNull() ? null : cur.asText();
    }

    static String now() { return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(); }
}
