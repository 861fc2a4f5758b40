package dev.rigger.lab.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** TEST STAND-IN: server-side printing (meta.k8s.io/v1 Table) with the columns kubectl shows for the common kinds. */
final class Tables {
    private Tables() {}

    record Col(String name, int priority) {}

    static ObjectNode table(Kinds.Kind k, List<ObjectNode> objects, String resourceVersion, boolean includeObject) {
        ObjectNode t = Json.obj();
        t.put("kind", "Table");
        t.put("apiVersion", "meta.k8s.io/v1");
        t.putObject("metadata").put("resourceVersion", resourceVersion);
        ArrayNode defs = t.putArray("columnDefinitions");
        for (Col c : columns(k.kind())) {
            ObjectNode d = defs.addObject();
            d.put("name", c.name()); d.put("type", "string"); d.put("format", c.name().equals("Name") ? "name" : "");
            d.put("description", ""); d.put("priority", c.priority());
        }
        ArrayNode rows = t.putArray("rows");
        for (ObjectNode o : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            for (String v : cells(k.kind(), o)) cells.add(v);
            if (includeObject) row.set("object", o);
            else {
                ObjectNode m = row.putObject("object");
                m.put("kind", "PartialObjectMetadata"); m.put("apiVersion", "meta.k8s.io/v1");
                m.set("metadata", o.get("metadata"));
            }
        }
        return t;
    }

    private static List<Col> columns(String kind) {
        List<Col> c = new ArrayList<>();
        c.add(new Col("Name", 0));
        switch (kind) {
            case "Node" -> { add(c, 0, "Status", "Roles", "Age", "Version"); add(c, 1, "Internal-IP", "External-IP", "OS-Image", "Kernel-Version", "Container-Runtime"); }
            case "Pod" -> { add(c, 0, "Ready", "Status", "Restarts", "Age"); add(c, 1, "IP", "Node", "Nominated Node", "Readiness Gates"); }
            case "Deployment" -> { add(c, 0, "Ready", "Up-to-date", "Available", "Age"); add(c, 1, "Containers", "Images", "Selector"); }
            case "DaemonSet" -> { add(c, 0, "Desired", "Current", "Ready", "Up-to-date", "Available", "Node Selector", "Age"); add(c, 1, "Containers", "Images", "Selector"); }
            case "Service" -> { add(c, 0, "Type", "Cluster-IP", "External-IP", "Port(s)", "Age"); add(c, 1, "Selector"); }
            case "Namespace" -> add(c, 0, "Status", "Age");
            case "ConfigMap" -> add(c, 0, "Data", "Age");
            case "Secret" -> add(c, 0, "Type", "Data", "Age");
            case "ServiceAccount" -> add(c, 0, "Secrets", "Age");
            default -> add(c, 0, "Age");
        }
        return c;
    }

    private static void add(List<Col> c, int priority, String... names) { for (String n : names) c.add(new Col(n, priority)); }

