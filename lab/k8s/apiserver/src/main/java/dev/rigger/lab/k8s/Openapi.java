package dev.rigger.lab.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * TEST STAND-IN: an OpenAPI v3 document per group/version that has no schemas at all. It only
 * declares, for every kind, a PATCH operation with the {@code fieldValidation} query parameter:
 * that tells kubectl to leave validation to the server (which validates nothing) instead of
 * downloading schemas for client-side validation.
 */
final class Openapi {
    ObjectNode root() {
        ObjectNode o = Json.obj();
        ObjectNode paths = o.putObject("paths");
        for (Map.Entry<String, List<String>> g : Kinds.groups().entrySet())
            for (String v : g.getValue()) {
                String p = g.getKey().isEmpty() ? "api/" + v : "apis/" + g.getKey() + "/" + v;
                paths.putObject(p).put("serverRelativeURL", "/openapi/v3/" + p + "?hash=" + Cluster.hash(p + ApiServer.serverVersion, 32).toUpperCase());
            }
        return o;
    }

    JsonNode groupVersion(String path) {
        String[] s = path.split("/");
        String group, version;
        if (s[0].equals("api") && s.length == 2) { group = ""; version = s[1]; }
        else if (s[0].equals("apis") && s.length == 3) { group = s[1]; version = s[2]; }
        else return null;
        ObjectNode doc = Json.obj();
        doc.put("openapi", "3.0.0");
        doc.putObject("info").put("title", "Kubernetes").put("version", ApiServer.serverVersion);
        ObjectNode paths = doc.putObject("paths");
        boolean any = false;
        for (Kinds.Kind k : Kinds.ALL) {
            if (!k.group().equals(group) || !k.versions().contains(version)) continue;
            any = true;
            String base = (group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version)
                    + (k.namespaced() ? "/namespaces/{namespace}/" : "/") + k.plural() + "/{name}";
            ObjectNode patch = paths.putObject(base).putObject("patch");
            patch.put("operationId", "patch" + k.kind());
            ObjectNode gvk = patch.putObject("x-kubernetes-group-version-kind");
            gvk.put("group", group); gvk.put("version", version); gvk.put("kind", k.kind());
            patch.put("x-kubernetes-action", "patch");
            ObjectNode param = patch.putArray("parameters").addObject();
            param.put("name", "fieldValidation"); param.put("in", "query");
            param.put("description", "accepted and ignored by the Rigger lab stand-in");
            param.putObject("schema").put("type", "string").put("uniqueItems", true);
            ObjectNode content = patch.putObject("requestBody").putObject("content");
            for (String t : List.of("application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json"))
                content.putObject(t);
            patch.putObject("responses").putObject("200").put("description", "OK");
        }
        doc.putObject("components").putObject("schemas");
        return any ? doc : null;
    }
}
