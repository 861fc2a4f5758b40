package dev.rigger.lab.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * TEST STAND-IN for kube-apiserver (Rigger lab only, never shipped in the product).
 *
 * <p>An in-memory API server that the real kubectl (1.27 to 1.32) can apply, diff, get, delete,
 * wait, create and create tokens against: /version (v1.31.5 by default, see {@link #serverVersion}),
 * legacy discovery (/api, /apis), an OpenAPI v3 document that only declares
 * server-side field validation (so kubectl skips client-side schema validation), CRUD with
 * dry-run, JSON / merge / strategic-merge / apply patches, label and field selectors, and watch.
 * HTTPS with the cluster CA's serving certificate, no authentication, no authorization.
 *
 * <p>IT VALIDATES NOTHING: any object of a known kind is accepted as sent. Lab tests therefore
 * prove that Rigger drives kubectl correctly, not that manifests are valid.
 *
 * <p>Usage: {@code apiserver --config /etc/kubernetes/standin/apiserver.json}
 */
public final class ApiServer {
    /**
     * What /version reports: the machine's kubectl dispatcher runs its build of that minor version.
     * v1.31 by default: kubectl 1.32+ sends protobuf bodies for typed commands ({@code kubectl
     * create namespace|deployment|serviceaccount|clusterrolebinding ...}), which this stand-in
     * cannot read; 1.31 sends JSON. apiserver.json "serverVersion" overrides (e.g. v1.32.2: apply,
     * diff, get, delete, wait and create token still work then).
     */
    static String serverVersion = "v1.31.5";

    private final Cluster cluster;
    private final Openapi openapi;

    ApiServer(Cluster cluster) { this.cluster = cluster; this.openapi = new Openapi(); }

    public static void main(String[] args) throws Exception {
        String configFile = "/etc/kubernetes/standin/apiserver.json";
        for (int i = 0; i < args.length; i++) if (args[i].equals("--config")) configFile = args[++i];
        JsonNode cfgJson = Json.JSON.readTree(Path.of(configFile).toFile());
        ClusterConfig cfg = ClusterConfig.from(cfgJson);
        if (Json.text(cfgJson, "serverVersion") != null) serverVersion = Json.text(cfgJson, "serverVersion");
        Store store = new Store(Path.of(cfg.stateFile()));
        store.load();
        Cluster cluster = new Cluster(store, cfg);
        cluster.reconcile();
        store.save();
        store.watch(e -> store.save());
        new ApiServer(cluster).serve(cfg);
    }

    void serve(ClusterConfig cfg) throws Exception {
        InetSocketAddress addr = new InetSocketAddress(cfg.advertiseAddress(), cfg.port());
        // TCP_NODELAY on every connection, as Go's net/http (the real kube-apiserver) sets by default.
        // Without it the JDK server writes the headers and the body in two segments and Nagle holds
        // the body until kubectl's delayed ACK (~40 ms), a cost per request a real server does not have.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server;
        if (cfg.certFile() != null) {
            HttpsServer https = HttpsServer.create(addr, 128);
            SSLContext ctx = Pki.serverContext(Path.of(cfg.certFile()), Path.of(cfg.keyFile()));
            https.setHttpsConfigurator(new HttpsConfigurator(ctx));
            server = https;
        } else server = HttpServer.create(addr, 128);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(r -> { Thread t = new Thread(r); t.setDaemon(true); return t; }));
        server.start();
        System.err.println("kube-apiserver-standin: serving on " + (cfg.certFile() != null ? "https" : "http") + "://" + addr.getHostString() + ":" + cfg.port());
    }

    // ---------------------------------------------------------------- dispatch

    private void handle(HttpExchange ex) throws IOException {
        try {
            String path = ex.getRequestURI().getRawPath();
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            String accept = String.valueOf(ex.getRequestHeaders().getFirst("Accept"));
            if (accept.startsWith("application/vnd.kubernetes.protobuf") && !accept.contains("json")) {
                send(ex, 406, status(406, "NotAcceptable", "only application/json is served by this stand-in"));
                return;
            }
            String contentType = String.valueOf(ex.getRequestHeaders().getFirst("Content-Type"));
            boolean binary = contentType.startsWith("application/vnd.kubernetes.protobuf") || contentType.startsWith("application/cbor");
            if (binary && path.endsWith("/token") && "POST".equals(ex.getRequestMethod())) {
                ex.getRequestBody().readAllBytes(); // kubectl create token sends protobuf: its defaults are fine here
                ex.setAttribute("emptyBody", Boolean.TRUE);
            } else if (binary) {
                send(ex, 415, status(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml"));
                return;
            }
            if (path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
            switch (path) {
                case "/version" -> { send(ex, 200, version()); return; }
                case "/healthz", "/livez", "/readyz" -> { sendText(ex, 200, "ok"); return; }
                case "/api" -> { send(ex, 200, Discovery.apiVersions(cluster.config)); return; }
                case "/apis" -> { send(ex, 200, Discovery.groupList()); return; }
                case "/openapi/v3" -> { send(ex, 200, openapi.root()); return; }
                default -> { }
            }
            if (path.startsWith("/openapi/v3/")) {
                JsonNode doc = openapi.groupVersion(path.substring("/openapi/v3/".length()));
                if (doc == null) send(ex, 404, status(404, "NotFound", "the server could not find the requested resource"));
                else send(ex, 200, doc);
                return;
            }
            List<String> seg = new ArrayList<>(Arrays.asList(path.substring(1).split("/")));
            String group, version;
            if (seg.get(0).equals("api") && seg.size() >= 2) { group = ""; version = seg.get(1); seg = seg.subList(2, seg.size()); }
            else if (seg.get(0).equals("apis") && seg.size() == 2) {
                JsonNode g = Discovery.group(seg.get(1));
                if (g == null) notFound(ex); else send(ex, 200, g);
                return;
            } else if (seg.get(0).equals("apis") && seg.size() >= 3) { group = seg.get(1); version = seg.get(2); seg = seg.subList(3, seg.size()); }
            else { notFound(ex); return; }
            if (seg.isEmpty()) {
                JsonNode r = Discovery.resources(group, version);
                if (r == null) notFound(ex); else send(ex, 200, r);
                return;
            }
            resource(ex, group, version, seg, q);
        } catch (ApiException e) {
            ObjectNode s = status(e.code, e.reason, e.getMessage());
            if (e.kind != null) { ObjectNode d = s.putObject("details"); d.put("name", e.name); d.put("kind", e.kind); }
            send(ex, e.code, s);
        } catch (IllegalArgumentException e) {
            send(ex, 400, status(400, "BadRequest", String.valueOf(e.getMessage())));
        } catch (IOException e) {
            throw e;
        } catch (RuntimeException e) {
            e.printStackTrace();
            send(ex, 500, status(500, "InternalError", "Internal error occurred: " + e));
        } finally {
            ex.close();
        }
    }

    private void resource(HttpExchange ex, String group, String version, List<String> seg, Map<String, String> q) throws IOException {
        String ns = null, plural, name = null, sub = null;
        if (seg.get(0).equals("namespaces") && seg.size() >= 3 && Kinds.byPath(group, version, seg.get(2)) != null
                && !(group.isEmpty() && seg.size() == 3 && (seg.get(2).equals("status") || seg.get(2).equals("finalize")))) {
            ns = seg.get(1); plural = seg.get(2);
            if (seg.size() > 3) name = seg.get(3);
            if (seg.size() > 4) sub = seg.get(4);
        } else {
            plural = seg.get(0);
            if (seg.size() > 1) name = seg.get(1);
            if (seg.size() > 2) sub = seg.get(2);
        }
        Kinds.Kind k = Kinds.byPath(group, version, plural);
        if (k == null) { notFound(ex); return; }
        if (name != null) name = URLDecoder.decode(name, StandardCharsets.UTF_8);
        boolean dryRun = q.containsKey("dryRun");
        String method = ex.getRequestMethod();
        switch (method) {
            case "GET" -> {
                if (name == null && ("true".equals(q.get("watch")) || "1".equals(q.get("watch")))) { Watch.serve(ex, cluster.store, k, version, ns, q); return; }
                boolean table = String.valueOf(ex.getRequestHeaders().getFirst("Accept")).contains("as=Table");
                boolean withObject = "Object".equals(q.get("includeObject"));
                if (name == null) {
                    ObjectNode l = list(k, version, ns, q);
                    if (!table) { send(ex, 200, l); return; }
                    List<ObjectNode> items = new ArrayList<>();
                    l.get("items").forEach(i -> items.add((ObjectNode) i));
                    send(ex, 200, Tables.table(k, items, Json.text(l, "metadata", "resourceVersion"), withObject));
                    return;
                }
                ObjectNode o = cluster.store.get(k, ns, name);
                if (o == null) throw ApiException.notFound(k, name);
                if (table) send(ex, 200, Tables.table(k, List.of(at(o, k, version)), Json.text(o, "metadata", "resourceVersion"), withObject));
                else send(ex, 200, at(o, k, version));
            }
            case "POST" -> {
                ObjectNode body = body(ex);
                if (name != null && "token".equals(sub) && k.kind().equals("ServiceAccount")) { send(ex, 201, token(ns, name, body)); return; }
                if (name != null) throw new ApiException(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", k.plural(), name);
                send(ex, 201, at(cluster.create(k, ns, body, dryRun), k, version));
            }
            case "PUT" -> {
                ObjectNode body = body(ex);
                ObjectNode cur = cluster.store.get(k, ns, name);
                if (cur == null) throw ApiException.notFound(k, name);
                if ("status".equals(sub)) { cur.set("status", body.get("status")); body = cur; body.with("metadata").remove("resourceVersion"); }
                send(ex, 200, at(cluster.update(k, ns, name, body, dryRun), k, version));
            }
            case "PATCH" -> send(ex, 200, at(patch(ex, k, ns, name, dryRun), k, version));
            case "DELETE" -> {
                if (name == null) { send(ex, 200, deleteCollection(k, version, ns, q, dryRun)); return; }
                send(ex, 200, at(cluster.delete(k, ns, name, dryRun), k, version));
            }
            default -> send(ex, 405, status(405, "MethodNotAllowed", "method " + method + " not allowed"));
        }
    }

    private ObjectNode patch(HttpExchange ex, Kinds.Kind k, String ns, String name, boolean dryRun) throws IOException {
        String type = String.valueOf(ex.getRequestHeaders().getFirst("Content-Type"));
        String raw = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        ObjectNode cur = cluster.store.get(k, ns, name);
        if (type.startsWith("application/apply-patch")) {
            JsonNode applied = Json.YAML.readTree(raw);
            if (cur == null) return cluster.create(k, ns, (ObjectNode) applied, dryRun);
            return cluster.update(k, ns, name, (ObjectNode) Patches.mergePatch(cur, applied), dryRun);
        }
        if (cur == null) throw ApiException.notFound(k, name);
        JsonNode patch = Json.parse(raw);
        JsonNode result;
        if (type.startsWith("application/strategic-merge-patch+json")) result = Patches.strategic(cur, patch);
        else if (type.startsWith("application/merge-patch+json")) result = Patches.mergePatch(cur, patch);
        else if (type.startsWith("application/json-patch+json")) result = Patches.jsonPatch(cur, patch);
        else throw new ApiException(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json", null, null);
        ObjectNode o = (ObjectNode) result;
        o.with("metadata").remove("resourceVersion");
        return cluster.update(k, ns, name, o, dryRun);
    }

    private ObjectNode list(Kinds.Kind k, String version, String ns, Map<String, String> q) {
        ObjectNode out = Json.obj();
        out.put("kind", k.kind() + "List");
        out.put("apiVersion", k.apiVersion(version));
        out.putObject("metadata").put("resourceVersion", Long.toString(cluster.store.version()));
        ArrayNode items = out.putArray("items");
        var labels = Selectors.labels(q.get("labelSelector"));
        var fields = Selectors.fields(q.get("fieldSelector"));
        for (ObjectNode o : cluster.store.list(k, ns)) if (labels.test(o) && fields.test(o)) items.add(at(o, k, version));
        return out;
    }

    private ObjectNode deleteCollection(Kinds.Kind k, String version, String ns, Map<String, String> q, boolean dryRun) {
        ObjectNode l = list(k, version, ns, q);
        for (JsonNode o : l.get("items")) cluster.delete(k, Json.text(o, "metadata", "namespace"), Json.text(o, "metadata", "name"), dryRun);
        return l;
    }

    private ObjectNode token(String ns, String sa, ObjectNode req) {
        ObjectNode saObj = cluster.store.get(Kinds.byKey("/serviceaccounts"), ns, sa);
        if (saObj == null) throw ApiException.notFound(Kinds.byKey("/serviceaccounts"), sa);
        long seconds = req.path("spec").path("expirationSeconds").asLong(3600);
        ObjectNode out = Json.obj();
        out.put("kind", "TokenRequest");
        out.put("apiVersion", "authentication.k8s.io/v1");
        out.putObject("metadata").put("name", sa).put("namespace", ns).put("creationTimestamp", Json.now());
        ObjectNode spec = out.putObject("spec");
        spec.putArray("audiences").add("https://kubernetes.default.svc.cluster.local");
        spec.put("expirationSeconds", seconds);
        ObjectNode st = out.putObject("status");
        st.put("token", Cluster.fakeJwt(ns, sa, Json.text(saObj, "metadata", "uid"), null));
        st.put("expirationTimestamp", java.time.Instant.now().plusSeconds(seconds).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        return out;
    }

    /** The object as served at the requested version (only apiVersion differs between versions here). */
    static ObjectNode at(ObjectNode o, Kinds.Kind k, String version) {
        ObjectNode c = o.deepCopy();
        c.put("apiVersion", k.apiVersion(version));
        c.put("kind", k.kind());
        return c;
    }

    private static ObjectNode body(HttpExchange ex) throws IOException {
        if (ex.getAttribute("emptyBody") != null) return Json.obj();
        String raw = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        JsonNode n = raw.isBlank() ? Json.obj() : Json.parse(raw);
        if (!n.isObject()) throw ApiException.bad("the request body must be a JSON object");
        return (ObjectNode) n;
    }

    private ObjectNode version() {
        ObjectNode v = Json.obj();
        v.put("major", "1"); v.put("minor", serverVersion.replaceAll("^v\\d+\\.(\\d+).*$", "$1")); v.put("gitVersion", serverVersion);
        v.put("gitCommit", "rigger-lab-standin"); v.put("gitTreeState", "clean"); v.put("buildDate", "2025-01-01T00:00:00Z");
        v.put("goVersion", "go1.23.6"); v.put("compiler", "gc"); v.put("platform", "linux/amd64");
        return v;
    }

    static ObjectNode status(int code, String reason, String message) {
        ObjectNode s = Json.obj();
        s.put("kind", "Status"); s.put("apiVersion", "v1"); s.putObject("metadata");
        s.put("status", "Failure"); s.put("message", message); s.put("reason", reason); s.put("code", code);
        return s;
    }

    private static void notFound(HttpExchange ex) throws IOException {
        send(ex, 404, status(404, "NotFound", "the server could not find the requested resource"));
    }

    static void send(HttpExchange ex, int code, JsonNode body) throws IOException {
        byte[] b = Json.write(body).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set("Cache-Control", "no-cache, private");
        ex.sendResponseHeaders(code, b.length);
        try (OutputStream os = ex.getResponseBody()) { os.write(b); }
    }

    private static void sendText(HttpExchange ex, int code, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(code, b.length);
        try (OutputStream os = ex.getResponseBody()) { os.write(b); }
    }

    static Map<String, String> query(String raw) {
        Map<String, String> m = new HashMap<>();
        if (raw == null) return m;
        for (String p : raw.split("&")) {
            if (p.isEmpty()) continue;
            int i = p.indexOf('=');
            String k = URLDecoder.decode(i < 0 ? p : p.substring(0, i), StandardCharsets.UTF_8);
            m.put(k, i < 0 ? "" : URLDecoder.decode(p.substring(i + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    static boolean exists(Path p) { return Files.exists(p); }
}
