package dev.rigger.modules.files;

import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Step;
import dev.rigger.spi.StepResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A new temporary file or folder with a random name, as Ansible's tempfile: created on every
 * run (so always changed, never verifiable), its path registered as {@code path}. mktemp makes
 * it 0600 (a folder 0700), owned by the connecting user.
 */
public final class TempFileModule implements Module {
    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.choice("state", "file", "directory").defaultValue("file").doc("a file or a folder"))
            .add(Param.string("path").absolutePath().doc("the folder to create it in (default: $TMPDIR or /tmp)"))
            .add(Param.string("prefix").defaultValue("ansible.").singleLine().doc("the name's start"))
            .add(Param.string("suffix").defaultValue("").singleLine().doc("the name's end"))
            .build();

    @Override public String name() { return "tempfile"; }
    @Override public List<String> aliases() { return List.of("ansible.builtin.tempfile"); }
    @Override public String summary() { return "Create a temporary file or folder with a random name and register its path"; }
    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- tempfile:\n    state: directory\n    suffix: build\n  register: build_dir";
    }

    @Override
    public Change plan(Params p, Host host) {
        List<String> argv = new ArrayList<>(List.of("mktemp"));
        if (p.string("state").equals("directory")) argv.add("-d");
        argv.add(p.has("path") ? "--tmpdir=" + p.string("path") : "--tmpdir");
        argv.add("--suffix=" + p.string("suffix"));
        argv.add("--");
        argv.add(p.string("prefix") + "XXXXXXXX");  // eight random characters, as Python's mkstemp
        String where = (p.has("path") ? p.string("path") : "$TMPDIR") + "/" + p.string("prefix") + "*" + p.string("suffix");
        return Change.of(List.of(Diff.create(where, "temporary " + p.string("state"))), List.of(Step.Run.of(argv))).unverifiable();
    }

    @Override
    public Map<String, Object> outputs(Params p, List<StepResult> results) {
        return Map.of("path", results.get(0).stdout().strip());
    }
}
