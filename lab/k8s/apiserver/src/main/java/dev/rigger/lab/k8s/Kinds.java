package dev.rigger.lab.k8s;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * TEST STAND-IN: the resource types the lab's API stand-in serves (discovery and routing). It
 * knows names and scopes only, no schemas: it validates nothing.
 */
final class Kinds {
    record Kind(String group, List<String> versions, String plural, String singular, String kind,
                boolean namespaced, List<String> shortNames) {
        String key() { return group + "/" + plural; }
        String apiVersion(String version) { return group.isEmpty() ? version : group + "/" + version; }
        String preferred() { return versions.get(0); }
    }

    static final List<Kind> ALL = new ArrayList<>();
    private static final Map<String, Kind> BY_PATH = new LinkedHashMap<>();

    private static void add(String group, String versions, String plural, String kind, boolean ns, String... shorts) {
        Kind k = new Kind(group, List.of(versions.split(",")), plural, kind.toLowerCase(), kind, ns, List.of(shorts));
        ALL.add(k);
        for (String v : k.versions()) BY_PATH.put(group + "/" + v + "/" + plural, k);
    }

    static {
        add("", "v1", "namespaces", "Namespace", false, "ns");
        add("", "v1", "nodes", "Node", false, "no");
        add("", "v1", "pods", "Pod", true, "po");
        add("", "v1", "services", "Service", true, "svc");
        add("", "v1", "endpoints", "Endpoints", true, "ep");
        add("", "v1", "configmaps", "ConfigMap", true, "cm");
        add("", "v1", "secrets", "Secret", true);
        add("", "v1", "serviceaccounts", "ServiceAccount", true, "sa");
        add("", "v1", "events", "Event", true, "ev");
        add("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", true, "pvc");
        add("", "v1", "persistentvolumes", "PersistentVolume", false, "pv");
        add("", "v1", "limitranges", "LimitRange", true, "limits");
        add("", "v1", "resourcequotas", "ResourceQuota", true, "quota");
        add("apps", "v1", "deployments", "Deployment", true, "deploy");
        add("apps", "v1", "daemonsets", "DaemonSet", true, "ds");
        add("apps", "v1", "replicasets", "ReplicaSet", true, "rs");
        add("apps", "v1", "statefulsets", "StatefulSet", true, "sts");
        add("batch", "v1", "jobs", "Job", true);
        add("batch", "v1", "cronjobs", "CronJob", true, "cj");
        add("policy", "v1beta1", "podsecuritypolicies", "PodSecurityPolicy", false, "psp");
        add("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true, "pdb");
        add("rbac.authorization.k8s.io", "v1,v1beta1", "clusterroles", "ClusterRole", false);
        add("rbac.authorization.k8s.io", "v1,v1beta1", "clusterrolebindings", "ClusterRoleBinding", false);
        add("rbac.authorization.k8s.io", "v1,v1beta1", "roles", "Role", true);
        add("rbac.authorization.k8s.io", "v1,v1beta1", "rolebindings", "RoleBinding", true);
        add("networking.k8s.io", "v1", "ingresses", "Ingress", true, "ing");
        add("networking.k8s.io", "v1", "networkpolicies", "NetworkPolicy", true, "netpol");
        add("storage.k8s.io", "v1", "storageclasses", "StorageClass", false, "sc");
        add("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false, "crd", "crds");
        add("coordination.k8s.io", "v1", "leases", "Lease", true);
        add("scheduling.k8s.io", "v1", "priorityclasses", "PriorityClass", false, "pc");
    }

    private Kinds() {}

    static Kind byPath(String group, String version, String plural) { return BY_PATH.get(group + "/" + version + "/" + plural); }

    static Kind byKind(String group, String kind) {
        for (Kind k : ALL) if (k.group().equals(group) && k.kind().equals(kind)) return k;
        return null;
    }

    static Kind byKey(String key) {
        for (Kind k : ALL) if (k.key().equals(key)) return k;
        return null;
    }

    /** Group/version pairs, preferred version first per group, core ("") first. */
    static Map<String, List<String>> groups() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (Kind k : ALL) {
            List<String> vs = m.computeIfAbsent(k.group(), g -> new ArrayList<>());
            for (String v : k.versions()) if (!vs.contains(v)) vs.add(v);
        }
        return m;
    }
}
