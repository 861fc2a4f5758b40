package dev.rigger.lab.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * TEST STAND-IN for the controllers a lab test can observe, run after every change: a "default"
 * ServiceAccount per namespace and a token Secret per ServiceAccount, the scheduler for Pending
 * pods, pods for DaemonSets (one per matching node) and Deployments (one per replica) that are
 * Running and Ready at once, their status, garbage collection by ownerReferences and namespace,
 * and the bootstrap signer (one cluster-info JWS per valid bootstrap token).
 */
final class Controllers {
    private final Cluster cluster;
    private final Store store;

    Controllers(Cluster cluster) {
        this.cluster = cluster;
        this.store = cluster.store;
    }

    void collectGarbage() {
        boolean removed = true;
        while (removed) {
            removed = false;
            Set<String> uids = new HashSet<>();
            Set<String> namespaces = new HashSet<>();
            for (Kinds.Kind k : Kinds.ALL) for (ObjectNode o : store.list(k, null)) {
                uids.add(Json.text(o, "metadata", "uid"));
                if (k.kind().equals("Namespace")) namespaces.add(Json.text(o, "metadata", "name"));
            }
            for (Kinds.Kind k : Kinds.ALL) for (ObjectNode o : store.list(k, null)) {
                String ns = Json.text(o, "metadata", "namespace"), name = Json.text(o, "metadata", "name");
                boolean orphan = k.namespaced() && !namespaces.contains(ns);
                JsonNode owners = o.path("metadata").path("ownerReferences");
                if (owners.size() > 0) {
                    boolean alive = false;
                    for (JsonNode ref : owners) alive |= uids.contains(Json.text(ref, "uid"));
                    orphan |= !alive;
                }
                if (orphan) { store.remove(k, ns, name); removed = true; }
            }
        }
    }

    void reconcileOnce() {
        for (ObjectNode nsObj : store.list(Kinds.byKey("/namespaces"), null)) {
            String ns = Json.text(nsObj, "metadata", "name");
            if (store.get(Kinds.byKey("/serviceaccounts"), ns, "default") == null) {
                ObjectNode sa = Json.obj();
                sa.put("apiVersion", "v1"); sa.put("kind", "ServiceAccount");
                Json.with(sa, "metadata").put("name", "default").put("namespace", ns);
                cluster.create(Kinds.byKey("/serviceaccounts"), ns, sa, false);
            }
        }
        for (ObjectNode sa : store.list(Kinds.byKey("/serviceaccounts"), null)) tokenSecret(sa);
        for (ObjectNode pod : store.list(Kinds.byKey("/pods"), null)) schedule(pod);
        for (ObjectNode ds : store.list(Kinds.byKey("apps/daemonsets"), null)) daemonSet(ds);
        for (ObjectNode d : store.list(Kinds.byKey("apps/deployments"), null)) deployment(d);
        bootstrapSigner();
    }

    /** The scheduler: a Pending pod without a node gets one as soon as one fits. */
    private void schedule(ObjectNode pod) {
        ObjectNode spec = Json.with(pod, "spec");
        if (spec.has("nodeName")) return;
        String node = cluster.pickNode(spec);
        if (node == null) return;
        spec.put("nodeName", node);
        pod.set("status", cluster.podStatus(pod));
        store.put(Kinds.byKey("/pods"), pod);
    }

    private void tokenSecret(ObjectNode sa) {
        if (sa.path("secrets").size() > 0) return;
        String ns = Json.text(sa, "metadata", "namespace"), name = Json.text(sa, "metadata", "name");
        ObjectNode s = Json.obj();
        s.put("apiVersion", "v1"); s.put("kind", "Secret"); s.put("type", "kubernetes.io/service-account-token");
        ObjectNode meta = Json.with(s, "metadata");
        meta.put("name", name + "-token-" + Cluster.suffix(5)); meta.put("namespace", ns);
        Json.with(meta, "annotations").put("kubernetes.io/service-account.name", name).put("kubernetes.io/service-account.uid", Json.text(sa, "metadata", "uid"));
        ObjectNode data = Json.with(s, "data");
        data.put("ca.crt", Cluster.b64(caPem()));
        data.put("namespace", Cluster.b64(ns));
        data.put("token", Cluster.b64(Cluster.fakeJwt(ns, name, Json.text(sa, "metadata", "uid"), meta.get("name").asText())));
        cluster.create(Kinds.byKey("/secrets"), ns, s, false);
        ObjectNode updated = store.get(Kinds.byKey("/serviceaccounts"), ns, name);
        if (updated == null) return;
        updated.putArray("secrets").addObject().put("name", meta.get("name").asText());
        store.put(Kinds.byKey("/serviceaccounts"), updated);
    }

