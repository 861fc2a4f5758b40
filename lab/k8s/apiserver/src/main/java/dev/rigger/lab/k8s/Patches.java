package dev.rigger.lab.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * TEST STAND-IN: the patch formats kubectl sends, reduced to what the lab's manifests need:
 * JSON merge patch (RFC 7386), JSON patch (RFC 6902: add/remove/replace/test), and a strategic
 * merge patch that merges the well-known keyed lists (containers, env, ports, volumes, ...) by
 * their merge key and replaces every other list. It knows no schemas.
 */
final class Patches {
    /** List fields that strategic merge patch merges by key (field name -> merge key). */
    private static final Map<String, String> MERGE_KEYS = Map.ofEntries(
            Map.entry("containers", "name"), Map.entry("initContainers", "name"),
            Map.entry("ephemeralContainers", "name"), Map.entry("volumes", "name"),
            Map.entry("env", "name"), Map.entry("volumeMounts", "mountPath"),
            Map.entry("volumeDevices", "devicePath"), Map.entry("imagePullSecrets", "name"),
            Map.entry("hostAliases", "ip"), Map.entry("conditions", "type"),
            Map.entry("ownerReferences", "uid"), Map.entry("topologySpreadConstraints", "topologyKey"));

    private Patches() {}

    static JsonNode mergePatch(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) return patch.deepCopy();
        ObjectNode out = target != null && target.isObject() ? (ObjectNode) target.deepCopy() : Json.obj();
        for (Iterator<Map.Entry<String, JsonNode>> it = patch.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull()) out.remove(e.getKey());
            else out.set(e.getKey(), mergePatch(out.get(e.getKey()), e.getValue()));
        }
        return out;
    }

    static JsonNode strategic(JsonNode target, JsonNode patch) { return smpObject(target, patch); }

    private static JsonNode smpObject(JsonNode target, JsonNode patch) {
        if (!patch.isObject()) return patch.deepCopy();
        if ("replace".equals(Json.text(patch, "$patch"))) {
            ObjectNode r = patch.deepCopy();
            r.remove("$patch");
            return r;
        }
        ObjectNode out = target != null && target.isObject() ? (ObjectNode) target.deepCopy() : Json.obj();
        JsonNode retain = patch.get("$retainKeys");
        List<String> names = new ArrayList<>();
        patch.fieldNames().forEachRemaining(names::add);
        for (String key : names) {
            JsonNode value = patch.get(key);
            if (key.startsWith("$setElementOrder/") || key.equals("$retainKeys") || key.equals("$patch")) continue;
            if (key.startsWith("$deleteFromPrimitiveList/")) {
                String field = key.substring("$deleteFromPrimitiveList/".length());
                JsonNode cur = out.get(field);
                if (cur instanceof ArrayNode a && value.isArray()) {
                    ArrayNode kept = Json.arr();
                    for (JsonNode x : a) if (!contains(value, x)) kept.add(x);
                    out.set(field, kept);
                }
                continue;
            }
            if (value.isNull()) { out.remove(key); continue; }
            JsonNode cur = out.get(key);
            if (value.isArray()) out.set(key, smpList(key, cur, (ArrayNode) value));
            else if (value.isObject()) out.set(key, smpObject(cur, value));
            else out.set(key, value.deepCopy());
        }
        if (retain != null && retain.isArray()) {
            List<String> present = new ArrayList<>();
            out.fieldNames().forEachRemaining(present::add);
            for (String k : present) if (!contains(retain, Json.F.textNode(k))) out.remove(k);
        }
        return out;
    }

    private static JsonNode smpList(String field, JsonNode cur, ArrayNode patch) {
        String mergeKey = MERGE_KEYS.get(field);
        if ("ports".equals(field)) mergeKey = hasKey(patch, cur, "containerPort") ? "containerPort" : "port";
        boolean maps = true;
        for (JsonNode x : patch) maps &= x.isObject();
        if (mergeKey == null || !maps || !(cur instanceof ArrayNode curList)) return stripDirectives(patch);
        ArrayNode out = curList.deepCopy();
        for (JsonNode p : patch) {
            if (p.isObject() && "replace".equals(Json.text(p, "$patch"))) return stripDirectives(patch);
            JsonNode id = p.get(mergeKey);
            int at = -1;
            for (int i = 0; i < out.size(); i++) if (id != null && id.equals(out.get(i).get(mergeKey))) { at = i; break; }
            if ("delete".equals(Json.text(p, "$patch"))) { if (at >= 0) out.remove(at); continue; }
            if (at >= 0) out.set(at, smpObject(out.get(at), p));
            else out.add(smpObject(null, p));
        }
        return out;
    }

    private static boolean hasKey(ArrayNode a, JsonNode b, String key) {
        for (JsonNode x : a) if (x.has(key)) return true;
        if (b instanceof ArrayNode bb) for (JsonNode x : bb) if (x.has(key)) return true;
        return false;
    }

    private static ArrayNode stripDirectives(ArrayNode a) {
        ArrayNode out = Json.arr();
        for (JsonNode x : a) {
            if (x.isObject()) {
                if ("delete".equals(Json.text(x, "$patch"))) continue;
                out.add(smpObject(null, x));
            } else out.add(x.deepCopy());
        }
        return out;
    }

    private static boolean contains(JsonNode arr, JsonNode x) {
        for (JsonNode y : arr) if (y.equals(x)) return true;
        return false;
    }

    /** RFC 6902 with add, remove, replace, test (enough for kubectl patch --type=json). */
    static JsonNode jsonPatch(JsonNode target, JsonNode ops) {
        JsonNode doc = target.deepCopy();
        for (JsonNode op : ops) {
            String kind = Json.text(op, "op"), path = Json.text(op, "path");
            List<String> parts = new ArrayList<>();
            for (String p : path.substring(1).split("/", -1)) parts.add(p.replace("~1", "/").replace("~0", "~"));
            String last = parts.remove(parts.size() - 1);
            JsonNode parent = doc;
            for (String p : parts) parent = parent.isArray() ? parent.get(Integer.parseInt(p)) : parent.get(p);
            if (parent == null) throw new IllegalArgumentException("path not found: " + path);
            switch (kind) {
                case "add", "replace" -> {
                    JsonNode v = op.get("value").deepCopy();
                    if (parent instanceof ArrayNode a) {
                        if (last.equals("-")) a.add(v);
                        else if (kind.equals("add")) a.insert(Integer.parseInt(last), v);
                        else a.set(Integer.parseInt(last), v);
                    } else ((ObjectNode) parent).set(last, v);
                }
                case "remove" -> {
                    if (parent instanceof ArrayNode a) a.remove(Integer.parseInt(last));
                    else ((ObjectNode) parent).remove(last);
                }
                case "test" -> {
                    JsonNode cur = parent.isArray() ? parent.get(Integer.parseInt(last)) : parent.get(last);
                    if (cur == null || !cur.equals(op.get("value"))) throw new IllegalArgumentException("test failed at " + path);
                }
                default -> throw new IllegalArgumentException("unsupported JSON patch op " + kind);
            }
        }
        return doc;
    }
}
