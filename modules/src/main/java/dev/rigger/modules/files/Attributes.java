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
        return b.add(Param.mode("mode").doc("permissions, octal as a string ('0644') or a YAML number (0644)"))
                .add(Param.string("owner").doc("user name that should own the path"))
                .add(Param.string("group").doc("group name that should own the path"));
    }

    /** Diffs for attributes that differ from {@code current} (which may be absent: everything is new). */
    public static List<Diff> diffs(Params p, FileState current) {
        List<Diff> out = new ArrayList<>();
        String path = current.path();
        boolean exists = current.exists();
        if (p.has("mode") && (!exists || (current.mode() & 07777) != p.integer("mode"))) {
            out.add(new Diff(path + " mode", exists ? Diff.Action.UPDATE : Diff.Action.CREATE,
                    exists ? FileState.octal(current.mode() & 07777) : null, FileState.octal(p.integer("mode"))));
        }
        if (p.has("owner") && (!exists || !p.string("owner").equals(current.owner()))) {
            out.add(new Diff(path + " owner", exists ? Diff.Action.UPDATE : Diff.Action.CREATE, exists ? current.owner() : null, p.string("owner")));
        }
        if (p.has("group") && (!exists || !p.string("group").equals(current.group()))) {
            out.add(new Diff(path + " group", exists ? Diff.Action.UPDATE : Diff.Action.CREATE, exists ? current.group() : null, p.string("group")));
        }
        return out;
    }

    /** The steps that set the attributes named in {@code diffs} on {@code path}. */
    public static List<Step> steps(Params p, String path, List<Diff> diffs) {
        List<Step> out = new ArrayList<>();
        for (Diff d : diffs) {
            if (d.subject().endsWith(" mode")) out.add(Step.Run.of("chmod", Integer.toOctalString(p.integer("mode")), "--", path));
            if (d.subject().endsWith(" owner")) out.add(Step.Run.of("chown", "--", p.string("owner"), path));
            if (d.subject().endsWith(" group")) out.add(Step.Run.of("chgrp", "--", p.string("group"), path));
        }
        return out;
    }
}
