package dev.rigger.lab.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TEST STAND-IN for kubeadm 1.16/1.17 (Rigger lab only, never shipped in the product).
 *
 * <p>Commands: {@code version}, {@code config print init-defaults}, {@code config images
 * list|pull}, {@code init}, {@code join}, {@code token create|list|delete|generate},
 * {@code reset}. It validates the config file, runs the preflight checks the seed hit (with
 * kubeadm's real messages, on the lab's simulated /proc), writes the files kubeadm writes and
 * starts the API stand-in instead of a control plane. Output follows kubeadm 1.16's text.
 */
final class Kubeadm {
    static final String VERSION = System.getProperty("kubeadm.version", "1.16.2");
    static final PrintStream OUT = System.out;
    static final PrintStream ERR = System.err;

    private Kubeadm() {}

    /** Parsed command line: positional words and --flags (repeatable flags keep every value). */
    static final class Args {
        final List<String> words = new ArrayList<>();
        final Map<String, List<String>> flags = new LinkedHashMap<>();

        Args(String[] argv) {
            for (int i = 0; i < argv.length; i++) {
                String a = argv[i];
                if (a.startsWith("--") || (a.startsWith("-") && a.length() == 2)) {
                    String name = a.replaceFirst("^--?", ""), value;
                    if (name.contains("=")) { value = name.substring(name.indexOf('=') + 1); name = name.substring(0, name.indexOf('=')); }
                    else if (isBool(name)) value = "true";
                    else value = i + 1 < argv.length ? argv[++i] : "";
                    flags.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                } else words.add(a);
            }
        }

        private static boolean isBool(String n) {
            return List.of("f", "force", "print-join-command", "discovery-token-unsafe-skip-ca-verification", "dry-run",
                    "skip-token-print", "upload-certs", "control-plane", "h", "help", "skip-phases-none").contains(n);
        }

        String flag(String name) { List<String> v = flags.get(name); return v == null ? null : v.get(v.size() - 1); }
        boolean has(String name) { return flags.containsKey(name); }
        List<String> all(String name) { return flags.getOrDefault(name, List.of()); }
        String word(int i) { return i < words.size() ? words.get(i) : null; }
    }

    static int run(String[] argv) {
        Args a = new Args(argv);
        String cmd = a.word(0) == null ? "" : a.word(0);
        try {
            return switch (cmd) {
                case "version" -> version(a);
                case "config" -> config(a);
                case "init" -> new KubeadmInit(a).init();
                case "join" -> new KubeadmJoin(a).join();
                case "token" -> token(a);
                case "reset" -> reset(a);
                default -> {
                    ERR.println("Error: unknown command \"" + cmd + "\" for \"kubeadm\" (Rigger lab stand-in: version, config, init, join, token, reset)");
                    yield 1;
                }
            };
        } catch (Failure f) {
            ERR.println(f.getMessage());
            ERR.println("To see the stack trace of this error execute with --v=5 or higher");
            return 1;
        } catch (Exception e) {
            ERR.println(e.getMessage() == null ? e.toString() : e.getMessage());
            ERR.println("To see the stack trace of this error execute with --v=5 or higher");
            return 1;
        }
    }

