package dev.rigger.modules.accounts;

import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import dev.rigger.spi.Step;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local group, with groupadd/groupmod/groupdel as Ansible's {@code group} module runs them. The
 * group is read with {@code getent group}, as Ansible reads it through NSS. A gid is changed only
 * when given; {@code system} matters only when the group is created.
 */
public final class GroupModule implements Module {
    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.string("name").required().doc("the group"))
            .add(Param.choice("state", "present", "absent").defaultValue("present").doc("whether the group exists"))
            .add(Param.integer("gid").doc("its numeric id (changed with groupmod when it differs)"))
            .add(Param.bool("system").defaultValue(false).doc("create it as a system group (a gid from the system range); only on creation"))
            .add(Param.bool("non_unique").defaultValue(false).doc("allow a gid another group has (groupadd/groupmod -o)"))
            .add(Param.bool("force").defaultValue(false).doc("with state=absent: remove it even when it is a user's primary group (groupdel -f)"))
            .build();

    @Override
    public String name() { return "group"; }

    @Override
    public List<String> aliases() { return List.of("ansible.builtin.group"); }

    @Override
    public String summary() { return "Add, change or remove a local group"; }

    @Override
    public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() { return "- group:\n    name: deploy\n    gid: 2001\n"; }

    @Override
    public List<Probe> firstProbes(Params p) {
        return probes(p.string("name"));
    }

    private static List<Probe> probes(String name) {
        return List.of(new Probe.Run(List.of("getent", "group", "--", name)));
    }

    @Override
    public Change plan(Params p, Host host) {
        String name = AccountName.valid("group", p.string("name"));
        List<ProbeResult> r = host.probe(probes(name));
        GroupEntry now = r.get(0).ok() ? GroupEntry.parse(r.get(0).text()) : null;
        boolean present = p.string("state").equals("present");
        Integer gid = p.integer("gid");
        Map<String, Object> out = new LinkedHashMap<>(Map.of("name", name, "state", p.string("state")));
        if (!present) {
            if (now == null) return Change.none(out);
            List<String> argv = new ArrayList<>(List.of("groupdel"));
            if (p.bool("force")) argv.add("-f");
            argv.add(name);
            return Change.of(List.of(Diff.delete("group " + name, describe(now))), List.of(Step.Run.of(argv))).withOutputs(out);
        }
        out.put("system", p.bool("system"));
        if (now == null) {
            List<String> argv = new ArrayList<>(List.of("groupadd"));
            if (gid != null) argv.addAll(List.of("-g", gid.toString()));
            if (p.bool("non_unique")) argv.add("-o");
            if (p.bool("system")) argv.add("-r");
            argv.add(name);
            if (gid != null) out.put("gid", gid);
            return Change.of(List.of(Diff.create("group " + name, gid == null ? "present" : "gid " + gid)), List.of(Step.Run.of(argv)))
                    .withOutputs(out);
        }
        out.put("gid", now.gid());
        if (gid == null || gid == now.gid()) return Change.none(out);
        List<String> argv = new ArrayList<>(List.of("groupmod", "-g", gid.toString()));
        if (p.bool("non_unique")) argv.add("-o");
        argv.add(name);
        out.put("gid", gid);
        return Change.of(List.of(Diff.update("group " + name + " gid", Integer.toString(now.gid()), gid.toString())), List.of(Step.Run.of(argv)))
                .withOutputs(out);
    }

    private static String describe(GroupEntry g) {
        return "gid " + g.gid() + (g.members().isEmpty() ? "" : ", members " + String.join(",", g.members()));
    }
}
