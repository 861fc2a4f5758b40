package dev.rigger.modules.files;

import dev.rigger.spi.ModuleException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Playbooks carry Python regular expressions (Ansible's). Java's are close enough once the
 * named-group syntax is translated; {@code UNIX_LINES} makes {@code $} and {@code .} treat only
 * {@code \n} as a line end, as Python does when a line is searched with its terminator.
 */
public final class PyRegex {
    private static final Pattern NAMED_BACKREF = Pattern.compile("\\(\\?P=(\\w+)\\)");

    private PyRegex() { }

    /** Compiles {@code regex} (given as parameter {@code param}) or fails with a message naming it. */
    static Pattern compile(String param, String regex) {
        return compile(param, regex, 0);
    }

    /** As {@link #compile(String, String)}, with more {@link Pattern} flags (Python's re.M, re.S). */
    public static Pattern compile(String param, String regex, int flags) {
        String java = NAMED_BACKREF.matcher(regex.replace("(?P<", "(?<")).replaceAll("\\\\k<$1>");
        try {
            return Pattern.compile(java, Pattern.UNIX_LINES | flags);
        } catch (PatternSyntaxException e) {
            throw new ModuleException(param + " is not a valid regular expression (" + e.getDescription() + "): " + regex);
        }
    }

    /**
     * Python's {@code Match.expand}: {@code \1}..{@code \99}, {@code \g<1>}, {@code \g<name>},
     * and the escapes {@code \\ \n \t}; a group that did not take part gives "".
     */
    static String expand(Matcher m, String template) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c != '\\' || i + 1 == template.length()) {
                out.append(c);
                continue;
            }
            char n = template.charAt(++i);
            if (Character.isDigit(n)) {
                int end = i + 1 < template.length() && Character.isDigit(template.charAt(i + 1)) ? i + 2 : i + 1;
                out.append(group(m, template.substring(i, end)));
                i = end - 1;
            } else if (n == 'g' && i + 1 < template.length() && template.charAt(i + 1) == '<' && template.indexOf('>', i) > 0) {
                int close = template.indexOf('>', i);
                out.append(group(m, template.substring(i + 2, close)));
                i = close;
            } else if (n == 'n') {
                out.append('\n');
            } else if (n == 't') {
                out.append('\t');
            } else if (n == '\\') {
                out.append('\\');
            } else {
                out.append('\\').append(n);
            }
        }
        return out.toString();
    }

    private static String group(Matcher m, String ref) {
        try {
            String g = ref.chars().allMatch(Character::isDigit) ? m.group(Integer.parseInt(ref)) : m.group(ref);
            return g == null ? "" : g;
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            throw new ModuleException("line refers to group " + ref + ", which regexp does not have");
        }
    }
}