    /** An error kubeadm prints before "To see the stack trace..." and exit 1. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        Failure(String m) { super(m); }
    }

    private static int version(Args a) {
        String o = a.flag("o") != null ? a.flag("o") : a.flag("output");
        String minor = VERSION.split("\\.")[1];
        if ("short".equals(o)) OUT.println("v" + VERSION);
        else OUT.println("kubeadm version: &version.Info{Major:\"1\", Minor:\"" + minor + "\", GitVersion:\"v" + VERSION
                + "\", GitCommit:\"lab\", GitTreeState:\"clean\", GoVersion:\"go1.12.12\", Compiler:\"gc\", Platform:\"linux/amd64\"}");
        return 0;
    }

    static KubeadmConfig loadConfig(Args a) throws Failure {
        KubeadmConfig c = new KubeadmConfig(VERSION, Host.hostname());
        try {
            if (a.flag("config") != null) c.load(Path.of(a.flag("config")));
            if (a.flag("kubernetes-version") != null) c.kubernetesVersion = a.flag("kubernetes-version");
            if (a.flag("image-repository") != null) c.imageRepository = a.flag("image-repository");
            c.validateVersion(VERSION);
        } catch (KubeadmConfig.ConfigException e) { throw new Failure(e.getMessage()); }
        return c;
    }

    private static int config(Args a) throws Exception {
        String sub = a.word(1) == null ? "" : a.word(1);
        if (sub.equals("print") && "init-defaults".equals(a.word(2))) {
            OUT.print(KubeadmConfig.initDefaults(VERSION, Host.hostname()));
            return 0;
        }
        if (sub.equals("images") && ("list".equals(a.word(2)) || "pull".equals(a.word(2)))) {
            KubeadmConfig c = loadConfig(a);
            for (String img : c.images()) OUT.println(a.word(2).equals("list") ? img : "[config/images] Pulled " + img);
            return 0;
        }
        throw new Failure("unknown command \"" + String.join(" ", a.words) + "\" (Rigger lab stand-in: config print init-defaults, config images list|pull)");
    }

    // ---------------------------------------------------------------- tokens

    static String newToken() {
        SecureRandom r = new SecureRandom();
        String chars = "abcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 22; i++) { if (i == 6) b.append('.'); b.append(chars.charAt(r.nextInt(chars.length()))); }
        return b.toString();
    }

    /** Go duration (24h0m0s, 1h, 30m, 0) to seconds. */
    static long durationSeconds(String d) {
        if (d == null || d.isEmpty() || d.equals("0") || d.equals("0s")) return 0;
        long total = 0;
        var m = java.util.regex.Pattern.compile("(\\d+)(h|m|s)").matcher(d);
        while (m.find()) total += Long.parseLong(m.group(1)) * switch (m.group(2)) { case "h" -> 3600; case "m" -> 60; default -> 1; };
        return total;
    }

    private static ApiClient adminClient(Args a) throws Exception {
        Path kc = Path.of(a.flag("kubeconfig") != null ? a.flag("kubeconfig") : "/etc/kubernetes/admin.conf");
        if (!Files.exists(kc)) throw new Failure("failed to load admin kubeconfig: open " + kc + ": no such file or directory");
        return ApiClient.fromKubeconfig(kc);
    }

