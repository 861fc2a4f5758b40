package dev.rigger.modules.fuzz;

import dev.rigger.spi.Module;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A task's arguments drawn from a module's {@link ParamSpec}: each value starts valid-looking (a
 * path in the sandbox, a name, a choice) and is mostly mixed with {@link Hostile} fragments, so
 * values get past a module's first checks and reach its probes and steps. Only one or two
 * parameters per input are hostile (the others stay valid-looking), or the first check of a
 * module would refuse almost every input. Required parameters are always given, others half the
 * time; exclusive groups keep one member so the binder does not reject inputs on structure alone.
 */
final class ParamValues {
    /** Parameters that name a path on the host: kept inside the {@link Sandbox}. */
    private static final Set<String> PATHS = Set.of("path", "dest", "creates", "removes", "chdir", "sysctl_file",
            "config", "kubeconfig", "src", "home", "fstab");
    /**
     * Values always given, whatever was drawn: the lab's /home is the machine's own (lab/README.md),
     * so a fuzzed account never gets a home folder made there (useradd -m without home).
     */
    private static final Map<String, Map<String, Object>> FIXED = Map.of("user", Map.of("create_home", false, "move_home", false));
    /** Local files every input may name (a parameter documented as a file "beside the playbook"). */
    static final Map<String, String> LOCAL_FILES = Map.of(
            "app.conf", "x=1\n",
            "app.j2", "name={{ inventory_hostname }}\n",
            "manifest.yml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: rigger-fuzz}\ndata: {a: b}\n");
    private static final String HASH = "sha256:" + "0123456789abcdef".repeat(4);
    /** Valid-looking values by parameter name, so a value passes the first checks before its hostile part is read. */
    private static final Map<String, List<String>> EXAMPLES = Map.ofEntries(
            Map.entry("owner", List.of("root", "nobody", "daemon")),
            Map.entry("group", List.of("root", "nogroup", "daemon")),
            Map.entry("baseurl", List.of("file:///tmp/rigger-fuzz/repo", "http://127.0.0.1:1/repo")),
            Map.entry("gpgkey", List.of("file:///tmp/rigger-fuzz/key")),
            Map.entry("regexp", List.of("^x=", "keep", "^(x)=(.*)$")),
            Map.entry("search_string", List.of("x=1", "keep")),
            Map.entry("insertafter", List.of("EOF", "^x=", "keep")),
            Map.entry("insertbefore", List.of("BOF", "^x=")),
            Map.entry("marker", List.of("# {mark} FUZZ BLOCK")),
            Map.entry("advertise_address", List.of("127.0.0.1")),
            Map.entry("api_server", List.of("127.0.0.1:6443")),
            Map.entry("ca_cert_hash", List.of(HASH)),
            Map.entry("token", List.of("abcdef.0123456789abcdef")),
            Map.entry("command", List.of("kubeadm join 127.0.0.1:6443 --token abcdef.0123456789abcdef --discovery-token-ca-cert-hash " + HASH)),
            Map.entry("pod_subnet", List.of("10.244.0.0/16")),
            Map.entry("service_subnet", List.of("10.96.0.0/12")),
            Map.entry("kubernetes_version", List.of("v1.16.2")),
            Map.entry("params", List.of("numdummies=2", "")),
            Map.entry("value", List.of("1", "0 1 2")),
            Map.entry("disable_excludes", List.of("all", "main")),
            Map.entry("namespace", List.of("default", "kube-system")));

    private static final List<String> BASE_PATHS = List.of(Sandbox.DEEP + "/f", Sandbox.DEEP + "/app.conf",
            Sandbox.ROOT + "/a/app.conf", Sandbox.DEEP + "/dir/", Sandbox.ROOT + "/a/b/new/file");

    private final SplittableRandom rnd;
    private final Hostile hostile;

    ParamValues(SplittableRandom rnd, Hostile hostile) {
        this.rnd = rnd;
        this.hostile = hostile;
    }

    /** One task's arguments for {@code module}. */
    Map<String, Object> draw(Module module) {
        ParamSpec spec = module.spec();
        // a module without parameters (service_facts) has nothing to make hostile: it runs as it is
        if (spec.params().isEmpty()) return new LinkedHashMap<>(FIXED.getOrDefault(module.name(), Map.of()));
        List<Param> given = new ArrayList<>();
        for (Param p : spec.params()) if (p.isRequired() || rnd.nextBoolean()) given.add(p);
        if (given.isEmpty()) given.add(pick(spec.params()));
        Set<Param> hostileOnes = new java.util.HashSet<>();
        for (int n = rnd.nextInt(4) == 0 ? 2 : 1; n > 0; n--) hostileOnes.add(pick(given));
        Map<String, Object> args = new LinkedHashMap<>();
        for (Param p : given) args.put(p.name(), value(module.name(), p, hostileOnes.contains(p)));
        args.putAll(FIXED.getOrDefault(module.name(), Map.of()));
        ByDesign.shortWaits(module.name(), args);
        for (List<String> group : spec.exclusive()) {
            List<String> present = new ArrayList<>(group.stream().filter(args::containsKey).toList());
            while (present.size() > 1) args.remove(present.remove(rnd.nextInt(present.size())));
        }
        for (List<String> group : spec.oneOf()) {
            if (group.stream().noneMatch(args::containsKey)) {
                String pick = group.get(rnd.nextInt(group.size()));
                args.put(pick, value(module.name(), spec.find(pick).orElseThrow(), false));
            }
        }
        return args;
    }

