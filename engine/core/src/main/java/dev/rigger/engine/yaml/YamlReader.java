package dev.rigger.engine.yaml;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.diag.Location;
import dev.rigger.engine.diag.SourceText;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * The one reader of users' YAML (playbooks, tasks, inventories, vars files) into {@link YNode}s
 * that keep file:line:column; a {@code .json} file is read as JSON. Syntax errors and crossed
 * {@link YamlLimits} become diagnostics at the offending place; nothing is thrown at the caller.
 */
public final class YamlReader {
    /** What a key written twice in one mapping is. */
    public enum DuplicateKeys {
        /** An error: playbooks, where a second {@code when:} silently replacing the first is a bug. */
        ERROR,
        /** A warning, the last one kept: inventories and vars files, as Ansible reads them. */
        WARN_LAST_WINS
    }

    private static final JsonFactory YAML = new NodeEvents.Factory();
    private static final JsonFactory JSON = new JsonFactory();

    private final DuplicateKeys duplicates;
    private final Set<Path> read = new LinkedHashSet<>();

    /** A reader for playbooks: duplicate keys are errors. */
    public YamlReader() {
        this(DuplicateKeys.ERROR);
    }

    public YamlReader(DuplicateKeys duplicates) {
        this.duplicates = duplicates;
    }

    /** Every file this reader has read, for saved plans that must refuse changed inputs. */
    public Set<Path> filesRead() {
        return Collections.unmodifiableSet(read);
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

    /** The text of {@code file} (see {@link SourceText#read}), remembered as read; empty after a diagnostic. */
    public Optional<String> text(Path file, Location reference, Diagnostics diags) {
        Optional<String> text = SourceText.read(file, reference, diags);
        if (text.isPresent()) read.add(file.toAbsolutePath().normalize());
        return text;
    }

    /** Parses {@code text} as the content of {@code file} (a vars file after decryption, say). */
    public Optional<YNode> read(Path file, String text, Diagnostics diags) {
        String name = file.toString();
        boolean json = name.endsWith(".json");
        if (text.length() > YamlLimits.MAX_TEXT_CHARS) {
            diags.error(new Location(name, 1, 1), "the text is " + text.length() + " characters, over the limit of "
                    + YamlLimits.MAX_TEXT_CHARS);
            return Optional.empty();
        }
        if (!json) {
            Location run = longRun(name, text);
            if (run != null) {
                diags.error(run, "more than " + YamlLimits.MAX_RUN_CHARS + " characters without a space or line break;"
                        + " write a value this long over several lines (a block scalar, |)");
                return Optional.empty();
            }
        }
        try (JsonParser p = (json ? JSON : YAML).createParser(new StringReader(text))) {
            if (p.nextToken() == null) return Optional.of(new YNode.Scalar(null, new Location(name, 1, 1)));
            return Optional.of(new Composer(p, name, duplicates, diags).document());
        } catch (Composer.Refused e) {
            diags.error(e.at, e.getMessage());
        } catch (JsonProcessingException e) {
            diags.error(Composer.at(name, e.getLocation()), (json ? "JSON" : "YAML") + " syntax error: "
                    + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            diags.error(new Location(name, 0, 0), "cannot read: " + e.getMessage());
        }
        return Optional.empty();
    }

    /** Where a run of more than {@link YamlLimits#MAX_RUN_CHARS} characters without a blank starts, or null. */
    private static Location longRun(String name, String text) {
        int line = 1;
        int lineStart = 0;
        int runStart = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                runStart = i + 1;
                if (c == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            } else if (i - runStart >= YamlLimits.MAX_RUN_CHARS) {
                return new Location(name, line, runStart - lineStart + 1);
            }
        }
        return null;
    }

    private static String firstLine(String s) {
        if (s == null) return "";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