    private String caPem() {
        ObjectNode ci = store.get(Kinds.byKey("/configmaps"), "kube-public", "cluster-info");
        if (ci == null) return "";
        try {
            JsonNode kc = Json.YAML.readTree(Json.text(ci, "data", "kubeconfig"));
            String data = Json.text(kc.path("clusters").path(0), "cluster", "certificate-authority-data");
            return data == null ? "" : new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8);
        } catch (Exception e) { return ""; }
    }

    private void daemonSet(ObjectNode ds) {
        String ns = Json.text(ds, "metadata", "namespace");
        JsonNode template = ds.path("spec").path("template");
        String rev = Cluster.hash(Json.write(template), 10);
        List<ObjectNode> pods = owned(ds);
        Set<String> covered = new HashSet<>();
        int desired = 0, ready = 0;
        for (ObjectNode node : store.list(Kinds.byKey("/nodes"), null)) {
            String nodeName = Json.text(node, "metadata", "name");
            if (!Cluster.fits(template.path("spec"), node)) continue;
            desired++;
            ObjectNode pod = null;
            for (ObjectNode p : pods) if (nodeName.equals(Json.text(p, "spec", "nodeName"))) pod = p;
            if (pod != null && !rev.equals(Json.text(pod, "metadata", "labels", "controller-revision-hash"))) {
                store.remove(Kinds.byKey("/pods"), ns, Json.text(pod, "metadata", "name"));
                pod = null;
            }
            if (pod == null) {
                ObjectNode p = podFrom(ds, Json.text(ds, "metadata", "name") + "-" + Cluster.suffix(5), "controller-revision-hash", rev);
                Json.with(p, "spec").put("nodeName", nodeName);
                cluster.create(Kinds.byKey("/pods"), ns, p, false);
            }
            covered.add(nodeName);
            ready++;
        }
        for (ObjectNode p : pods)
            if (!covered.contains(Json.text(p, "spec", "nodeName"))) store.remove(Kinds.byKey("/pods"), ns, Json.text(p, "metadata", "name"));
        ObjectNode st = Json.obj();
        st.put("currentNumberScheduled", desired); st.put("desiredNumberScheduled", desired);
        st.put("numberAvailable", ready); st.put("numberMisscheduled", 0); st.put("numberReady", ready);
        st.put("observedGeneration", ds.path("metadata").path("generation").asLong(1));
        st.put("updatedNumberScheduled", desired);
        if (ready == 0) st.remove("numberAvailable");
        setStatus(Kinds.byKey("apps/daemonsets"), ds, st);
    }

    private void deployment(ObjectNode d) {
        String ns = Json.text(d, "metadata", "namespace");
        JsonNode template = d.path("spec").path("template");
        String podHash = Cluster.hash(Json.write(template), 10);
        int replicas = d.path("spec").path("replicas").asInt(1);
        List<ObjectNode> pods = owned(d);
        List<ObjectNode> current = new ArrayList<>();
        for (ObjectNode p : pods) {
            if (podHash.equals(Json.text(p, "metadata", "labels", "pod-template-hash")) && current.size() < replicas) current.add(p);
            else store.remove(Kinds.byKey("/pods"), ns, Json.text(p, "metadata", "name"));
        }
        while (current.size() < replicas) {
            ObjectNode p = podFrom(d, Json.text(d, "metadata", "name") + "-" + podHash + "-" + Cluster.suffix(5), "pod-template-hash", podHash);
            current.add(cluster.create(Kinds.byKey("/pods"), ns, p, false));
            if (Json.write(template).contains("kubernetesui/dashboard")) dashboardStarted(ns);
        }
        int ready = 0;
        for (ObjectNode p : current) if ("Running".equals(Json.text(p, "status", "phase"))) ready++;
        ObjectNode st = Json.obj();
        String t = Json.text(d, "metadata", "creationTimestamp");
        st.put("availableReplicas", ready);
        ArrayNode cs = st.putArray("conditions");
        ObjectNode avail = cs.addObject();
        avail.put("lastTransitionTime", t); avail.put("lastUpdateTime", t);
        avail.put("message", ready >= replicas ? "Deployment has minimum availability." : "Deployment does not have minimum availability.");
        avail.put("reason", ready >= replicas ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable");
        avail.put("status", ready >= replicas ? "True" : "False"); avail.put("type", "Available");
        ObjectNode prog = cs.addObject();
        prog.put("lastTransitionTime", t); prog.put("lastUpdateTime", t);
        prog.put("message", "ReplicaSet \"" + Json.text(d, "metadata", "name") + "-" + podHash + "\" has successfully progressed.");
        prog.put("reason", "NewReplicaSetAvailable"); prog.put("status", "True"); prog.put("type", "Progressing");
        st.put("observedGeneration", d.path("metadata").path("generation").asLong(1));
        st.put("readyReplicas", ready); st.put("replicas", replicas); st.put("updatedReplicas", replicas);
        if (ready == 0) { st.remove("availableReplicas"); st.remove("readyReplicas"); st.put("unavailableReplicas", replicas); }
        setStatus(Kinds.byKey("apps/deployments"), d, st);
    }

    private void setStatus(Kinds.Kind k, ObjectNode o, ObjectNode status) {
        if (status.equals(o.get("status"))) return;
        ObjectNode fresh = store.get(k, Json.text(o, "metadata", "namespace"), Json.text(o, "metadata", "name"));
        if (fresh == null) return;
        fresh.set("status", status);
        store.put(k, fresh);
    }

    private List<ObjectNode> owned(ObjectNode owner) {
        String uid = Json.text(owner, "metadata", "uid");
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode p : store.list(Kinds.byKey("/pods"), Json.text(owner, "metadata", "namespace")))
            for (JsonNode ref : p.path("metadata").path("ownerReferences")) if (uid.equals(Json.text(ref, "uid"))) out.add(p);
        return out;
    }

    private static ObjectNode podFrom(ObjectNode owner, String name, String hashLabel, String hash) {
        ObjectNode p = Json.obj();
        p.put("apiVersion", "v1"); p.put("kind", "Pod");
        ObjectNode meta = Json.with(p, "metadata");
        meta.put("name", name);
        meta.put("namespace", Json.text(owner, "metadata", "namespace"));
        JsonNode tmeta = owner.path("spec").path("template").path("metadata");
        ObjectNode labels = tmeta.has("labels") ? (ObjectNode) tmeta.get("labels").deepCopy() : Json.obj();
        labels.put(hashLabel, hash);
        meta.set("labels", labels);
        if (tmeta.has("annotations")) meta.set("annotations", tmeta.get("annotations").deepCopy());
        ObjectNode ref = meta.putArray("ownerReferences").addObject();
        ref.put("apiVersion", Json.text(owner, "apiVersion"));
        ref.put("blockOwnerDeletion", true); ref.put("controller", true);
        boolean deploy = "Deployment".equals(Json.text(owner, "kind"));
        ref.put("kind", deploy ? "ReplicaSet" : Json.text(owner, "kind"));
        ref.put("name", deploy ? Json.text(owner, "metadata", "name") + "-" + hash : Json.text(owner, "metadata", "name"));
        ref.put("uid", Json.text(owner, "metadata", "uid"));
        JsonNode spec = owner.path("spec").path("template").path("spec");
        p.set("spec", spec.isObject() ? spec.deepCopy() : Json.obj());
        return p;
    }

    /**
     * What a starting Kubernetes dashboard does to its namespace's {@code kubernetes-dashboard-csrf}
     * Secret (dashboard v2.0.0-beta5, src/app/backend/client/csrf/manager.go: on start it reads
     * the Secret and, when its {@code csrf} key is empty, generates 256 random bytes and updates
     * the Secret with them). Only at a pod's start: a key blanked later stays blank until the
     * next start, as with the real dashboard.
     */
    private void dashboardStarted(String ns) {
        Kinds.Kind secrets = Kinds.byKey("/secrets");
        ObjectNode s = store.get(secrets, ns, "kubernetes-dashboard-csrf");
        String current = s == null ? null : Json.text(s, "data", "csrf");
        if (s == null || current != null && !current.isEmpty()) return;
        byte[] key = new byte[256];
        new java.security.SecureRandom().nextBytes(key);
        Json.with(s, "data").put("csrf", java.util.Base64.getEncoder().encodeToString(key));
        cluster.update(secrets, ns, "kubernetes-dashboard-csrf", s, false);
    }

    /** Bootstrap signer: cluster-info carries one JWS per valid bootstrap token. */
    private void bootstrapSigner() {
        ObjectNode ci = store.get(Kinds.byKey("/configmaps"), "kube-public", "cluster-info");
        if (ci == null) return;
        String kubeconfig = Json.text(ci, "data", "kubeconfig");
        ObjectNode data = Json.with(ci, "data");
        ObjectNode want = Json.obj();
        want.put("kubeconfig", kubeconfig);
        for (ObjectNode s : store.list(Kinds.byKey("/secrets"), "kube-system")) {
            if (!"bootstrap.kubernetes.io/token".equals(Json.text(s, "type"))) continue;
            String id = Cluster.decode(Json.text(s, "data", "token-id")), secret = Cluster.decode(Json.text(s, "data", "token-secret"));
            String exp = Cluster.decode(Json.text(s, "data", "expiration"));
            if (id == null || secret == null) continue;
            if (exp != null && !exp.isEmpty()) {
                try { if (java.time.OffsetDateTime.parse(exp).toInstant().isBefore(Instant.now())) continue; }
                catch (Exception ignored) { /* unreadable expiration: keep the token */ }
            }
            want.put("jws-kubeconfig-" + id, Cluster.jws(kubeconfig, id, secret));
        }
        if (want.equals(data)) return;
        ci.set("data", want);
        store.put(Kinds.byKey("/configmaps"), ci);
    }
}
