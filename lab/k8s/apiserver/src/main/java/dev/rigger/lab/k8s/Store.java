package dev.rigger.lab.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * TEST STAND-IN for etcd: every object of the lab's API stand-in, in memory, written as one JSON
 * file after each change (so a restarted stand-in or a second {@code kubeadm init} sees the same
 * objects). Keys are {@code group/plural/namespace/name}; objects are stored at their kind's
 * preferred version.
 */
final class Store {
    record Event(String type, Kinds.Kind kind, ObjectNode object) {}

    private final Path file;
    private final TreeMap<String, ObjectNode> objects = new TreeMap<>();
    private final List<Consumer<Event>> watchers = new CopyOnWriteArrayList<>();
    private long resourceVersion = 1;

    Store(Path file) { this.file = file; }

    static String key(Kinds.Kind k, String ns, String name) {
        return k.key() + "/" + (k.namespaced() ? ns : "") + "/" + name;
    }

    synchronized void load() throws IOException {
        if (file == null || !Files.exists(file)) return;
        JsonNode root = Json.JSON.readTree(file.toFile());
        resourceVersion = root.path("resourceVersion").asLong(1);
        for (JsonNode o : root.path("objects")) {
            Kinds.Kind k = kindOf(o);
            if (k != null) objects.put(key(k, Json.text(o, "metadata", "namespace"), Json.text(o, "metadata", "name")), (ObjectNode) o);
        }
    }

    synchronized void save() {
        if (file == null) return;
        try {
            ObjectNode root = Json.obj();
            root.put("resourceVersion", resourceVersion);
            root.putArray("objects").addAll(new ArrayList<>(objects.values()));
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, Json.write(root));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.err.println("kube-apiserver-standin: cannot save " + file + ": " + e);
        }
    }

    static Kinds.Kind kindOf(JsonNode o) {
        String av = Json.text(o, "apiVersion"), kind = Json.text(o, "kind");
        if (av == null || kind == null) return null;
        String group = av.contains("/") ? av.substring(0, av.indexOf('/')) : "";
        return Kinds.byKind(group, kind);
    }

    synchronized long nextVersion() { return ++resourceVersion; }
    synchronized long version() { return resourceVersion; }

    synchronized ObjectNode get(Kinds.Kind k, String ns, String name) {
        ObjectNode o = objects.get(key(k, ns, name));
        return o == null ? null : o.deepCopy();
    }

    /** Objects of a kind, in one namespace or all (ns null). */
    synchronized List<ObjectNode> list(Kinds.Kind k, String ns) {
        List<ObjectNode> out = new ArrayList<>();
        String prefix = k.key() + "/";
        for (var e : objects.tailMap(prefix).entrySet()) {
            if (!e.getKey().startsWith(prefix)) break;
            if (ns == null || !k.namespaced() || ns.equals(Json.text(e.getValue(), "metadata", "namespace"))) out.add(e.getValue().deepCopy());
        }
        return out;
    }

    /** Stores (creates or replaces) an object, stamping a new resourceVersion. */
    synchronized ObjectNode put(Kinds.Kind k, ObjectNode o) {
        String ns = Json.text(o, "metadata", "namespace"), name = Json.text(o, "metadata", "name");
        boolean existed = objects.containsKey(key(k, ns, name));
        o.put("apiVersion", k.apiVersion(k.preferred()));
        Json.with(o, "metadata").put("resourceVersion", Long.toString(nextVersion()));
        objects.put(key(k, ns, name), o.deepCopy());
        fire(new Event(existed ? "MODIFIED" : "ADDED", k, o.deepCopy()));
        return o;
    }

    synchronized ObjectNode remove(Kinds.Kind k, String ns, String name) {
        ObjectNode o = objects.remove(key(k, ns, name));
        if (o != null) {
            Json.with(o, "metadata").put("resourceVersion", Long.toString(nextVersion()));
            fire(new Event("DELETED", k, o.deepCopy()));
        }
        return o;
    }

    private void fire(Event e) { for (Consumer<Event> w : watchers) w.accept(e); }

    void watch(Consumer<Event> w) { watchers.add(w); }
    void unwatch(Consumer<Event> w) { watchers.remove(w); }
}