    private static List<String> cells(String kind, ObjectNode o) {
        List<String> v = new ArrayList<>();
        v.add(Json.text(o, "metadata", "name"));
        String age = age(Json.text(o, "metadata", "creationTimestamp"));
        JsonNode st = o.path("status"), spec = o.path("spec");
        switch (kind) {
            case "Node" -> {
                String ready = "NotReady";
                for (JsonNode c : st.path("conditions")) if ("Ready".equals(Json.text(c, "type")) && "True".equals(Json.text(c, "status"))) ready = "Ready";
                if (spec.path("unschedulable").asBoolean(false)) ready += ",SchedulingDisabled";
                List<String> roles = new ArrayList<>();
                for (Iterator<String> it = o.path("metadata").path("labels").fieldNames(); it.hasNext(); ) {
                    String l = it.next();
                    if (l.startsWith("node-role.kubernetes.io/")) roles.add(l.substring("node-role.kubernetes.io/".length()));
                }
                v.addAll(List.of(ready, roles.isEmpty() ? "<none>" : String.join(",", roles), age, str(st.path("nodeInfo"), "kubeletVersion"),
                        String.valueOf(Cluster.internalIp(o)), "<none>", str(st.path("nodeInfo"), "osImage"),
                        str(st.path("nodeInfo"), "kernelVersion"), str(st.path("nodeInfo"), "containerRuntimeVersion")));
            }
            case "Pod" -> {
                int total = spec.path("containers").size(), ready = 0;
                for (JsonNode c : st.path("containerStatuses")) if (c.path("ready").asBoolean()) ready++;
                v.addAll(List.of(ready + "/" + total, str(st, "phase"), "0", age, orNone(Json.text(st, "podIP")),
                        orNone(Json.text(spec, "nodeName")), "<none>", "<none>"));
            }
            case "Deployment" -> v.addAll(List.of(st.path("readyReplicas").asInt(0) + "/" + spec.path("replicas").asInt(1),
                    String.valueOf(st.path("updatedReplicas").asInt(0)), String.valueOf(st.path("availableReplicas").asInt(0)), age,
                    containers(spec, "name"), containers(spec, "image"), selector(spec)));
            case "DaemonSet" -> v.addAll(List.of(n(st, "desiredNumberScheduled"), n(st, "currentNumberScheduled"), n(st, "numberReady"),
                    n(st, "updatedNumberScheduled"), n(st, "numberAvailable"), pairs(spec.path("template").path("spec").path("nodeSelector")), age,
                    containers(spec, "name"), containers(spec, "image"), selector(spec)));
            case "Service" -> {
                List<String> ports = new ArrayList<>();
                for (JsonNode p : spec.path("ports"))
                    ports.add(p.path("port").asText() + (p.has("nodePort") ? ":" + p.get("nodePort").asText() : "") + "/" + p.path("protocol").asText("TCP"));
                v.addAll(List.of(str(spec, "type"), str(spec, "clusterIP"), "<none>", ports.isEmpty() ? "<none>" : String.join(",", ports), age,
                        spec.has("selector") ? pairs(spec.get("selector")) : "<none>"));
            }
            case "Namespace" -> v.addAll(List.of(str(st, "phase"), age));
            case "ConfigMap" -> v.addAll(List.of(String.valueOf(o.path("data").size() + o.path("binaryData").size()), age));
            case "Secret" -> v.addAll(List.of(str(o, "type"), String.valueOf(o.path("data").size()), age));
            case "ServiceAccount" -> v.addAll(List.of(String.valueOf(o.path("secrets").size()), age));
            default -> v.add(age);
        }
        return v;
    }

    private static String n(JsonNode st, String f) { return String.valueOf(st.path(f).asInt(0)); }
    private static String str(JsonNode n, String f) { String s = Json.text(n, f); return s == null ? "" : s; }
    private static String orNone(String s) { return s == null ? "<none>" : s; }

    private static String containers(JsonNode spec, String field) {
        List<String> out = new ArrayList<>();
        for (JsonNode c : spec.path("template").path("spec").path("containers")) out.add(str(c, field));
        return String.join(",", out);
    }

    private static String selector(JsonNode spec) { return pairs(spec.path("selector").path("matchLabels")); }

    private static String pairs(JsonNode m) {
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = m.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            out.add(e.getKey() + "=" + e.getValue().asText());
        }
        return out.isEmpty() ? "<none>" : String.join(",", out);
    }

    /** apimachinery's HumanDuration of the time since t. */
    static String age(String t) {
        if (t == null) return "<unknown>";
        long s = Duration.between(Instant.parse(t), Instant.now()).getSeconds();
        if (s < 0) return "0s";
        if (s < 120) return s + "s";
        long m = s / 60;
        if (m < 10) return s % 60 == 0 ? m + "m" : m + "m" + (s % 60) + "s";
        if (m < 180) return m + "m";
        long h = m / 60;
        if (h < 8) return m % 60 == 0 ? h + "h" : h + "h" + (m % 60) + "m";
        if (h < 48) return h + "h";
        if (h < 24 * 8) return h % 24 == 0 ? (h / 24) + "d" : (h / 24) + "d" + (h % 24) + "h";
        if (h < 24 * 365 * 2) return (h / 24) + "d";
        return (h / 24 / 365) + "y";
    }
}
