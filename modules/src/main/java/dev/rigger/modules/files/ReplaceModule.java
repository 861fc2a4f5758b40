package dev.rigger.modules.files;

import dev.rigger.spi.Change;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every match of a regular expression in a file replaced, as Ansible's replace: the expression
 * is multi-line (^ and $ at each line), optionally only in the section between the first match
 * of {@code after} and the following {@code before} (when that section is not found, the whole
 * file is searched, as Ansible does). Reading and writing is {@link FileContent}.
 */
public final class ReplaceModule implements Module {
    private static final ParamSpec SPEC = FileContent.declare(ParamSpec.builder()
            .add(Param.string("path").required().absolutePath().aliases("dest", "destfile", "name").doc("the file to edit; it must exist"))
            .add(Param.string("regexp").required().notEmpty().doc("Python-style regular expression, multi-line: every match is replaced"))
            .add(Param.string("replace").defaultValue("").doc("the replacement; may use \\1 or \\g<name> of the match"))
            .add(Param.string("after").doc("only replace after the first match of this expression (dot matches newlines)"))
            .add(Param.string("before").doc("only replace before the first match of this expression that follows 'after'"))
            .add(Param.string("encoding").defaultValue("utf-8").doc("accepted for Ansible's playbooks; only utf-8 is read")))
            .build();

    @Override public String name() { return "replace"; }
    @Override public List<String> aliases() { return List.of("ansible.builtin.replace"); }
    @Override public String summary() { return "Replace every match of a regular expression in a file"; }
    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- replace:\n    path: /etc/ssh/sshd_config\n    regexp: '^#?PermitRootLogin .*$'\n    replace: PermitRootLogin no";
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        return FileContent.firstOfRead(p.string("path"));
    }

    @Override
    public Change plan(Params p, Host host) {
        if (!p.string("encoding").equalsIgnoreCase("utf-8") && !p.string("encoding").equalsIgnoreCase("utf8")) {
            throw new ModuleException("encoding " + p.string("encoding") + " is not supported; only utf-8");
        }
        FileContent.Current cur = FileContent.read(p, host, p.string("path"));
        if (!cur.exists()) throw new ModuleException("Path " + cur.path() + " does not exist !");
        String contents = String.join("", cur.lines());
        Replaced r = replace(contents, p);
        if (r.count() == 0 || r.text().equals(contents)) return FileContent.attributesOnly(p, cur.file());
        return FileContent.write(p, cur, r.text().getBytes(StandardCharsets.UTF_8))
                .withOutputs(Map.of("msg", r.count() + " replacements made"));
    }

    record Replaced(String text, int count) { }

    /** Ansible's replace on text: the section, then re.subn over it. */
    static Replaced replace(String contents, Params p) {
        String after = p.string("after");
        String before = p.string("before");
        String section = contents;
        int start = 0;
        int end = contents.length();
        String pattern = after != null && before != null ? after + "(?P<subsection>.*?)" + before
                : after != null ? after + "(?P<subsection>.*)" : before != null ? "(?P<subsection>.*)" + before : null;
        if (pattern != null) {
            Matcher m = PyRegex.compile(after != null ? "after" : "before", pattern, Pattern.DOTALL).matcher(contents);
            if (m.find()) {
                if (m.start("subsection") < 0) {
                    // a '|' at the top level of after/before matched without the section (Ansible's
                    // module then fails with a TypeError)
                    throw new ModuleException("after/before matched but their section did not take part: "
                            + "put an alternation in a group, e.g. (a|b)");
                }
                start = m.start("subsection");
                end = m.end("subsection");
                section = m.group("subsection");
            }
        }
        Matcher m = PyRegex.compile("regexp", p.string("regexp"), Pattern.MULTILINE).matcher(section);
        StringBuilder out = new StringBuilder();
        int last = 0;
        int count = 0;
        String template = p.string("replace");
        while (m.find()) {
            out.append(section, last, m.start()).append(PyRegex.expand(m, template));
            last = m.end();
            count++;
        }
        if (count == 0) return new Replaced(contents, 0);
        out.append(section.substring(last));
        return new Replaced(contents.substring(0, start) + out + contents.substring(end), count);
    }
}
