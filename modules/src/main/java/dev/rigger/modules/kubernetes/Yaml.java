package dev.rigger.modules.kubernetes;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import dev.rigger.spi.ModuleException;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Kubernetes manifests read with Jackson, as kubectl reads them (YAML 1.1 scalars: {@code yes},
 * {@code on}, octal {@code 0644}), one value per {@code ---} document, numbers of the types
 * {@link Json} gives. A key written twice is an error, as for kubectl; an alias is refused:
 * Jackson's streaming parser would give the anchor's name, not its value.
 */
final class Yaml {
    static final YAMLMapper MAPPER = YAMLMapper.builder()
            .enable(DeserializationFeature.USE_LONG_FOR_INTS, DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build();

    /** One document of a stream: its value and its own text. */
    record Document(Object value, String source) { }

    private Yaml() { }

    /** The non-empty documents of a multi-document stream, in order. */
    static List<Document> documents(String text, String where) {
        List<Document> out = new ArrayList<>();
        StringBuilder doc = new StringBuilder();
        int first = 1, line = 0;
        String all = text.replace("\r\n", "\n");
        for (String l : (all.endsWith("\n") ? all + "---" : all + "\n---").split("\n")) {
            line++;
            if (l.equals("---") || l.startsWith("--- ") || l.startsWith("---\t") || l.equals("...")) {
                Object v = read(doc.toString(), where + " (document at line " + first + ")", first);
                if (v != null) out.add(new Document(v, doc.toString()));
                doc.setLength(0);
                first = line + 1;
            } else if (!(l.startsWith("%") && onlyComments(doc))) { // a directive such as %YAML 1.1
                doc.append(l).append('\n');
            }
        }
        return out;
    }

    private static boolean onlyComments(CharSequence doc) {
        return doc.toString().lines().allMatch(l -> l.isBlank() || l.stripLeading().startsWith("#"));
    }

    /** One document's value (null when it holds only comments). */
    static Object read(String text) {
        return read(text, "YAML", 1);
    }

    /** @param firstLine the document's first line in its file, for messages */
    private static Object read(String text, String where, int firstLine) {
        try (JsonParser p = new Strict((YAMLParser) MAPPER.createParser(text))) {
            if (p.nextToken() == null) return null;
            return MAPPER.readValue(p, Object.class);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String what = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new ModuleException(where + " line " + (firstLine - 1 + (at == null ? 1 : at.getLineNr())) + ": " + what);
        } catch (IOException e) {
            throw new ModuleException(where + ": " + e.getMessage());
        }
    }

    /** Refuses what Jackson would read silently wrong: a key written twice (the last would win) and an alias. */
    private static final class Strict extends JsonParserDelegate {
        private final YAMLParser yaml;
        private final Deque<Set<String>> keys = new ArrayDeque<>();

        Strict(YAMLParser yaml) {
            super(yaml);
            this.yaml = yaml;
        }

        @Override
        public JsonToken nextToken() throws IOException {
            JsonToken t = super.nextToken();
            if (yaml.isCurrentAlias()) throw new JsonParseException(this, "aliases (*" + getText() + ") are not supported; write the value out");
            if (t == JsonToken.START_OBJECT) keys.push(new HashSet<>());
            else if (t == JsonToken.END_OBJECT) keys.pop();
            else if (t == JsonToken.FIELD_NAME && !keys.peek().add(currentName())) {
                throw new JsonParseException(this, "duplicate key '" + currentName() + "'");
            }
            return t;
        }
    }
}
