package dev.rigger.lab.k8s;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * TEST STAND-IN: the objects a real cluster holds right after {@code kubeadm init} (namespaces,
 * the master Node, the control-plane static pods, kube-proxy and CoreDNS with their pods, the
 * kubernetes and kube-dns Services, kubeadm's ConfigMaps, cluster-info and the bootstrap token).
 */
final class Seed {
    private final Cluster c;
    private final ClusterConfig cfg;

    Seed(Cluster c) { this.c = c; this.cfg = c.config; }

    /** Seeds an empty store; on a store that already holds a cluster, only makes sure the master is there. */
    void run(String caPem, String clusterInfoKubeconfig, String token, String tokenTtl) {
        boolean fresh = c.store.get(Kinds.byKey("/namespaces"), null, "kube-system") == null;
        if (c.store.get(Kinds.byKey("/nodes"), null, cfg.nodeName()) == null) create(masterNode());
        if (fresh) {
            for (String ns : new String[] {"default", "kube-node-lease", "kube-public", "kube-system"}) create(ns(ns));
            for (String[] pc : new String[][] {{"system-cluster-critical", "2000000000"}, {"system-node-critical", "2000001000"}}) {
                ObjectNode o = object("scheduling.k8s.io/v1", "PriorityClass", pc[0], null);
                o.put("value", Long.parseLong(pc[1]));
                o.put("description", "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.");
                create(o);
            }
            for (String r : new String[] {"cluster-admin", "admin", "edit", "view", "system:coredns", "system:node-proxier"}) {
                ObjectNode o = object("rbac.authorization.k8s.io/v1", "ClusterRole", r, null);
                ObjectNode rule = o.putArray("rules").addObject();
                rule.putArray("apiGroups").add("*"); rule.putArray("resources").add("*"); rule.putArray("verbs").add("*");
                create(o);
            }
            clusterRoleBinding("cluster-admin", "cluster-admin", "Group", "system:masters", null);
            clusterRoleBinding("system:coredns", "system:coredns", "ServiceAccount", "coredns", "kube-system");
            clusterRoleBinding("kubeadm:node-proxier", "system:node-proxier", "ServiceAccount", "kube-proxy", "kube-system");
            create(object("v1", "ServiceAccount", "coredns", "kube-system"));
            create(object("v1", "ServiceAccount", "kube-proxy", "kube-system"));
            service("default", "kubernetes", ClusterConfig.nth(cfg.serviceSubnet(), 1), null, new Object[][] {{"https", 443, "TCP", 6443}});
            service("kube-system", "kube-dns", ClusterConfig.nth(cfg.serviceSubnet(), 10), "kube-dns",
                    new Object[][] {{"dns", 53, "UDP", 53}, {"dns-tcp", 53, "TCP", 53}, {"metrics", 9153, "TCP", 9153}});
            configMaps(clusterInfoKubeconfig);
            bootstrapToken(token, tokenTtl, "");
            kubeProxy();
            coreDns();
        }
        for (String comp : new String[] {"etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler"})
            if (c.store.get(Kinds.byKey("/pods"), "kube-system", comp + "-" + cfg.nodeName()) == null) create(staticPod(comp));
        c.reconcile();
    }

    private void create(ObjectNode o) {
        Kinds.Kind k = Store.kindOf(o);
        c.create(k, Json.text(o, "metadata", "namespace"), o, false);
    }

    static ObjectNode object(String apiVersion, String kind, String name, String ns) {
        ObjectNode o = Json.obj();
        o.put("apiVersion", apiVersion); o.put("kind", kind);
        ObjectNode m = o.putObject("metadata");
        m.put("name", name);
        if (ns != null) m.put("namespace", ns);
        return o;
    }

    private static ObjectNode ns(String name) { return object("v1", "Namespace", name, null); }

    private void clusterRoleBinding(String name, String role, String subjectKind, String subject, String ns) {
        ObjectNode o = object("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", name, null);
        o.putObject("roleRef").put("apiGroup", "rbac.authorization.k8s.io").put("kind", "ClusterRole").put("name", role);
        ObjectNode s = o.putArray("subjects").addObject();
        if (!subjectKind.equals("ServiceAccount")) s.put("apiGroup", "rbac.authorization.k8s.io");
        s.put("kind", subjectKind); s.put("name", subject);
        if (ns != null) s.put("namespace", ns);
        create(o);
    }

    private void service(String ns, String name, String ip, String app, Object[][] ports) {
        ObjectNode o = object("v1", "Service", name, ns);
        ObjectNode labels = Json.with(o, "metadata", "labels");
        if (app == null) { labels.put("component", "apiserver"); labels.put("provider", "kubernetes"); }
        else { labels.put("k8s-app", app); labels.put("kubernetes.io/cluster-service", "true"); labels.put("kubernetes.io/name", "KubeDNS"); }
        ObjectNode spec = o.putObject("spec");
        spec.put("clusterIP", ip);
        ArrayNode ps = spec.putArray("ports");
        for (Object[] p : ports) {
            ObjectNode x = ps.addObject();
            x.put("name", (String) p[0]); x.put("port", (Integer) p[1]); x.put("protocol", (String) p[2]); x.put("targetPort", (Integer) p[3]);
        }
        if (app != null) spec.putObject("selector").put("k8s-app", app);
        spec.put("sessionAffinity", "None"); spec.put("type", "ClusterIP");
        create(o);
    }

    private void configMaps(String clusterInfoKubeconfig) {
        ObjectNode ci = object("v1", "ConfigMap", "cluster-info", "kube-public");
        Json.with(ci, "data").put("kubeconfig", clusterInfoKubeconfig);
        create(ci);
        ObjectNode kc = object("v1", "ConfigMap", "kubeadm-config", "kube-system");
        String clusterConfiguration = "apiServer:\n  extraArgs:\n    authorization-mode: Node,RBAC\n  timeoutForControlPlane: 4m0s\n"
                + "apiVersion: kubeadm.k8s.io/v1beta2\ncertificatesDir: /etc/kubernetes/pki\nclusterName: " + cfg.clusterName() + "\n"
                + "controllerManager: {}\ndns:\n  type: CoreDNS\netcd:\n  local:\n    dataDir: /var/lib/etcd\nimageRepository: " + cfg.imageRepository() + "\n"
                + "kind: ClusterConfiguration\nkubernetesVersion: " + cfg.kubernetesVersion() + "\nnetworking:\n  dnsDomain: " + cfg.dnsDomain() + "\n"
                + (cfg.podSubnet() != null ? "  podSubnet: " + cfg.podSubnet() + "\n" : "") + "  serviceSubnet: " + cfg.serviceSubnet() + "\nscheduler: {}\n";
        String clusterStatus = "apiEndpoints:\n  " + cfg.nodeName() + ":\n    advertiseAddress: " + cfg.advertiseAddress() + "\n    bindPort: " + cfg.port()
                + "\napiVersion: kubeadm.k8s.io/v1beta2\nkind: ClusterStatus\n";
        Json.with(kc, "data").put("ClusterConfiguration", clusterConfiguration).put("ClusterStatus", clusterStatus);
        create(kc);
        String minor = cfg.kubernetesVersion().replaceAll("^v(\\d+)\\.(\\d+).*$", "$1.$2");
        ObjectNode kl = object("v1", "ConfigMap", "kubelet-config-" + minor, "kube-system");
        Json.with(kl, "data").put("kubelet", "apiVersion: kubelet.config.k8s.io/v1beta1\nkind: KubeletConfiguration\nclusterDNS:\n- "
                + ClusterConfig.nth(cfg.serviceSubnet(), 10) + "\nclusterDomain: " + cfg.dnsDomain() + "\ncgroupDriver: cgroupfs\n");
        create(kl);
        ObjectNode cd = object("v1", "ConfigMap", "coredns", "kube-system");
        Json.with(cd, "data").put("Corefile", ".:53 {\n    errors\n    health\n    ready\n    kubernetes " + cfg.dnsDomain()
                + " in-addr.arpa ip6.arpa {\n       pods insecure\n       fallthrough in-addr.arpa ip6.arpa\n       ttl 30\n    }\n"
                + "    prometheus :9153\n    forward . /etc/resolv.conf\n    cache 30\n    loop\n    reload\n    loadbalance\n}\n");
        create(cd);
        ObjectNode kp = object("v1", "ConfigMap", "kube-proxy", "kube-system");
        Json.with(kp, "metadata", "labels").put("app", "kube-proxy");
        Json.with(kp, "data").put("config.conf", "apiVersion: kubeproxy.config.k8s.io/v1alpha1\nkind: KubeProxyConfiguration\n"
                + "clusterCIDR: " + (cfg.podSubnet() == null ? "" : cfg.podSubnet()) + "\nmode: \"\"\n");
        create(kp);
    }

    private void bootstrapToken(String token, String ttl, String description) {
        create(Kubeadm.tokenSecret(token, ttl, description));
    }

    private void kubeProxy() {
        ObjectNode ds = object("apps/v1", "DaemonSet", "kube-proxy", "kube-system");
        Json.with(ds, "metadata", "labels").put("k8s-app", "kube-proxy");
        ObjectNode spec = ds.putObject("spec");
        spec.putObject("selector").putObject("matchLabels").put("k8s-app", "kube-proxy");
        ObjectNode tmpl = spec.putObject("template");
        Json.with(tmpl, "metadata", "labels").put("k8s-app", "kube-proxy");
        ObjectNode ps = tmpl.putObject("spec");
        ObjectNode ctr = ps.putArray("containers").addObject();
        ctr.put("name", "kube-proxy"); ctr.put("image", cfg.imageRepository() + "/kube-proxy:" + cfg.kubernetesVersion());
        ctr.putArray("command").add("/usr/local/bin/kube-proxy").add("--config=/var/lib/kube-proxy/config.conf").add("--hostname-override=$(NODE_NAME)");
        ps.put("hostNetwork", true); ps.put("priorityClassName", "system-node-critical"); ps.put("serviceAccountName", "kube-proxy");
        ps.putArray("tolerations").addObject().put("key", "CriticalAddonsOnly").put("operator", "Exists");
        ((ArrayNode) ps.get("tolerations")).addObject().put("operator", "Exists");
        ps.putObject("nodeSelector").put("beta.kubernetes.io/os", "linux");
        spec.putObject("updateStrategy").put("type", "RollingUpdate");
        create(ds);
    }

    private void coreDns() {
        String coreDnsVersion = cfg.kubernetesVersion().startsWith("v1.17") ? "1.6.5" : "1.6.2";
        ObjectNode d = object("apps/v1", "Deployment", "coredns", "kube-system");
        Json.with(d, "metadata", "labels").put("k8s-app", "kube-dns");
        ObjectNode spec = d.putObject("spec");
        spec.put("replicas", 2);
        spec.putObject("selector").putObject("matchLabels").put("k8s-app", "kube-dns");
        ObjectNode tmpl = spec.putObject("template");
        Json.with(tmpl, "metadata", "labels").put("k8s-app", "kube-dns");
        ObjectNode ps = tmpl.putObject("spec");
        ObjectNode ctr = ps.putArray("containers").addObject();
        ctr.put("name", "coredns"); ctr.put("image", cfg.imageRepository() + "/coredns:" + coreDnsVersion);
        ctr.putArray("args").add("-conf").add("/etc/coredns/Corefile");
        ctr.putObject("resources").putObject("requests").put("cpu", "100m").put("memory", "70Mi");
        ps.put("priorityClassName", "system-cluster-critical"); ps.put("serviceAccountName", "coredns"); ps.put("dnsPolicy", "Default");
        ArrayNode tol = ps.putArray("tolerations");
        tol.addObject().put("key", "CriticalAddonsOnly").put("operator", "Exists");
        tol.addObject().put("effect", "NoSchedule").put("key", "node-role.kubernetes.io/master");
        ps.putObject("nodeSelector").put("beta.kubernetes.io/os", "linux");
        create(d);
    }

    private ObjectNode masterNode() {
        ObjectNode n = node(cfg.nodeName(), cfg.advertiseAddress());
        Json.with(n, "metadata", "labels").put("node-role.kubernetes.io/master", "");
        Json.with(n, "spec").putArray("taints").addObject().put("effect", "NoSchedule").put("key", "node-role.kubernetes.io/master");
        return n;
    }

    /** A Node as a kubelet registers it (the API stand-in fills in status and podCIDR). */
    static ObjectNode node(String name, String address) {
        ObjectNode n = object("v1", "Node", name, null);
        ArrayNode addresses = Json.with(n, "status").putArray("addresses");
        addresses.addObject().put("address", address).put("type", "InternalIP");
        addresses.addObject().put("address", name).put("type", "Hostname");
        return n;
    }

    private ObjectNode staticPod(String component) {
        ObjectNode p = object("v1", "Pod", component + "-" + cfg.nodeName(), "kube-system");
        Json.with(p, "metadata", "labels").put("component", component).put("tier", "control-plane");
        Json.with(p, "metadata", "annotations").put("kubernetes.io/config.source", "file").put("kubernetes.io/config.hash", Cluster.hash(component + cfg.nodeName(), 32));
        ObjectNode spec = p.putObject("spec");
        String image = component.equals("etcd")
                ? cfg.imageRepository() + "/etcd:" + (cfg.kubernetesVersion().startsWith("v1.17") ? "3.4.3-0" : "3.3.15-0")
                : cfg.imageRepository() + "/" + component + ":" + cfg.kubernetesVersion();
        ObjectNode ctr = spec.putArray("containers").addObject();
        ctr.put("name", component); ctr.put("image", image);
        ctr.putArray("command").add(component);
        ctr.putObject("resources").putObject("requests").put("cpu", "250m");
        spec.put("hostNetwork", true); spec.put("nodeName", cfg.nodeName());
        spec.put("priorityClassName", "system-cluster-critical");
        spec.putArray("tolerations").addObject().put("effect", "NoExecute").put("operator", "Exists");
        return p;
    }
}