    private static int token(Args a) throws Exception {
        String sub = a.word(1) == null ? "" : a.word(1);
        switch (sub) {
            case "generate" -> { OUT.println(newToken()); return 0; }
            case "create" -> {
                String token = a.word(2) != null ? a.word(2) : newToken();
                if (!KubeadmConfig.TOKEN.matcher(token).matches())
                    throw new Failure("the bootstrap token \"" + token + "\" was not of the form \"\\\\A([a-z0-9]{6})\\\\.([a-z0-9]{16})\\\\z\"");
                ApiClient api = adminClient(a);
                ObjectNode secret = tokenSecret(token, a.flag("ttl") == null ? "24h0m0s" : a.flag("ttl"), a.flag("description"));
                ApiClient.Response r = api.call("POST", "/api/v1/namespaces/kube-system/secrets", secret);
                if (r.code() == 409) throw new Failure("a token with id \"" + token.split("\\.")[0] + "\" already exists");
                if (r.code() / 100 != 2) throw new Failure("failed to create or update bootstrap token with name bootstrap-token-" + token.split("\\.")[0] + ": " + Json.text(r.body(), "message"));
                if (a.has("print-join-command")) {
                    String ca = Files.readString(Path.of("/etc/kubernetes/pki/ca.crt"));
                    OUT.println(joinCommand(api.server.replaceFirst("^https?://", ""), token, Pki.caHash(ca)).replace("\\\n", ""));
                } else OUT.println(token);
                return 0;
            }
            case "list" -> {
                ApiClient api = adminClient(a);
                JsonNode list;
                try { list = api.get("/api/v1/namespaces/kube-system/secrets"); }
                catch (java.io.IOException e) { throw new Failure("failed to list bootstrap tokens: " + e.getMessage()); }
                List<String[]> rows = new ArrayList<>();
                rows.add(new String[] {"TOKEN", "TTL", "EXPIRES", "USAGES", "DESCRIPTION", "EXTRA GROUPS"});
                for (JsonNode s : list.path("items")) {
                    if (!"bootstrap.kubernetes.io/token".equals(Json.text(s, "type"))) continue;
                    JsonNode d = s.path("data");
                    String id = Cluster.decode(Json.text(d, "token-id")), sec = Cluster.decode(Json.text(d, "token-secret"));
                    String exp = Cluster.decode(Json.text(d, "expiration"));
                    String ttl = "<forever>", expires = "<never>";
                    if (exp != null) {
                        Instant e = OffsetDateTime.parse(exp).toInstant();
                        long left = e.getEpochSecond() - Instant.now().getEpochSecond();
                        if (left <= 0) continue;
                        ttl = left >= 3600 ? (left / 3600) + "h" : left >= 60 ? (left / 60) + "m" : left + "s";
                        expires = exp;
                    }
                    List<String> usages = new ArrayList<>();
                    if ("true".equals(Cluster.decode(Json.text(d, "usage-bootstrap-authentication")))) usages.add("authentication");
                    if ("true".equals(Cluster.decode(Json.text(d, "usage-bootstrap-signing")))) usages.add("signing");
                    String desc = Cluster.decode(Json.text(d, "description"));
                    String groups = Cluster.decode(Json.text(d, "auth-extra-groups"));
                    rows.add(new String[] {id + "." + sec, ttl, expires, String.join(",", usages), desc == null || desc.isEmpty() ? "<none>" : desc,
                            groups == null ? "" : groups});
                }
                OUT.print(table(rows));
                return 0;
            }
            case "delete" -> {
                ApiClient api = adminClient(a);
                for (int i = 2; i < a.words.size(); i++) {
                    String id = a.word(i).split("\\.")[0];
                    ApiClient.Response r = api.call("DELETE", "/api/v1/namespaces/kube-system/secrets/bootstrap-token-" + id, null);
                    if (r.code() / 100 != 2) throw new Failure("failed to delete bootstrap token with id \"" + id + "\": " + Json.text(r.body(), "message"));
                    OUT.println("bootstrap token \"" + id + "\" deleted");
                }
                return 0;
            }
            default -> throw new Failure("unknown command \"token " + sub + "\" (Rigger lab stand-in: token create|list|delete|generate)");
        }
    }

    static ObjectNode tokenSecret(String token, String ttl, String description) {
        String[] t = token.split("\\.");
        ObjectNode s = Seed.object("v1", "Secret", "bootstrap-token-" + t[0], "kube-system");
        s.put("type", "bootstrap.kubernetes.io/token");
        ObjectNode d = Json.with(s, "data");
        if (description != null && !description.isEmpty()) d.put("description", Cluster.b64(description));
        long seconds = durationSeconds(ttl);
        if (seconds > 0) d.put("expiration", Cluster.b64(Instant.now().plusSeconds(seconds).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString()));
        d.put("token-id", Cluster.b64(t[0]));
        d.put("token-secret", Cluster.b64(t[1]));
        d.put("usage-bootstrap-authentication", Cluster.b64("true"));
        d.put("usage-bootstrap-signing", Cluster.b64("true"));
        d.put("auth-extra-groups", Cluster.b64("system:bootstrappers:kubeadm:default-node-token"));
        return s;
    }

    /** kubeadm's join command template (init prints it as is; --print-join-command drops the "\\\n"). */
    static String joinCommand(String endpoint, String token, String caHash) {
        return "kubeadm join " + endpoint + " --token " + token + " \\\n    --discovery-token-ca-cert-hash " + caHash + " ";
    }

