package dev.rigger.modules.files;

import dev.rigger.modules.PythonText;
import dev.rigger.spi.Change;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A PAM limit in limits.conf, as community.general.pam_limits (6.6.2) edits it, line for line:
 * every line is kept but a matching {@code domain type item value} one, whose value is replaced
 * (or bounded by use_max/use_min); without one the limit is appended, tab-separated. Its quirks
 * are kept so both tools leave the same bytes: the comment of the first commented limit line
 * becomes the comment of the line written when the task gives none (newline included), and every
 * four-field line's value must be valid. One round trip (the file, and its folder when absent).
 */
public final class PamLimitsModule implements Module {
    static final String LIMITS_CONF = "/etc/security/limits.conf";
    private static final List<String> ITEMS = List.of("core", "data", "fsize", "memlock", "nofile", "rss", "stack", "cpu", "nproc", "as",
            "maxlogins", "maxsyslogins", "priority", "locks", "sigpending", "msgqueue", "nice", "rtprio", "chroot");
    private static final Set<String> UNLIMITED = Set.of("unlimited", "infinity", "-1");
    private static final Pattern SPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern INT = Pattern.compile("\\s*[+-]?\\d+\\s*");

    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.string("domain").required().notEmpty().singleLine().doc("a user name, @group, wildcard (*) or uid/gid range"))
            .add(Param.choice("limit_type", "soft", "hard", "-").required().doc("the limit's type"))
            .add(Param.choice("limit_item", ITEMS.toArray(String[]::new)).required().doc("the limited resource"))
            .add(Param.string("value").required().singleLine()
                    .doc("the limit: a number, or unlimited, infinity or -1; for nice and priority -20 to 19"))
            .add(Param.bool("use_max").defaultValue(false).doc("keep the larger of the value and the one in the file"))
            .add(Param.bool("use_min").defaultValue(false).doc("keep the smaller of the value and the one in the file"))
            .add(Param.bool("backup").defaultValue(false).doc("keep a copy of the old file (registered as backup_file) when it changes"))
            .add(Param.string("dest").defaultValue(LIMITS_CONF).absolutePath().doc("the limits file; created empty when its folder exists"))
            .add(Param.string("comment").defaultValue("").singleLine().doc("a comment written after the limit"))
            .build();

    @Override public String name() { return "pam_limits"; }

    @Override public List<String> aliases() {
        return List.of("community.general.pam_limits", "community.general.system.pam_limits", "ansible.builtin.pam_limits");
    }

    @Override public String summary() { return "Set a PAM limit in limits.conf, as community.general.pam_limits edits it"; }

    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return """
                - name: Add or modify nofile soft limit for the user joe
                  community.general.pam_limits:
                    domain: joe
                    limit_type: soft
                    limit_item: nofile
                    value: 64000
                """;
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        return FileContent.firstOfRead(p.string("dest"));
    }

    @Override
    public Change plan(Params p, Host host) {
        String dest = p.string("dest");
        FileContent.Current cur = FileContent.read(p, host, dest);
        if (!cur.exists() && !cur.folderExists()) {
            throw new ModuleException("directory " + FileContent.parent(dest) + " is not writable (check presence, access rights, use sudo)");
        }
        if (SPACE.matcher(p.string("domain")).find()) {
            // the module would append it on every run: its line reads back as more than four fields
            throw new ModuleException("domain " + repr(p.string("domain")) + " holds whitespace, which separates limits.conf's fields");
        }
        if (p.bool("use_max") && p.bool("use_min")) throw new ModuleException("Cannot use use_min and use_max at the same time.");
        assertValid(p.string("limit_item"), p.string("value"), "");
        String before = cur.exists() ? new String(cur.bytes(), StandardCharsets.UTF_8) : "";
        Edit edit = edit(p, before, dest);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("msg", edit.message);
        out.put("diff", Map.of("before", before, "after", edit.text));
        if (cur.exists() && !edit.changed) return Change.none(out);
        return FileContent.write(p, cur, edit.text.getBytes(StandardCharsets.UTF_8)).withOutputs(out);
    }

    /** The new text, the module's message and whether it counts as a change: main()'s loop, variable for variable. */
    record Edit(String text, String message, boolean changed) { }

    static Edit edit(Params p, String text, String dest) {
        String domain = p.string("domain");
        String type = p.string("limit_type");
        String item = p.string("limit_item");
        String value = p.string("value");
        String newComment = p.string("comment");
        boolean changed = false;
        boolean found = false;
        String newValue = value;
        String message = "";
        StringBuilder nf = new StringBuilder();
        for (String line : PythonText.readBinaryLines(text)) {
            if (line.startsWith("#")) {
                nf.append(line);
                continue;
            }
            String newline = SPACE.matcher(line).replaceAll(" ").strip();
            if (newline.isEmpty()) {
                nf.append(line);
                continue;
            }
            newline = newline.split("#", 2)[0];
            int hash = line.indexOf('#');
            String oldComment = hash < 0 ? "" : line.substring(hash + 1);
            newline = newline.stripTrailing();
            if (newComment.isEmpty()) newComment = oldComment;
            String[] fields = newline.split(" ", -1);
            if (fields.length != 4) {
                nf.append(line);
                continue;
            }
            String actual = fields[3];
            assertValid(fields[2], actual, "Invalid configuration found in '" + dest + "'.");
            if (!(fields[0].equals(domain) && fields[1].equals(type) && fields[2].equals(item))) {
                nf.append(line);
                continue;
            }
            found = true;
            if (value.equals(actual)) {
                message = line;
                nf.append(line);
                continue;
            }
            // the module compares the line's type with nice/priority, so the unlimited words always count
            boolean actualUnlimited = UNLIMITED.contains(actual);
            boolean valueUnlimited = UNLIMITED.contains(value);
            if (p.bool("use_max")) {
                if (actualUnlimited) newValue = actual;
                else if (valueUnlimited) newValue = value;
                else newValue = integer(value).max(integer(actual)).toString();
            }
            if (p.bool("use_min")) {
                if (actualUnlimited && valueUnlimited) newValue = actual;
                else if (actualUnlimited) newValue = value;
                else if (valueUnlimited) newValue = actual;
                else newValue = integer(value).min(integer(actual)).toString();
            }
            if (!newValue.equals(actual)) {
                changed = true;
                if (!newComment.isEmpty()) newComment = "\t#" + newComment;
                String limit = domain + "\t" + type + "\t" + item + "\t" + newValue + newComment + "\n";
                message = limit;
                nf.append(limit);
            } else {
                message = line;
                nf.append(line);
            }
        }
        if (!found) {
            changed = true;
            if (!newComment.isEmpty()) newComment = "\t#" + newComment;
            String limit = domain + "\t" + type + "\t" + item + "\t" + newValue + newComment + "\n";
            message = limit;
            nf.append(limit);
        }
        return new Edit(nf.toString(), message, changed);
    }

    /** Python's int() of a value _assert_is_valid_value let through. */
    private static BigInteger integer(String v) {
        return new BigInteger(v.strip().replaceFirst("^\\+", ""));
    }

    /** _assert_is_valid_value, with its messages ({@code %r} is Python's repr). */
    static void assertValid(String item, String value, String prefix) {
        if (item.equals("nice") || item.equals("priority")) {
            boolean valid = INT.matcher(value).matches() && integer(value).abs().compareTo(BigInteger.valueOf(20)) <= 0
                    && integer(value).compareTo(BigInteger.valueOf(19)) <= 0;
            if (!valid) {
                throw new ModuleException(prefix + " Value of " + repr(value) + " for item " + repr(item) + " is invalid. Value must be a number in the range -20 to 19 inclusive. "
                        + "Refer to the limits.conf(5) manual pages for more details.");
            }
        } else if (!(UNLIMITED.contains(value) || (!value.isEmpty() && value.chars().allMatch(Character::isDigit)))) {
            throw new ModuleException(prefix + " Value of " + repr(value) + " for item " + repr(item) + " is invalid. Value must either be 'unlimited', 'infinity' or -1, all of "
                    + "which indicate no limit, or a limit of 0 or larger. Refer to the limits.conf(5) manual pages for more details.");
        }
    }

    /** Python's repr of a str: single quotes unless it holds one and no double quote. */
    static String repr(String s) {
        char q = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder sb = new StringBuilder().append(q);
        for (char c : s.toCharArray()) {
            if (c == q || c == '\\') sb.append('\\').append(c);
            else if (c == '\n') sb.append("\\n");
            else if (c == '\r') sb.append("\\r");
            else if (c == '\t') sb.append("\\t");
            else if (c < 0x20 || c == 0x7f) sb.append(String.format("\\x%02x", (int) c));
            else sb.append(c);
        }
        return sb.append(q).toString();
    }
}
