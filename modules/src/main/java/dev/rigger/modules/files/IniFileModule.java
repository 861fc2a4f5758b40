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

/**
 * One option of an INI file set or removed, as community.general.ini_file (6.6, the version
 * ansible 7 ships) edits it: the same line matching, the same place for new lines and the same
 * spacing, so Rigger and Ansible leave byte-identical files. The edit itself is {@link IniEdit};
 * reading and writing is {@link FileContent}.
 */
public final class IniFileModule implements Module {
    private static final ParamSpec SPEC = Attributes.declare(ParamSpec.builder()
            .add(Param.string("path").required().absolutePath().aliases("dest").doc("the INI file; created (with its folders) when missing unless create is false"))
            .add(Param.string("section").doc("the section; none (or empty) means the lines before the first section"))
            .add(Param.string("option").doc("the option in the section; none with state=absent removes the whole section"))
            .add(Param.string("value").doc("the option's value"))
            .add(Param.list("values").doc("several values: the option appears once per value"))
            .add(Param.choice("state", "present", "absent").defaultValue("present").doc("present sets the option, absent removes it (or the section)"))
            .add(Param.bool("exclusive").defaultValue(true).doc("present: remove the option's other values; absent: remove every line of the option, not only the given values"))
            .add(Param.bool("no_extra_spaces").defaultValue(false).doc("write 'option=value' instead of 'option = value'"))
            .add(Param.bool("allow_no_value").defaultValue(false).doc("an option without '=value' is allowed (written as the bare option)"))
            .add(Param.bool("create").defaultValue(true).doc("create the file when it is missing; false fails instead"))
            .add(Param.bool("backup").defaultValue(false).doc("keep a copy of the old file as PATH.PID.DATE@TIME~ (registered as backup_file) when the content changes")))
            .mutuallyExclusive("value", "values")
            .build();

    @Override public String name() { return "ini_file"; }
    @Override public List<String> aliases() { return List.of("community.general.ini_file", "community.general.files.ini_file"); }
    @Override public String summary() { return "Set or remove one option (or section) of an INI file"; }
    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- ini_file:\n    path: /etc/php.ini\n    section: Date\n    option: date.timezone\n    value: UTC\n    mode: \"0644\"";
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        return FileContent.firstOfRead(p.string("path"));
    }

    @Override
    public Change plan(Params p, Host host) {
        boolean present = p.string("state").equals("present");
        List<String> values = p.has("value") ? List.of(p.string("value")) : p.list("values");
        if (!present && !p.has("option") && (!p.has("section") || p.string("section").isEmpty())) {
            // Ansible would drop the file's first line here (its stand-in section header's slot)
            throw new ModuleException("state=absent needs an option or a section to remove");
        }
        if (present && !p.bool("allow_no_value") && values.isEmpty()) {
            throw new ModuleException("Parameter 'value(s)' must be defined if state=present and allow_no_value=False.");
        }
        FileContent.Current cur = FileContent.read(p, host, p.string("path"));
        if (!cur.exists() && !p.bool("create")) throw new ModuleException("Destination " + cur.path() + " does not exist!");
        List<String> lines = cur.exists() ? IniEdit.readLines(String.join("", cur.lines())) : List.of();
        IniEdit.Result r = new IniEdit(p.string("section"), p.string("option"), values, present, p.bool("exclusive"),
                p.bool("no_extra_spaces"), p.bool("allow_no_value")).apply(lines);
        Map<String, Object> out = Map.of("msg", r.msg(), "path", cur.path());
        if (!r.changed()) return (cur.exists() ? FileContent.attributesOnly(p, cur.file()) : Change.none()).withOutputs(out);
        return FileContent.write(p, cur, r.text().getBytes(StandardCharsets.UTF_8)).withOutputs(out);
    }

}
