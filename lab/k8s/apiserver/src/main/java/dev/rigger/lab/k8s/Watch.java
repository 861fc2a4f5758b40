package dev.rigger.lab.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * TEST STAND-IN: watch streams (one JSON event per line). Without a resourceVersion the current
 * objects come first as ADDED; there is no history, so a watch from an old resourceVersion just
 * sees what changes from now on. Ends after timeoutSeconds (at most 30 min) or when the client
 * goes away (noticed by a newline sent every 10 s).
 */
final class Watch {
    private Watch() {}

    static void serve(HttpExchange ex, Store store, Kinds.Kind k, String version, String ns, Map<String, String> q) throws IOException {
        Predicate<JsonNode> match = Selectors.labels(q.get("labelSelector")).and(Selectors.fields(q.get("fieldSelector")));
        LinkedBlockingQueue<Store.Event> queue = new LinkedBlockingQueue<>();
        Consumer<Store.Event> w = e -> {
            if (e.kind() == k && (ns == null || !k.namespaced() || ns.equals(Json.text(e.object(), "metadata", "namespace"))) && match.test(e.object()))
                queue.add(e);
        };
        long timeout = Math.min(1800, Long.parseLong(q.getOrDefault("timeoutSeconds", "1800")));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(200, 0);
        OutputStream os = ex.getResponseBody();
        synchronized (store) {
            store.watch(w);
            String rv = q.get("resourceVersion");
            if (rv == null || rv.isEmpty() || rv.equals("0"))
                for (ObjectNode o : store.list(k, ns)) if (match.test(o)) queue.add(new Store.Event("ADDED", k, o));
        }
        try {
            while (System.nanoTime() < end) {
                Store.Event e = queue.poll(10, TimeUnit.SECONDS);
                if (e == null) { os.write('\n'); os.flush(); continue; }
                ObjectNode ev = Json.obj();
                ev.put("type", e.type());
                ev.set("object", ApiServer.at(e.object(), k, version));
                os.write((Json.write(ev) + "\n").getBytes(StandardCharsets.UTF_8));
                os.flush();
            }
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        } catch (IOException gone) {
            // client went away
        } finally {
            store.unwatch(w);
            try { os.close(); } catch (IOException ignored) { /* already closed */ }
        }
    }
}
