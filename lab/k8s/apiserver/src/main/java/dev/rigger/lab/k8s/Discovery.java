package dev.rigger.lab.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/** TEST STAND-IN: legacy (non-aggregated) discovery documents built from {@link Kinds}. */
final class Discovery {
    private static final List<String> VERBS = List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    private Discovery() {}

    static ObjectNode apiVersions(ClusterConfig cfg) {
        ObjectNode o = Json.obj();
        o.put("kind", "APIVersions");
        o.putArray("versions").add("v1");
        ObjectNode a = o.putArray("serverAddressByClientCIDRs").addObject();
        a.put("clientCIDR", "0.0.0.0/0");
        a.put("serverAddress", cfg.advertiseAddress() + ":" + cfg.port());
        return o;
    }

    static ObjectNode groupList() {
        ObjectNode o = Json.obj();
        o.put("kind", "APIGroupList");
        o.put("apiVersion", "v1");
        ArrayNode groups = o.putArray("groups");
        for (Map.Entry<String, List<String>> g : Kinds.groups().entrySet())
            if (!g.getKey().isEmpty()) groups.add(groupBody(g.getKey(), g.getValue()));
        return o;
    }

    static JsonNode group(String name) {
        List<String> versions = Kinds.groups().get(name);
        if (versions == null || name.isEmpty()) return null;
        ObjectNode o = groupBody(name, versions);
        o.put("kind", "APIGroup");
        o.put("apiVersion", "v1");
        return o;
    }

    private static ObjectNode groupBody(String name, List<String> versions) {
        ObjectNode g = Json.obj();
        g.put("name", name);
        ArrayNode vs = g.putArray("versions");
        for (String v : versions) vs.addObject().put("groupVersion", name + "/" + v).put("version", v);
        g.putObject("preferredVersion").put("groupVersion", name + "/" + versions.get(0)).put("version", versions.get(0));
        return g;
    }

    static JsonNode resources(String group, String version) {
        ObjectNode o = Json.obj();
        o.put("kind", "APIResourceList");
        o.put("apiVersion", "v1");
        o.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        ArrayNode rs = o.putArray("resources");
        boolean any = false;
        for (Kinds.Kind k : Kinds.ALL) {
            if (!k.group().equals(group) || !k.versions().contains(version)) continue;
            any = true;
            ObjectNode r = rs.addObject();
            r.put("name", k.plural()); r.put("singularName", k.singular()); r.put("namespaced", k.namespaced()); r.put("kind", k.kind());
            ArrayNode verbs = r.putArray("verbs");
            VERBS.forEach(verbs::add);
            if (!k.shortNames().isEmpty()) { ArrayNode s = r.putArray("shortNames"); k.shortNames().forEach(s::add); }
            if (List.of("Deployment", "DaemonSet", "Pod", "Service", "ReplicaSet", "StatefulSet").contains(k.kind())) r.putArray("categories").add("all");
            if (List.of("Deployment", "DaemonSet", "Node", "Pod", "Service", "Namespace", "ReplicaSet", "StatefulSet", "Job").contains(k.kind())) {
                ObjectNode st = rs.addObject();
                st.put("name", k.plural() + "/status"); st.put("singularName", ""); st.put("namespaced", k.namespaced()); st.put("kind", k.kind());
                st.putArray("verbs").add("get").add("patch").add("update");
            }
            if (k.kind().equals("ServiceAccount")) {
                ObjectNode t = rs.addObject();
                t.put("name", "serviceaccounts/token"); t.put("singularName", ""); t.put("namespaced", true);
                t.put("group", "authentication.k8s.io"); t.put("version", "v1"); t.put("kind", "TokenRequest");
                t.putArray("verbs").add("create");
            }
        }
        return any ? o : null;
    }
}
