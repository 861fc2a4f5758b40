package dev.rigger.lab.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;

/** TEST STAND-IN: the small REST client kubeadm (stand-in) uses to talk to the API stand-in. */
final class ApiClient {
    record Response(int code, JsonNode body) {}

    final String server;
    private final HttpClient http;

    ApiClient(String server, String caPem) throws Exception {
        this.server = server.replaceAll("/+$", "");
        if (caPem == null) System.setProperty("jdk.internal.httpclient.disableHostnameVerification", "true");
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3))
                .sslContext(Pki.clientContext(caPem)).build();
    }

    /** A client from a kubeconfig file (first cluster: server and certificate-authority-data). */
    static ApiClient fromKubeconfig(Path kubeconfig) throws Exception {
        JsonNode kc = Json.YAML.readTree(Files.readString(kubeconfig));
        JsonNode cluster = kc.path("clusters").path(0).path("cluster");
        String ca = Json.text(cluster, "certificate-authority-data");
        return new ApiClient(Json.text(cluster, "server"), ca == null ? null : new String(Base64.getDecoder().decode(ca), StandardCharsets.UTF_8));
    }

    Response call(String method, String path, JsonNode body) throws IOException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server + path)).timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json");
        if (body != null) b.header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(Json.write(body)));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode n;
            try { n = Json.parse(r.body()); } catch (IllegalArgumentException e) { n = Json.F.textNode(r.body()); }
            return new Response(r.statusCode(), n);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    JsonNode get(String path) throws IOException { return ok(call("GET", path, null)); }

    static JsonNode ok(Response r) throws IOException {
        if (r.code() / 100 != 2) throw new IOException(Json.text(r.body(), "message") != null ? Json.text(r.body(), "message") : "HTTP " + r.code());
        return r.body();
    }
}