    /** A tabwriter table as kubeadm prints it (min width 10, padding 3). */
    static String table(List<String[]> rows) {
        int cols = rows.get(0).length;
        int[] w = new int[cols];
        for (String[] r : rows) for (int i = 0; i < cols - 1; i++) w[i] = Math.max(w[i], Math.max(r[i].length() + 3, 10));
        StringBuilder b = new StringBuilder();
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) b.append(i < cols - 1 ? String.format("%-" + w[i] + "s", r[i]) : r[i]);
            b.append('\n');
        }
        return b.toString();
    }

    // ---------------------------------------------------------------- reset

    private static int reset(Args a) throws Exception {
        boolean master = Files.exists(Path.of("/etc/kubernetes/admin.conf")) || Files.exists(Path.of("/etc/kubernetes/standin/apiserver.json"));
        if (master) {
            OUT.println("[reset] Reading configuration from the cluster...");
            OUT.println("[reset] FYI: You can look at this config file with 'kubectl -n kube-system get cm kubeadm-config -oyaml'");
        }
        if (!a.has("f") && !a.has("force")) {
            OUT.println("[reset] WARNING: Changes made to this host by 'kubeadm init' or 'kubeadm join' will be reverted.");
            OUT.print("[reset] Are you sure you want to proceed? [y/N]: ");
            OUT.flush();
            String line = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (line == null || !line.trim().equalsIgnoreCase("y")) throw new Failure("Aborted reset operation");
        }
        OUT.println("[preflight] Running pre-flight checks");
        if (master && Host.serviceInstalled("kube-apiserver-standin")) {
            Host.service("kube-apiserver-standin", "stop");
            Host.service("kube-apiserver-standin", "disable");
        }
        KubeadmInit.killStandin();
        OUT.println("[reset] Stopping the kubelet service");
        if (Host.serviceInstalled("kubelet")) Host.service("kubelet", "stop");
        OUT.println("[reset] Unmounting mounted directories in \"/var/lib/kubelet\"");
        OUT.println("[reset] Deleting contents of config directories: [/etc/kubernetes/manifests /etc/kubernetes/pki]");
        Host.clearDir(Path.of("/etc/kubernetes/manifests"));
        Host.clearDir(Path.of("/etc/kubernetes/pki"));
        List<String> files = List.of("/etc/kubernetes/admin.conf", "/etc/kubernetes/kubelet.conf", "/etc/kubernetes/bootstrap-kubelet.conf",
                "/etc/kubernetes/controller-manager.conf", "/etc/kubernetes/scheduler.conf");
        OUT.println("[reset] Deleting files: " + files.toString().replace(",", ""));
        for (String f : files) Files.deleteIfExists(Path.of(f));
        Host.clearDir(Path.of("/etc/kubernetes/standin"));
        Files.deleteIfExists(Path.of("/etc/kubernetes/standin"));
        List<String> dirs = List.of("/var/lib/etcd", "/var/lib/kubelet", "/etc/cni/net.d", "/var/lib/dockershim", "/var/run/kubernetes", "/var/lib/cni");
        OUT.println("[reset] Deleting contents of stateful directories: " + dirs.toString().replace(",", ""));
        for (String d : dirs) Host.clearDir(Path.of(d));
        OUT.println();
        OUT.println("The reset process does not reset or clean up iptables rules or IPVS tables.");
        OUT.println("If you wish to reset iptables, you must do so manually by using the \"iptables\" command.");
        OUT.println();
        OUT.println("If your cluster was setup to utilize IPVS, run ipvsadm --clear (or similar)");
        OUT.println("to reset your system's IPVS tables.");
        OUT.println();
        OUT.println("The reset process does not clean your kubeconfig files and you must remove them manually.");
        OUT.println("Please, check the contents of the $HOME/.kube/config file.");
        return 0;
    }
}
