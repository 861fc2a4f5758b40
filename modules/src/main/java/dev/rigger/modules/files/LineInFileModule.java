package dev.rigger.modules.files;

import dev.rigger.spi.Probe;
import dev.rigger.spi.Change;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One line in a text file, with Ansible's rules: with {@code regexp} the last matching line is
 * replaced; without it the line is added unless present exactly, after/before an anchor or at
 * the end. The edit itself is {@link LineEdit}; reading and writing is {@link FileContent}.
 */
public final class LineInFileModule implements Module {
    private static final ParamSpec SPEC = FileContent.declare(ParamSpec.builder()
            .add(Param.string("path").required().absolutePath().aliases("dest", "destfile", "name").doc("the file to edit"))
            .add(Param.choice("state", "present", "absent").defaultValue("present").doc("whether the line should be there"))
            .add(Param.string("line").aliases("value").singleLine().doc("the line; required for state=present (several lines would be added again on every run: use blockinfile)"))
            .add(Param.string("regexp").aliases("regex").doc("Python-style regular expression: the last matching line is replaced (state=present) or every matching line removed (state=absent)"))
            .add(Param.string("search_string").doc("a literal string instead of regexp"))
            .add(Param.string("insertafter").doc("EOF, BOF or a regular expression: insert after its last match when regexp matched nothing (default EOF)"))
            .add(Param.string("insertbefore").doc("BOF or a regular expression: insert before its last match when regexp matched nothing"))
            .add(Param.bool("firstmatch").defaultValue(false).doc("use the first match of regexp/insertafter/insertbefore instead of the last"))
            .add(Param.bool("backrefs").defaultValue(false).doc("line may use \\1 or \\g<name> of regexp's match; without a match the file is left alone"))
            .add(Param.bool("create").defaultValue(false).doc("create the file (and its folder) when it does not exist")))
            .mutuallyExclusive("insertafter", "insertbefore")
            .mutuallyExclusive("regexp", "search_string")
            .mutuallyExclusive("backrefs", "search_string")
            .requiredIf("state", "present", "line")
            .requiredIfAny("state", "absent", "line", "regexp", "search_string")
            .requiredIf("backrefs", true, "regexp")
            .build();

    @Override
    public String name() { return "lineinfile"; }

    @Override
    public List<String> aliases() { return List.of("ansible.builtin.lineinfile"); }

    @Override
    public String summary() { return "Ensure a line is in a text file (or not), replacing a line that matches a regexp"; }

    @Override
    public ParamSpec spec() { return SPEC; }

    @Override
    public List<Probe> firstProbes(Params p) {
        return FileContent.firstOfRead(p.string("path"));
    }

    @Override
    public Change plan(Params p, Host host) {
        boolean present = p.string("state").equals("present");
        LineEdit edit = edit(p);
        FileContent.Current cur = FileContent.read(p, host, p.string("path"));
        if (!cur.exists()) {
            if (!present) return Change.none();
            if (!p.bool("create")) throw new ModuleException(cur.path() + " does not exist (create: true would create it)");
        }
        List<String> after = present ? edit.present(cur.lines()) : edit.absent(cur.lines());
        if (!cur.exists() && after.isEmpty()) return Change.none();
        return FileContent.write(p, cur, String.join("", after).getBytes(StandardCharsets.UTF_8));
    }

    /** Compiles the regexps; the combinations of parameters are the spec's rules. */
    private static LineEdit edit(Params p) {
        String line = p.string("line");
        Pattern regexp = p.has("regexp") ? PyRegex.compile("regexp", p.string("regexp")) : null;
        String after = p.string("insertafter");
        String before = p.string("insertbefore");
        Pattern anchor = after != null && !after.equals("EOF") && !after.equals("BOF") ? PyRegex.compile("insertafter", after)
                : before != null && !before.equals("BOF") ? PyRegex.compile("insertbefore", before) : null;
        return new LineEdit(line, regexp, p.string("search_string"), after, before, anchor, p.bool("firstmatch"), p.bool("backrefs"));
    }
}
