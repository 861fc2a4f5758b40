package dev.rigger.engine.expr.differential;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One line of corpus.jsonl: a source text, how Ansible reads it (expression, condition, template),
 * the variables it was given, and what Ansible 2.14 made of it (a value with its Python type name,
 * or an error). JSON values map to Java as Rigger's value model has them: int to Long, float to
 * Double, str to String, list to List, dict to LinkedHashMap, bool to Boolean, null to null.
 */
record CorpusCase(String id, String origin, String kind, String source, Map<String, Object> vars,
                  Object result, String type, String errorClass, String errorMessage) {

    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    boolean expectsError() { return errorClass != null; }

    /** "str 'x'", "int 2", "error AnsibleUndefinedVariable: ..." for reports. */
    String expectedText() {
        if (expectsError()) return "error " + errorClass + ": " + errorMessage;
        return type + " " + PyValues.repr(result);
    }

    static CorpusCase parse(String line) {
        try {
            JsonNode n = JSON.readTree(line);
            @SuppressWarnings("unchecked")
            Map<String, Object> vars = JSON.convertValue(n.get("vars"), LinkedHashMap.class);
            JsonNode err = n.get("error");
            Object result = n.has("result") ? JSON.treeToValue(n.get("result"), Object.class) : null;
            return new CorpusCase(n.get("id").asText(), n.get("origin").asText(), n.get("kind").asText(),
                    n.get("source").asText(), vars, result, n.has("type") ? n.get("type").asText() : null,
                    err == null ? null : err.get("class").asText(), err == null ? null : err.get("message").asText());
        } catch (IOException e) {
            throw new UncheckedIOException("bad corpus line: " + line, e);
        }
    }

    static List<CorpusCase> load(InputStream in) {
        List<CorpusCase> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (!line.isBlank()) out.add(parse(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
