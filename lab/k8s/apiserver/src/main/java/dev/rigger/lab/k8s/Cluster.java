package dev.rigger.lab.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * TEST STAND-IN for the API server's registry: create, update, delete (with dry-run) and
 * defaulting (uid, timestamps, generation, Service IPs and node ports, Node and Pod status,
 * scheduling by nodeSelector, node affinity and taints). The controllers that run after each
 * change are in {@link Controllers}. Nothing is validated and nothing runs.
 */
final class Cluster {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALNUM = "bcdfghjklmnpqrstvwxz2456789";
    private static final Set<String> GENERATION_KINDS = Set.of("Deployment", "DaemonSet", "ReplicaSet", "StatefulSet",
            "Job", "CronJob", "PodSecurityPolicy", "Ingress", "NetworkPolicy", "PodDisruptionBudget");

    final Store store;
    final ClusterConfig config;
    private final Controllers controllers;
    private boolean reconciling;

    Cluster(Store store, ClusterConfig config) {
        this.store = store;
        this.config = config;
        this.controllers = new Controllers(this);
    }

    static String suffix(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) b.append(ALNUM.charAt(RANDOM.nextInt(ALNUM.length())));
        return b.toString();
    }

    static String hash(String s, int n) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] d = md.digest(s.getBytes(StandardCharsets.UTF_8));
            StringBuilder b = new StringBuilder();
            for (int i = 0; b.length() < n; i++) {
                if (i == d.length) { d = md.digest(d); i = 0; }
                b.append(ALNUM.charAt((d[i] & 255) % ALNUM.length()));
            }
            return b.toString();
        } catch (Exception e) { throw new IllegalStateException(e); }
    }

    static String hex(String s) {
        try {
            return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) { throw new IllegalStateException(e); }
    }

    // ---------------------------------------------------------------- registry operations

    synchronized ObjectNode create(Kinds.Kind k, String ns, ObjectNode o, boolean dryRun) {
        ObjectNode meta = Json.with(o, "metadata");
        if (k.namespaced()) {
            String given = Json.text(meta, "namespace");
            if (given != null && ns != null && !given.equals(ns))
                throw ApiException.bad("the namespace of the provided object does not match the namespace sent on the request");
            meta.put("namespace", ns != null ? ns : given != null ? given : "default");
            ns = meta.get("namespace").asText();
            if (store.get(Kinds.byKey("/namespaces"), null, ns) == null)
                throw new ApiException(404, "NotFound", "namespaces \"" + ns + "\" not found", "namespaces", ns);
        } else meta.remove("namespace");
        if (Json.text(meta, "name") == null && Json.text(meta, "generateName") != null)
            meta.put("name", Json.text(meta, "generateName") + suffix(5));
        String name = Json.text(meta, "name");
        if (name == null || name.isEmpty()) throw new ApiException(422, "Invalid", k.kind() + " \"\" is invalid: metadata.name: Required value: name or generateName is required", k.plural(), "");
        if (store.get(k, ns, name) != null) throw ApiException.exists(k, name);
        o.put("apiVersion", k.apiVersion(k.preferred()));
        o.put("kind", k.kind());
        meta.put("uid", UUID.randomUUID().toString());
        meta.put("creationTimestamp", Json.now());
        meta.remove("resourceVersion");
        if (GENERATION_KINDS.contains(k.kind())) meta.put("generation", 1);
        defaults(k, o, null);
        if (dryRun) return o;
        ObjectNode stored = store.put(k, o);
        reconcile();
        return store.get(k, ns, name) != null ? store.get(k, ns, name) : stored;
    }

    /** Replaces an object with its new content (PUT, or the result of a PATCH). */
    synchronized ObjectNode update(Kinds.Kind k, String ns, String name, ObjectNode o, boolean dryRun) {
        ObjectNode old = store.get(k, ns, name);
        if (old == null) throw ApiException.notFound(k, name);
        String rv = Json.text(o, "metadata", "resourceVersion");
        if (rv != null && !rv.equals(Json.text(old, "metadata", "resourceVersion")))
            throw new ApiException(409, "Conflict", "Operation cannot be fulfilled on " + ApiException.qualified(k) + " \"" + name
                    + "\": the object has been modified; please apply your changes to the latest version and try again", k.plural(), name);
        ObjectNode meta = Json.with(o, "metadata");
        ObjectNode oldMeta = (ObjectNode) old.get("metadata");
        for (String f : List.of("uid", "creationTimestamp", "name", "namespace", "resourceVersion")) {
            if (oldMeta.has(f)) meta.set(f, oldMeta.get(f)); else meta.remove(f);
        }
        o.put("apiVersion", k.apiVersion(k.preferred()));
        o.put("kind", k.kind());
        if (!o.has("status") && old.has("status")) o.set("status", old.get("status"));
        defaults(k, o, old);
        if (oldMeta.has("generation")) {
            long g = oldMeta.get("generation").asLong();
            JsonNode a = withoutMeta(old), b = withoutMeta(o);
            meta.put("generation", a.equals(b) ? g : g + 1);
        }
        if (o.equals(old)) return old;
        if (dryRun) return o;
        store.put(k, o);
        reconcile();
        ObjectNode now = store.get(k, ns, name);
        return now != null ? now : o;
    }

    private static JsonNode withoutMeta(ObjectNode o) {
        ObjectNode c = o.deepCopy();
        c.remove("metadata");
        c.remove("status");
        return c;
    }

    synchronized ObjectNode delete(Kinds.Kind k, String ns, String name, boolean dryRun) {
        ObjectNode o = store.get(k, ns, name);
        if (o == null) throw ApiException.notFound(k, name);
        if (dryRun) return o;
        ObjectNode removed = store.remove(k, ns, name);
        controllers.collectGarbage();
        reconcile();
        return removed;
    }

    // ---------------------------------------------------------------- defaulting

    private void defaults(Kinds.Kind k, ObjectNode o, ObjectNode old) {
        switch (k.kind()) {
            case "Secret" -> { if (!o.has("type")) o.put("type", "Opaque"); }
            case "Service" -> serviceDefaults(o, old);
            case "Node" -> nodeDefaults(o);
            case "Pod" -> podDefaults(o);
            case "DaemonSet" -> {
                ObjectNode spec = Json.with(o, "spec");
                if (!spec.has("updateStrategy")) Json.with(spec, "updateStrategy").put("type", "RollingUpdate")
                        .putObject("rollingUpdate").put("maxSurge", 0).put("maxUnavailable", 1);
                if (!spec.has("revisionHistoryLimit")) spec.put("revisionHistoryLimit", 10);
            }
            case "Deployment" -> {
                ObjectNode spec = Json.with(o, "spec");
                if (!spec.has("replicas")) spec.put("replicas", 1);
                if (!spec.has("strategy")) Json.with(spec, "strategy").put("type", "RollingUpdate")
                        .putObject("rollingUpdate").put("maxSurge", "25%").put("maxUnavailable", "25%");
                if (!spec.has("revisionHistoryLimit")) spec.put("revisionHistoryLimit", 10);
                if (!spec.has("progressDeadlineSeconds")) spec.put("progressDeadlineSeconds", 600);
            }
            case "Namespace" -> {
                Json.with(o, "spec").set("finalizers", Json.arr().add("kubernetes"));
                Json.with(o, "status").put("phase", "Active");
                Json.with(o, "metadata", "labels").put("kubernetes.io/metadata.name", Json.text(o, "metadata", "name"));
            }
            default -> { }
        }
        Storage.normalise(k.kind(), o);
    }

    private void serviceDefaults(ObjectNode o, ObjectNode old) {
        ObjectNode spec = Json.with(o, "spec");
        if (!spec.has("type")) spec.put("type", "ClusterIP");
        if (!spec.has("sessionAffinity")) spec.put("sessionAffinity", "None");
        String oldIp = old == null ? null : Json.text(old, "spec", "clusterIP");
        if (!spec.has("clusterIP")) {
            if (oldIp != null) spec.put("clusterIP", oldIp);
            else spec.put("clusterIP", freeServiceIp(Json.text(o, "metadata", "namespace") + "/" + Json.text(o, "metadata", "name")));
        }
        if (!"None".equals(Json.text(spec, "clusterIP"))) spec.set("clusterIPs", Json.arr().add(spec.get("clusterIP").asText()));
        boolean nodePorts = "NodePort".equals(Json.text(spec, "type")) || "LoadBalancer".equals(Json.text(spec, "type"));
        int i = 0;
        for (JsonNode p : spec.path("ports")) {
            ObjectNode port = (ObjectNode) p;
            if (!port.has("protocol")) port.put("protocol", "TCP");
            if (!port.has("targetPort") && port.has("port")) port.set("targetPort", port.get("port"));
            if (nodePorts && !port.has("nodePort")) {
                JsonNode oldPort = old == null ? null : old.path("spec").path("ports").path(i).get("nodePort");
                port.put("nodePort", oldPort != null ? oldPort.asInt() : freeNodePort());
            }
            if (!nodePorts) port.remove("nodePort");
            i++;
        }
        if (!o.has("status")) Json.with(o, "status").set("loadBalancer", Json.obj());
    }

    private String freeServiceIp(String seed) {
        Set<String> used = new HashSet<>();
        for (ObjectNode s : store.list(Kinds.byKey("/services"), null)) used.add(Json.text(s, "spec", "clusterIP"));
        String cidr = config.serviceSubnet() == null ? "10.96.0.0/12" : config.serviceSubnet();
        long n = 100 + Math.floorMod(seed.hashCode(), 60000);
        while (used.contains(ClusterConfig.nth(cidr, n))) n++;
        return ClusterConfig.nth(cidr, n);
    }

    private int freeNodePort() {
        Set<Integer> used = new HashSet<>();
        for (ObjectNode s : store.list(Kinds.byKey("/services"), null))
            for (JsonNode p : s.path("spec").path("ports")) if (p.has("nodePort")) used.add(p.get("nodePort").asInt());
        int n = 30000 + RANDOM.nextInt(2768);
        while (used.contains(n)) n = 30000 + (n - 30000 + 1) % 2768;
        return n;
    }

    private void nodeDefaults(ObjectNode o) {
        String name = Json.text(o, "metadata", "name");
        ObjectNode labels = Json.with(o, "metadata", "labels");
        for (String[] l : new String[][] {{"beta.kubernetes.io/arch", "amd64"}, {"beta.kubernetes.io/os", "linux"},
                {"kubernetes.io/arch", "amd64"}, {"kubernetes.io/hostname", name}, {"kubernetes.io/os", "linux"}})
            if (!labels.has(l[0])) labels.put(l[0], l[1]);
        ObjectNode ann = Json.with(o, "metadata", "annotations");
        if (!ann.has("kubeadm.alpha.kubernetes.io/cri-socket")) ann.put("kubeadm.alpha.kubernetes.io/cri-socket", "/var/run/dockershim.sock");
        if (!ann.has("node.alpha.kubernetes.io/ttl")) ann.put("node.alpha.kubernetes.io/ttl", "0");
        if (!ann.has("volumes.kubernetes.io/controller-managed-attach-detach")) ann.put("volumes.kubernetes.io/controller-managed-attach-detach", "true");
        ObjectNode spec = Json.with(o, "spec");
        if (!spec.has("podCIDR") && config.podSubnet() != null) {
            Set<String> used = new HashSet<>();
            for (ObjectNode n : store.list(Kinds.byKey("/nodes"), null)) used.add(Json.text(n, "spec", "podCIDR"));
            String[] p = config.podSubnet().split("/")[0].split("\\.");
            for (int i = 0; i < 256; i++) {
                String c = p[0] + "." + p[1] + "." + i + ".0/24";
                if (!used.contains(c)) { spec.put("podCIDR", c); spec.set("podCIDRs", Json.arr().add(c)); break; }
            }
        }
        ObjectNode status = Json.with(o, "status");
        if (!status.has("conditions")) {
            String t = Json.text(o, "metadata", "creationTimestamp");
            ArrayNode cs = status.putArray("conditions");
            cs.add(condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", t));
            cs.add(condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", t));
            cs.add(condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", t));
            cs.add(condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", t));
        }
        if (!status.has("capacity")) {
            ObjectNode c = status.putObject("capacity");
            c.put("cpu", "2"); c.put("ephemeral-storage", "17394Mi"); c.put("hugepages-2Mi", "0"); c.put("memory", "3861288Ki"); c.put("pods", "110");
            ObjectNode a = status.putObject("allocatable");
            a.put("cpu", "2"); a.put("ephemeral-storage", "16415037823"); a.put("hugepages-2Mi", "0"); a.put("memory", "3758888Ki"); a.put("pods", "110");
        }
        if (!status.has("daemonEndpoints")) Json.with(status, "daemonEndpoints", "kubeletEndpoint").put("Port", 10250);
        if (!status.has("nodeInfo")) {
            ObjectNode ni = status.putObject("nodeInfo");
            String v = config.kubernetesVersion() == null ? "v1.16.2" : config.kubernetesVersion();
            ni.put("architecture", "amd64"); ni.put("bootID", UUID.randomUUID().toString());
            ni.put("containerRuntimeVersion", "docker://19.3.5"); ni.put("kernelVersion", "3.10.0-1062.el7.x86_64");
            ni.put("kubeProxyVersion", v); ni.put("kubeletVersion", v);
            ni.put("machineID", hash(name, 32)); ni.put("operatingSystem", "linux");
            ni.put("osImage", "CentOS Linux 7 (Core)"); ni.put("systemUUID", UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString().toUpperCase());
        }
    }

    private static ObjectNode condition(String type, String status, String reason, String message, String time) {
        ObjectNode c = Json.obj();
        c.put("lastHeartbeatTime", time); c.put("lastTransitionTime", time);
        c.put("message", message); c.put("reason", reason); c.put("status", status); c.put("type", type);
        return c;
    }

    private void podDefaults(ObjectNode o) {
        ObjectNode spec = Json.with(o, "spec");
        if (!spec.has("restartPolicy")) spec.put("restartPolicy", "Always");
        if (!spec.has("dnsPolicy")) spec.put("dnsPolicy", "ClusterFirst");
        if (!spec.has("schedulerName")) spec.put("schedulerName", "default-scheduler");
        if (!spec.has("serviceAccountName")) spec.put("serviceAccountName", spec.has("serviceAccount") ? spec.get("serviceAccount").asText() : "default");
        if (!spec.has("nodeName")) {
            String node = pickNode(spec);
            if (node != null) spec.put("nodeName", node);
        }
        if (!o.path("status").has("phase")) o.set("status", podStatus(o));
    }

    ObjectNode podStatus(ObjectNode pod) {
        ObjectNode spec = (ObjectNode) pod.get("spec");
        String node = Json.text(spec, "nodeName");
        String t = Json.text(pod, "metadata", "creationTimestamp");
        ObjectNode st = Json.obj();
        if (node == null) {
            st.put("phase", "Pending");
            ArrayNode cs = st.putArray("conditions");
            ObjectNode c = Json.obj();
            c.putNull("lastProbeTime"); c.put("lastTransitionTime", t);
            c.put("message", "0/" + store.list(Kinds.byKey("/nodes"), null).size() + " nodes are available: node(s) had taints that the pod didn't tolerate.");
            c.put("reason", "Unschedulable"); c.put("status", "False"); c.put("type", "PodScheduled");
            cs.add(c);
            st.put("qosClass", "BestEffort");
            return st;
        }
        ObjectNode n = store.get(Kinds.byKey("/nodes"), null, node);
        String hostIp = n == null ? config.advertiseAddress() : internalIp(n);
        boolean hostNet = spec.path("hostNetwork").asBoolean(false);
        String podIp = hostNet || n == null ? hostIp : podIp(n, Json.text(pod, "metadata", "name"));
        ArrayNode cs = st.putArray("conditions");
        for (String type : List.of("Initialized", "Ready", "ContainersReady", "PodScheduled")) {
            ObjectNode c = Json.obj();
            c.putNull("lastProbeTime"); c.put("lastTransitionTime", t); c.put("status", "True"); c.put("type", type);
            cs.add(c);
        }
        ArrayNode statuses = st.putArray("containerStatuses");
        for (JsonNode c : spec.path("containers")) {
            ObjectNode s = statuses.addObject();
            String image = Json.text(c, "image");
            s.put("containerID", "docker://" + hex(Json.text(pod, "metadata", "name") + Json.text(c, "name")));
            s.put("image", image); s.put("imageID", "docker-pullable://" + image);
            Json.with(s, "lastState");
            s.put("name", Json.text(c, "name")); s.put("ready", true); s.put("restartCount", 0); s.put("started", true);
            Json.with(s, "state", "running").put("startedAt", t);
        }
        st.put("hostIP", hostIp);
        st.put("phase", "Running");
        st.put("podIP", podIp);
        st.putArray("podIPs").addObject().put("ip", podIp);
        st.put("qosClass", spec.path("containers").path(0).has("resources") ? "Burstable" : "BestEffort");
        st.put("startTime", t);
        return st;
    }

    static String internalIp(JsonNode node) {
        for (JsonNode a : node.path("status").path("addresses")) if ("InternalIP".equals(Json.text(a, "type"))) return Json.text(a, "address");
        return null;
    }

    private static String podIp(JsonNode node, String podName) {
        String cidr = Json.text(node, "spec", "podCIDR");
        if (cidr == null) return "10.244.0." + (2 + Math.floorMod(podName.hashCode(), 250));
        return ClusterConfig.nth(cidr, 2 + Math.floorMod(podName.hashCode(), 250));
    }

    /** A node for a pod without nodeName: selector, affinity and taints respected; null when none fits. */
    String pickNode(JsonNode podSpec) {
        List<ObjectNode> fit = new ArrayList<>();
        for (ObjectNode n : store.list(Kinds.byKey("/nodes"), null)) if (fits(podSpec, n)) fit.add(n);
        if (fit.isEmpty()) return null;
        int least = Integer.MAX_VALUE;
        String best = null;
        for (ObjectNode n : fit) {
            String name = Json.text(n, "metadata", "name");
            int count = 0;
            for (ObjectNode p : store.list(Kinds.byKey("/pods"), null)) if (name.equals(Json.text(p, "spec", "nodeName"))) count++;
            if (count < least) { least = count; best = name; }
        }
        return best;
    }

    static boolean fits(JsonNode podSpec, JsonNode node) {
        JsonNode labels = node.path("metadata").path("labels");
        for (Iterator<Map.Entry<String, JsonNode>> it = podSpec.path("nodeSelector").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) return false;
        }
        JsonNode terms = podSpec.path("affinity").path("nodeAffinity").path("requiredDuringSchedulingIgnoredDuringExecution").path("nodeSelectorTerms");
        if (terms.isArray() && terms.size() > 0) {
            boolean any = false;
            for (JsonNode term : terms) any |= termMatches(term, labels);
            if (!any) return false;
        }
        for (JsonNode taint : node.path("spec").path("taints")) {
            String effect = Json.text(taint, "effect");
            if (!"NoSchedule".equals(effect) && !"NoExecute".equals(effect)) continue;
            boolean tolerated = false;
            for (JsonNode t : podSpec.path("tolerations")) tolerated |= tolerates(t, taint);
            if (!tolerated) return false;
        }
        return true;
    }

    private static boolean termMatches(JsonNode term, JsonNode labels) {
        for (JsonNode ex : term.path("matchExpressions")) {
            String key = Json.text(ex, "key"), op = Json.text(ex, "operator");
            String v = labels.path(key).asText(null);
            Set<String> values = new HashSet<>();
            for (JsonNode x : ex.path("values")) values.add(x.asText());
            boolean ok = switch (op == null ? "" : op) {
                case "In" -> v != null && values.contains(v);
                case "NotIn" -> v == null || !values.contains(v);
                case "Exists" -> v != null;
                case "DoesNotExist" -> v == null;
                default -> true;
            };
            if (!ok) return false;
        }
        return true;
    }

    private static boolean tolerates(JsonNode t, JsonNode taint) {
        String effect = Json.text(t, "effect");
        if (effect != null && !effect.isEmpty() && !effect.equals(Json.text(taint, "effect"))) return false;
        String key = Json.text(t, "key");
        if ("Exists".equals(Json.text(t, "operator"))) return key == null || key.isEmpty() || key.equals(Json.text(taint, "key"));
        return Objects.equals(key, Json.text(taint, "key")) && Objects.equals(Json.text(t, "value") == null ? "" : Json.text(t, "value"),
                Json.text(taint, "value") == null ? "" : Json.text(taint, "value"));
    }

    /** One pass of every controller; writes only what changes. */
    synchronized void reconcile() {
        if (reconciling) return;
        reconciling = true;
        try { controllers.reconcileOnce(); } finally { reconciling = false; }
    }

    static String fakeJwt(String ns, String sa, String uid, String secret) {
        Base64.Encoder e = Base64.getUrlEncoder().withoutPadding();
        String header = e.encodeToString("{\"alg\":\"RS256\",\"kid\":\"rigger-lab-standin\"}".getBytes(StandardCharsets.UTF_8));
        ObjectNode claims = Json.obj();
        claims.put("iss", "kubernetes/serviceaccount");
        claims.put("kubernetes.io/serviceaccount/namespace", ns);
        if (secret != null) claims.put("kubernetes.io/serviceaccount/secret.name", secret);
        claims.put("kubernetes.io/serviceaccount/service-account.name", sa);
        claims.put("kubernetes.io/serviceaccount/service-account.uid", uid);
        claims.put("sub", "system:serviceaccount:" + ns + ":" + sa);
        String payload = e.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8));
        byte[] sig = new byte[64];
        RANDOM.nextBytes(sig);
        return header + "." + payload + "." + e.encodeToString(sig);
    }

    static String b64(String s) { return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)); }

    static String decode(String b64) {
        if (b64 == null) return null;
        try { return new String(Base64.getDecoder().decode(b64), StandardCharsets.UTF_8); } catch (IllegalArgumentException e) { return null; }
    }

    /** Detached JWS (HS256, key = token secret), as the bootstrap signer writes it. */
    static String jws(String content, String tokenId, String tokenSecret) {
        try {
            Base64.Encoder e = Base64.getUrlEncoder().withoutPadding();
            String header = e.encodeToString(("{\"alg\":\"HS256\",\"kid\":\"" + tokenId + "\"}").getBytes(StandardCharsets.UTF_8));
            String payload = e.encodeToString(content.getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(tokenSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return header + ".." + e.encodeToString(mac.doFinal((header + "." + payload).getBytes(StandardCharsets.UTF_8)));
        } catch (Exception ex) { throw new IllegalStateException(ex); }
    }
}
