package dev.rigger.modules.files;

import dev.rigger.spi.Diff;
import dev.rigger.spi.FileState;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Step;
import java.util.ArrayList;
import java.util.List;

/**
 * Mode, owner and group of an existing path: the part every file-like module shares. Compares
 * with what was probed and answers the diffs and the chmod/chown steps that close the gap.
 */
public final class Attributes {
    private Attributes() { }

    public static ParamSpec.Builder declare(ParamSpec.Builder b) {
        return b.add(Param.mode("mode").symbolicMode()
                        .doc("permissions: octal ('0644', or the YAML number 0644) or symbolic as chmod takes it ('u=rwX,g=rX,o=')"))
                .add(Param.string("owner").doc("user name that should own the path"))
                .add(Param.string("group").doc("group name that should own the path"));
    }

    /** Diffs for attributes that differ from {@code current} (which may be absent: everything is new). */
    public static List<Diff> diffs(Params p, FileState current) {
        return diffs(p, current, current.type() == FileState.Type.DIRECTORY);
    }

    /** The same, for a path that is (or will be) a directory when {@code directory}: a symbolic X depends on it. */
    public static List<Diff> diffs(Params p, FileState current, boolean directory) {
        List<Diff> out = new ArrayList<>();
        String path = current.path();
        boolean exists = current.exists();
        Integer mode = Modes.wanted(p, current, directory);
        if (mode != null && (!exists || (current.mode() & 07777) != mode)) {
            out.add(new Diff(path + " mode", exists ? Diff.Action.UPDATE : Diff.Action.CREATE,
                    exists ? FileState.octal(current.mode() & 07777) : null, FileState.octal(mode)));
        }
        if (p.has("owner") && (!exists || !p.string("owner").equals(current.owner()))) {
            out.add(new Diff(path + " owner", exists ? Diff.Action.UPDATE : Diff.Action.CREATE, exists ? current.owner() : null, p.string("owner")));
        }
        if (p.has("group") && (!exists || !p.string("group").equals(current.group()))) {
            out.add(new Diff(path + " group", exists ? Diff.Action.UPDATE : Diff.Action.CREATE, exists ? current.group() : null, p.string("group")));
        }
        return out;
    }

    /** The steps that set the attributes named in {@code diffs} on {@code path} (a mode as the diff says it). */
    public static List<Step> steps(Params p, String path, List<Diff> diffs) {
        List<Step> out = new ArrayList<>();
        for (Diff d : diffs) {
            if (d.subject().endsWith(" mode")) out.add(Step.Run.of("chmod", Integer.toOctalString(Integer.parseInt(d.after(), 8)), "--", path));
            if (d.subject().endsWith(" owner")) out.add(Step.Run.of("chown", "--", p.string("owner"), path));
            if (d.subject().endsWith(" group")) out.add(Step.Run.of("chgrp", "--", p.string("group"), path));
        }
        return out;
    }

    /** The mode a new file written by {@link Step.WriteFile} gets: the task's, worked out for a new file; null leaves the default. */
    static Integer newFileMode(Params p, FileState cur) {
        return Modes.wanted(p, cur, false);
    }
}