    private Object value(String module, Param p, boolean hostile) {
        Object v = ByDesign.bounded(module, p.name(), hostile ? raw(p) : valid(p));
        return ByDesign.covers(module, p.name()) ? ByDesign.value(module, p.name(), v) : v;
    }

    /** A value that should pass: a choice, a plain number, a sandbox path, an example. */
    private Object valid(Param p) {
        if (!p.choices().isEmpty()) return pick(p.choices());
        return switch (p.type()) {
            case BOOL -> rnd.nextBoolean();
            case INT -> rnd.nextInt(300);
            case MODE -> pick(p.checks().contains(Param.Check.SYMBOLIC_MODE) ? List.of("0644", "0755", "u=rwX,g=rX,o=") : List.of("0644", "0755", "0600"));
            case LIST -> List.of(base(p));
            case MAP -> Map.of("a", "b");
            case ANY -> base(p);
            // as the engine delivers expressions: each text with its value on the host
            case EXPRESSIONS -> Map.of("x == " + rnd.nextInt(3), rnd.nextBoolean());
            default -> base(p);
        };
    }

    private String base(Param p) {
        if (p.doc().contains("beside the playbook")) return localFile(p);
        if (PATHS.contains(p.name())) return pick(BASE_PATHS);
        List<String> examples = EXAMPLES.get(p.name());
        return examples != null ? pick(examples) : "rigger-fuzz-" + rnd.nextInt(100);
    }

    /** The local file that suits the parameter, by its documentation: a manifest, a template, or any file. */
    private static String localFile(Param p) {
        return p.doc().contains("manifest") ? "manifest.yml" : p.doc().contains("template") ? "app.j2" : "app.conf";
    }

    private Object raw(Param p) {
        if (!p.choices().isEmpty()) return rnd.nextInt(10) > 0 ? pick(p.choices()) : mutate(pick(p.choices()), false);
        return switch (p.type()) {
            case BOOL -> rnd.nextInt(20) > 0 ? (Object) rnd.nextBoolean() : hostile.any(rnd);
            case INT -> rnd.nextInt(20) > 0 ? (Object) (rnd.nextInt(302) - 1) : hostile.any(rnd);
            case MODE -> rnd.nextInt(10) > 0 ? pick(List.of("0644", "0755", "0600", "1777", "0", "u+rwX,go-w", "a="))
                    : mutate(rnd.nextBoolean() ? "0644" : "u=rwX", false);
            case LIST -> list(p);
            case MAP -> Map.of("a", string(p), mutate("k", false), "v");
            case ANY -> rnd.nextBoolean() ? string(p) : definition(p);
            case EXPRESSIONS -> Map.of(string(p), rnd.nextBoolean() ? string(p) : (Object) rnd.nextBoolean());
            default -> string(p);
        };
    }

    private List<String> list(Param p) {
        List<String> items = new ArrayList<>();
        for (int i = rnd.nextInt(3); i >= 0; i--) items.add(string(p));
        return items;
    }

    /** A Kubernetes-like object whose names and data are hostile (kubectl_apply's definition, debug's msg). */
    private Map<String, Object> definition(Param p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("apiVersion", "v1");
        m.put("kind", rnd.nextBoolean() ? "ConfigMap" : mutate("ConfigMap", false));
        m.put("metadata", Map.of("name", mutate("rigger-fuzz", false), "namespace", string(p)));
        m.put("data", Map.of(mutate("a", false), string(p)));
        return m;
    }

    private String string(Param p) {
        if (PATHS.contains(p.name()) && !p.doc().contains("beside the playbook")) return path();
        return mutate(base(p), false);
    }

    /** A path in the sandbox with hostile parts, redrawn until it stays inside (see {@link Sandbox}). */
    private String path() {
        if (rnd.nextInt(15) == 0) return pick(List.of("-rf", "--help", "-", "--", "-n")); // option-like, in the login folder
        String base = pick(BASE_PATHS);
        for (int i = 0; i < 20; i++) {
            String v = mutate(base, true);
            if (Sandbox.confined(v)) return v;
        }
        return base;
    }

    /**
     * Mostly hostile: fragments inserted anywhere (after the sandbox prefix for a path), the value
     * replaced by a fragment, a leading dash, or 100 KB of it; a tenth stay valid.
     */
    String mutate(String base, boolean path) {
        int r = rnd.nextInt(100);
        if (r < 10) return base;
        if (r < 14) return hostile.huge(base, rnd);
        if (r < 22 && !path) return hostile.any(rnd);
        if (r < 28) return pick(List.of("-", "--", "-rf ", "--help=")) + base;
        StringBuilder v = new StringBuilder(base);
        int from = path ? Math.min(base.length(), Sandbox.ROOT.length() + 1) : 0;
        for (int n = 1 + rnd.nextInt(3); n > 0; n--) {
            String f = path && rnd.nextInt(3) == 0 ? pick(List.of("../", "../../", "/..", "/./", "//", "..")) : fragment(path);
            v.insert(from + rnd.nextInt(v.length() - from + 1), f);
        }
        return v.toString();
    }

    /** Paths get the fragments only: a traversal to / is what {@link Sandbox#confined} keeps out. */
    private String fragment(boolean path) {
        return path ? hostile.fragments.get(rnd.nextInt(hostile.fragments.size())) : hostile.any(rnd);
    }

    private <T> T pick(List<T> from) {
        return from.get(rnd.nextInt(from.size()));
    }
}
