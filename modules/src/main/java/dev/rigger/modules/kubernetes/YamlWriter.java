package dev.rigger.modules.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Shows values in diffs as block YAML, one field a line, so that a changed nested field reads
 * as a one-line change in a unified diff: no line folding, lists indented under their key,
 * multi-line strings as {@code |} blocks, and every string that is not plainly a word, a name, a
 * path or a version double-quoted (a hostile value shows its quotes, {@code $( )} and escapes).
 */
final class YamlWriter {
    private static final ObjectWriter WRITER = YAMLMapper.builder(YAMLFactory.builder().stringQuotingChecker(new Quoting()).build())
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER, YAMLGenerator.Feature.SPLIT_LINES)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES, YAMLGenerator.Feature.LITERAL_BLOCK_STYLE,
                    YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR, YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build().writer();

    private YamlWriter() { }

    /** A scalar as it reads on its own; a map or list as a YAML block ending in a newline. */
    static String show(Object v) {
        if (v instanceof Map<?, ?> || v instanceof List<?>) {
            try {
                return WRITER.writeValueAsString(v);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("not YAML: " + v.getClass().getName(), e);
            }
        }
        return v == null ? null : v.toString();
    }

    /** Plain only for what reads back as the same string at a glance; Jackson's rules (numbers, yes/no, ...) besides. */
    private static final class Quoting extends StringQuotingChecker.Default {
        private static final long serialVersionUID = 1L;
        private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./][A-Za-z0-9_./ :=@,+-]*");

        @Override
        public boolean needToQuoteName(String name) {
            return super.needToQuoteName(name) || !plain(name);
        }

        @Override
        public boolean needToQuoteValue(String value) {
            return super.needToQuoteValue(value) || !plain(value);
        }

        private static boolean plain(String s) {
            return PLAIN.matcher(s).matches() && !s.endsWith(" ") && !s.contains(": ");
        }
    }
}
