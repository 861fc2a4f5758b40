package dev.rigger.engine.load;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import dev.rigger.engine.diag.SourceText;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads YAML into {@link YNode}s that keep file:line:column. Syntax errors become diagnostics
 * pointing at the offending place; nothing is thrown at the caller.
 */
public final class YamlReader {
    private static final YAMLFactory FACTORY = new YAMLFactory();
    private final java.util.Set<Path> read = new java.util.LinkedHashSet<>();

    /** Every file this reader has read, for saved plans that must refuse changed inputs. */
    public java.util.Set<Path> filesRead() {
        return java.util.Collections.unmodifiableSet(read);
    }

    /** Reads one YAML document from {@code file}; empty when it could not be read. */
    public Optional<YNode> read(Path file, Diagnostics diags) {
        return read(file, (Location) null, diags);
    }

    /**
     * Reads a file that another one names ({@code import_playbook}, {@code vars_files},
     * {@code import_tasks}): one that cannot be read is an error at {@code reference}, the line
     * that names it, which is where the user has to look.
     */
    public Optional<YNode> read(Path file, Location reference, Diagnostics diags) {
        return text(file, reference, diags).flatMap(text -> read(file, text, diags));
    }

    /** Parses {@code text} as the content of {@code file} (a vars file after decryption). */
    public Optional<YNode> read(Path file, String text, Diagnostics diags) {
        return read(file.toString(), new StringReader(text), diags);
    }

    /** The text of {@code file} (UTF-8 or a located error), remembered as read; empty after a diagnostic. */
    public Optional<String> text(Path file, Location reference, Diagnostics diags) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
            read.add(file.toAbsolutePath().normalize());
        } catch (NoSuchFileException e) {
            if (reference == null) diags.error(new Location(file.toString(), 0, 0), "file not found");
            else diags.error(reference, "file not found: " + file);
            return Optional.empty();
        } catch (IOException e) {
            if (reference == null) diags.error(new Location(file.toString(), 0, 0), "cannot read: " + e.getMessage());
            else diags.error(reference, "cannot read " + file + ": " + e.getMessage());
            return Optional.empty();
        }
        return SourceText.utf8(file, bytes, diags);
    }

    public Optional<YNode> read(String name, Reader in, Diagnostics diags) {
        try (JsonParser p = FACTORY.createParser(in)) {
            if (p.nextToken() == null) {
                return Optional.of(new YNode.Scalar(null, new Location(name, 1, 1)));
            }
            return Optional.of(node(p, name, diags));
        } catch (JsonProcessingException e) {
            diags.error(at(name, e.getLocation()), "YAML syntax error: " + firstLine(e.getOriginalMessage()));
            return Optional.empty();
        } catch (IOException e) {
            diags.error(new Location(name, 0, 0), "cannot read: " + e.getMessage());
            return Optional.empty();
        }
    }

    private YNode node(JsonParser p, String name, Diagnostics diags) throws IOException {
        Location loc = at(name, p.currentTokenLocation());
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT: return mapping(p, name, loc, diags);
            case START_ARRAY: return sequence(p, name, loc, diags);
            case VALUE_STRING: return new YNode.Scalar(p.getText(), loc);
            case VALUE_NUMBER_INT: return new YNode.Scalar(p.getNumberValue(), loc);
            case VALUE_NUMBER_FLOAT: return new YNode.Scalar(p.getDoubleValue(), loc);
            case VALUE_TRUE: return new YNode.Scalar(Boolean.TRUE, loc);
            case VALUE_FALSE: return new YNode.Scalar(Boolean.FALSE, loc);
            case VALUE_NULL: return new YNode.Scalar(null, loc);
            default: return new YNode.Scalar(p.getText(), loc);
        }
    }

    private YNode mapping(JsonParser p, String name, Location loc, Diagnostics diags) throws IOException {
        Map<String, YNode.Mapping.Entry> entries = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            Location keyLoc = at(name, p.currentTokenLocation());
            p.nextToken();
            YNode value = node(p, name, diags);
            if (entries.containsKey(key)) {
                diags.error(keyLoc, "duplicate key '" + key + "' (first at line "
                        + entries.get(key).keyLocation().line() + ")");
            }
            entries.put(key, new YNode.Mapping.Entry(keyLoc, value));
        }
        return new YNode.Mapping(entries, loc);
    }

    private YNode sequence(JsonParser p, String name, Location loc, Diagnostics diags) throws IOException {
        List<YNode> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            items.add(node(p, name, diags));
        }
        return new YNode.Seq(items, loc);
    }

    private static Location at(String name, JsonLocation l) {
        return l == null ? new Location(name, 0, 0) : new Location(name, l.getLineNr(), l.getColumnNr());
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
