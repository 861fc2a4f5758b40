package dev.rigger.modules.accounts;

import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import dev.rigger.spi.Step;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A local user account, with useradd/usermod/userdel as Ansible's {@code user} module runs them:
 * only the attributes given are compared, and usermod gets only those that differ. Supplementary
 * groups are those whose member list names the user; {@code append} only adds. The account is read
 * with getent (passwd, shadow, group), all in one round trip.
 */
public final class UserModule implements Module {
    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.string("name").required().aliases("user").doc("the account"))
            .add(Param.choice("state", "present", "absent").defaultValue("present").doc("whether the account exists"))
            .add(Param.integer("uid").doc("its numeric id"))
            .add(Param.string("group").singleLine().doc("its primary group (name or gid; must exist)"))
            .add(Param.list("groups").doc("supplementary groups (names or gids; must exist); an empty list with append=false removes all"))
            .add(Param.bool("append").defaultValue(false).doc("add the groups to the current ones instead of setting exactly these"))
            .add(Param.string("comment").singleLine().doc("the GECOS field"))
            .add(Param.string("home").absolutePath().singleLine().doc("the home folder"))
            .add(Param.bool("move_home").defaultValue(false).doc("when home changes, move the old folder's content (usermod -m)"))
            .add(Param.string("shell").singleLine().doc("the login shell"))
            .add(Param.bool("system").defaultValue(false).doc("create it as a system account (only on creation)"))
            .add(Param.bool("create_home").defaultValue(true).aliases("createhome").doc("create the home folder when the account is created (useradd -m, else -M)"))
            .add(Param.string("password").secret().singleLine().doc("the password hash as stored in /etc/shadow (crypt form, e.g. $6$...)"))
            .add(Param.choice("update_password", "always", "on_create").defaultValue("always").doc("always: set the hash when it differs; on_create: only for a new account"))
            .add(Param.bool("password_lock").doc("lock (true) or unlock (false) the password (usermod -L / -U)"))
            .add(Param.bool("non_unique").defaultValue(false).doc("allow a uid another account has (-o)"))
            .add(Param.bool("remove").defaultValue(false).doc("with state=absent: also remove the home folder and mail spool (userdel -r)"))
            .add(Param.bool("force").defaultValue(false).doc("with state=absent: remove even when logged in (userdel -f)"))
            .add(Param.integer("password_expire_min").doc("minimum days between password changes (chage -m; the shadow entry's 4th field)"))
            .add(Param.integer("password_expire_max").doc("maximum days a password stays valid (chage -M; the 5th field)"))
            .add(Param.integer("password_expire_warn").doc("days of warning before a password expires (chage -W; the 6th field; ansible-core 2.16's parameter)"))
            .build();

    /** The ageing parameters, their chage flag and their field in the shadow entry. */
    private static final List<Ageing> AGEING = List.of(new Ageing("password_expire_min", "-m", 3),
            new Ageing("password_expire_max", "-M", 4), new Ageing("password_expire_warn", "-W", 5));

    private record Ageing(String param, String flag, int field) { }

    @Override
    public String name() { return "user"; }

    @Override
    public List<String> aliases() { return List.of("ansible.builtin.user"); }

    @Override
    public String summary() { return "Add, change or remove a local user account"; }

    @Override
    public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() { return "- user:\n    name: deploy\n    groups: [wheel]\n    append: true\n    shell: /bin/bash\n"; }

    @Override
    public List<Probe> firstProbes(Params p) {
        return probes(p.string("name"));
    }

    /** The account, its shadow entry, and every group (membership is read from the member lists, as Ansible does). */
    private static List<Probe> probes(String name) {
        return List.of(new Probe.Run(List.of("getent", "passwd", "--", name)),
                new Probe.Run(List.of("getent", "shadow", "--", name)),
                new Probe.Run(List.of("getent", "group")));
    }

    /** The supplementary groups as given (comma-separated items split as Ansible does). */
    private static List<String> supplementary(Params p) {
        return p.list("groups").stream().flatMap(g -> Arrays.stream(g.split(","))).map(String::strip).filter(g -> !g.isEmpty()).distinct().toList();
    }

    @Override
    public Change plan(Params p, Host host) {
        String name = AccountName.valid("user", p.string("name"));
        List<String> named = new ArrayList<>(supplementary(p));
        if (p.has("group")) named.add(p.string("group").strip());
        named.forEach(g -> AccountName.valid("group", g));
        List<ProbeResult> r = host.probe(probes(name));
        PasswdEntry now = r.get(0).ok() ? PasswdEntry.parse(r.get(0).text()) : null;
        Map<String, Object> out = new LinkedHashMap<>(Map.of("name", name, "state", p.string("state")));
        if (p.string("state").equals("absent")) return absent(p, name, now, out);
        if (!r.get(2).ok()) throw new ModuleException("cannot read the groups (getent group): " + r.get(2).error().strip());
        List<GroupEntry> all = r.get(2).text().lines().map(GroupEntry::parse).filter(g -> g != null).toList();
        Map<String, GroupEntry> groups = byNameOrGid(all);
        for (String g : named) {
            if (!groups.containsKey(g)) throw new ModuleException("Group " + g + " does not exist");
        }
        if (now != null) return modify(p, name, now, r.get(1), memberOf(name, all), groups, out);
        return create(p, name, groups, out);
    }

    private static Change absent(Params p, String name, PasswdEntry now, Map<String, Object> out) {
        out.put("force", p.bool("force"));
        out.put("remove", p.bool("remove"));
        if (now == null) return Change.none(out);
        List<String> argv = new ArrayList<>(List.of("userdel"));
        if (p.bool("force")) argv.add("-f");
        if (p.bool("remove")) argv.add("-r");
        argv.add(name);
        return Change.of(List.of(Diff.delete("user " + name, describe(now))), List.of(Step.Run.of(argv))).withOutputs(out);
    }

    private static Change create(Params p, String name, Map<String, GroupEntry> groups, Map<String, Object> out) {
        List<String> argv = new ArrayList<>(List.of("useradd"));
        Map<String, String> after = new LinkedHashMap<>();
        if (p.has("uid")) {
            argv.addAll(List.of("-u", p.integer("uid").toString()));
            if (p.bool("non_unique")) argv.add("-o");
            after.put("uid", p.integer("uid").toString());
        }
        if (p.has("group")) {
            argv.addAll(List.of("-g", groups.get(p.string("group").strip()).name()));
            after.put("group", p.string("group"));
        } else if (groups.containsKey(name)) {
            argv.add("-N");   // as Ansible: useradd would refuse to make a user group that exists
        }
        List<String> supplementary = names(supplementary(p), groups);
        if (!supplementary.isEmpty()) {
            argv.addAll(List.of("-G", String.join(",", supplementary)));
            after.put("groups", String.join(",", supplementary));
        }
        option(p, "comment", "-c", argv, after);
        option(p, "home", "-d", argv, after);
        option(p, "shell", "-s", argv, after);
        boolean lock = Boolean.TRUE.equals(p.values().get("password_lock"));
        if (p.has("password")) argv.addAll(List.of("-p", (lock ? "!" : "") + p.string("password")));
        argv.add(p.bool("create_home") ? "-m" : "-M");
        if (p.bool("system")) argv.add("-r");
        argv.add(name);
        List<Step> steps = new ArrayList<>(List.of(Step.Run.of(argv)));
        List<String> chage = ageing(p, null, after, new LinkedHashMap<>());
        if (chage.size() > 1) steps.add(Step.Run.of(chage));
        out.put("system", p.bool("system"));
        out.put("create_home", p.bool("create_home"));
        if (!supplementary.isEmpty()) out.put("groups", String.join(",", supplementary));
        return Change.of(List.of(Diff.create("user " + name, lines(after.isEmpty() ? Map.of("state", "present") : after))), steps).withOutputs(out);
    }

    private static Change modify(Params p, String name, PasswdEntry now, ProbeResult shadow, List<String> memberOf,
                                 Map<String, GroupEntry> groups, Map<String, Object> out) {
        List<String> argv = new ArrayList<>(List.of("usermod"));
        Map<String, String> before = new LinkedHashMap<>();
        Map<String, String> after = new LinkedHashMap<>();
        if (p.has("uid") && p.integer("uid") != now.uid()) {
            argv.addAll(List.of("-u", p.integer("uid").toString()));
            if (p.bool("non_unique")) argv.add("-o");
            field("uid", Integer.toString(now.uid()), p.integer("uid").toString(), before, after);
        }
        if (p.has("group")) {
            GroupEntry g = groups.get(p.string("group").strip());
            if (g.gid() != now.gid()) {
                argv.addAll(List.of("-g", g.name()));
                field("group", Integer.toString(now.gid()), Integer.toString(g.gid()), before, after);
            }
        }
        if (p.has("groups")) supplementaryChange(p, memberOf, groups, argv, before, after);
        compare("comment", "-c", now.comment(), p, argv, before, after);
        if (p.has("home") && !withoutTrailingSlash(p.string("home")).equals(withoutTrailingSlash(now.home()))) {
            argv.addAll(List.of("-d", p.string("home")));
            if (p.bool("move_home")) argv.add("-m");
            field("home", now.home(), p.string("home"), before, after);
        }
        compare("shell", "-s", now.shell(), p, argv, before, after);
        String hash = shadowHash(shadow);
        Object lock = p.values().get("password_lock");
        if (p.has("password") && p.string("update_password").equals("always") && !p.string("password").replaceFirst("^!+", "").equals(
                hash == null ? null : hash.replaceFirst("^!+", ""))) {
            argv.addAll(List.of("-p", (Boolean.TRUE.equals(lock) ? "!" : "") + p.string("password")));
            field("password", "(hash)", "(new hash)", before, after);
        } else if (lock != null && hash != null && (Boolean) lock != hash.startsWith("!")) {
            argv.add((Boolean) lock ? "-L" : "-U");
            field("password_lock", Boolean.toString(hash.startsWith("!")), lock.toString(), before, after);
        }
        out.putAll(Map.of("uid", p.has("uid") ? p.integer("uid") : now.uid(), "comment", p.optional("comment").orElse(now.comment()),
                "home", p.optional("home").orElse(now.home()), "shell", p.optional("shell").orElse(now.shell()),
                "append", p.bool("append"), "move_home", p.bool("move_home")));
        out.put("group", p.has("group") ? groups.get(p.string("group").strip()).gid() : now.gid());
        if (p.has("groups")) out.put("groups", String.join(",", names(supplementary(p), groups)));
        if (!shadow.ok() && AGEING.stream().anyMatch(a -> p.has(a.param()))) {
            throw new ModuleException("cannot read the shadow entry of " + name + " to compare its password ageing (getent shadow): "
                    + shadow.error().strip());
        }
        List<String> chage = ageing(p, shadow.ok() ? shadow.text() : null, after, before);
        if (argv.size() == 1 && chage.size() == 1) return Change.none(out);
        List<Step> steps = new ArrayList<>();
        if (argv.size() > 1) {
            argv.add(name);
            steps.add(Step.Run.of(argv));
        }
        if (chage.size() > 1) steps.add(Step.Run.of(chage));
        return Change.of(List.of(Diff.update("user " + name, lines(before), lines(after))), steps).withOutputs(out);
    }

    /**
     * The chage command for the ageing parameters that differ from the shadow entry (all given ones
     * for a new account), as Ansible's set_password_expire: an empty field reads as -1. The command
     * alone ("chage") when none differs; its last word is the account.
     */
    private static List<String> ageing(Params p, String shadow, Map<String, String> after, Map<String, String> before) {
        List<String> argv = new ArrayList<>(List.of("chage"));
        String[] f = shadow == null ? null : shadow.strip().split(":", -1);
        for (Ageing a : AGEING) {
            if (!p.has(a.param())) continue;
            long want = p.integer(a.param());
            String nowText = f == null || f.length <= a.field() ? null : f[a.field()];
            long now = nowText == null || nowText.isEmpty() ? -1 : Long.parseLong(nowText);
            if (f != null && now == want) continue;
            argv.addAll(List.of(a.flag(), Long.toString(want)));
            if (f != null) before.put(a.param(), Long.toString(now));
            after.put(a.param(), Long.toString(want));
        }
        if (argv.size() > 1) argv.add(p.string("name"));
        return argv;
    }

    /** Ansible's rule: the groups listing the user as a member; append adds the missing, otherwise the set must be exact. */
    private static void supplementaryChange(Params p, List<String> memberOf, Map<String, GroupEntry> groups, List<String> argv,
                                            Map<String, String> before, Map<String, String> after) {
        Set<String> current = new LinkedHashSet<>(memberOf);
        List<String> want = names(supplementary(p), groups);
        boolean change = p.bool("append") ? !current.containsAll(want) : !current.equals(new LinkedHashSet<>(want));
        if (!change) return;
        if (p.bool("append")) argv.add("-a");
        argv.addAll(List.of("-G", String.join(",", want)));
        Set<String> result = new LinkedHashSet<>(p.bool("append") ? current : Set.of());
        result.addAll(want);
        field("groups", String.join(",", current), String.join(",", result), before, after);
    }

    /** useradd stores /opt/app/ as /opt/app. */
    private static String withoutTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.replaceFirst("/+$", "") : path;
    }

    private static void compare(String param, String flag, String now, Params p, List<String> argv, Map<String, String> before, Map<String, String> after) {
        if (!p.has(param) || p.string(param).equals(now)) return;
        argv.addAll(List.of(flag, p.string(param)));
        field(param, now, p.string(param), before, after);
    }

    private static void option(Params p, String param, String flag, List<String> argv, Map<String, String> after) {
        if (!p.has(param)) return;
        argv.addAll(List.of(flag, p.string(param)));
        after.put(param, p.string(param));
    }

    private static void field(String key, String was, String will, Map<String, String> before, Map<String, String> after) {
        before.put(key, was);
        after.put(key, will);
    }

    /** The hash field of a shadow line, or null when unreadable. */
    private static String shadowHash(ProbeResult shadow) {
        if (!shadow.ok()) return null;
        String[] f = shadow.text().strip().split(":", -1);
        return f.length > 1 ? f[1] : null;
    }

    private static List<String> memberOf(String user, List<GroupEntry> all) {
        return all.stream().filter(g -> g.members().contains(user)).map(GroupEntry::name).toList();
    }

    /** The groups by each way a task may name one: name and gid. */
    private static Map<String, GroupEntry> byNameOrGid(List<GroupEntry> all) {
        Map<String, GroupEntry> byKey = new LinkedHashMap<>();
        all.forEach(g -> {
            byKey.put(g.name(), g);
            byKey.putIfAbsent(Integer.toString(g.gid()), g);
        });
        return byKey;
    }

    private static List<String> names(List<String> given, Map<String, GroupEntry> groups) {
        return given.stream().map(g -> groups.get(g).name()).distinct().toList();
    }

    private static String describe(PasswdEntry e) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("uid", Integer.toString(e.uid()));
        fields.put("gid", Integer.toString(e.gid()));
        fields.put("home", e.home());
        fields.put("shell", e.shell());
        return lines(fields);
    }

    private static String lines(Map<String, String> fields) {
        StringBuilder sb = new StringBuilder();
        fields.forEach((k, v) -> sb.append(k).append(": ").append(v).append('\n'));
        return sb.toString();
    }
}
