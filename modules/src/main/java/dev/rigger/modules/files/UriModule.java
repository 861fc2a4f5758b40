package dev.rigger.modules.files;

import dev.rigger.modules.Curl;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rigger.spi.Change;
import dev.rigger.spi.FileState;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An HTTP GET or HEAD request made by the host, as ansible.builtin.uri: the host's curl asks, the
 * answer (status, content, JSON) is registered, and the task fails when the status is not one
 * of status_code. A read-only request is a probe, so it never changes anything (ok, as Ansible
 * reports it); requests that change a server (POST, PUT, ...) are refused at load by the method's
 * choices. Shares get_url's header checks (same package).
 */
public final class UriModule implements Module {
    /** Made on first use: every run makes each module, and a Jackson mapper's first one costs ~30 ms. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();
    }
    /** curl's trailer after the body: a newline, then status, redirects, Content-Length and content type (curl 7.84+). */
    private static final String WRITE_OUT = "\n%{http_code} %{num_redirects} %header{content-length} %{content_type}";

    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.string("url").required().notEmpty().singleLine().doc("http:// or https:// URL the host requests (with curl)"))
            .add(Param.choice("method", "GET", "HEAD").defaultValue("GET").doc("GET or HEAD; methods that change the server are not supported (use command: curl ... with changed_when)"))
            .add(Param.any("body").doc("request body: text, or with body_format json/form-urlencoded a mapping"))
            .add(Param.choice("body_format", "raw", "json", "form-urlencoded").defaultValue("raw").doc("how a mapping body is encoded; json and form-urlencoded also set Content-Type unless headers do"))
            .add(Param.map("headers").doc("HTTP request headers, name: value"))
            .add(Param.list("status_code").elements(Param.Type.INT).defaultValue(List.of(200)).doc("the statuses that mean success; any other fails the task"))
            .add(Param.bool("return_content").defaultValue(false).doc("register the body as content (JSON bodies are registered as json regardless)"))
            .add(Param.string("creates").absolutePath().doc("when this path exists on the host, no request is made"))
            .add(Param.string("removes").absolutePath().doc("when this path does not exist on the host, no request is made"))
            .add(Param.integer("timeout").defaultValue(30).doc("seconds the request may take"))
            .add(Param.string("url_username").aliases("user").singleLine().doc("user for HTTP basic authentication"))
            .add(Param.string("url_password").aliases("password").secret().singleLine().doc("password for HTTP basic authentication (on curl's command line on the host while it runs)"))
            .add(Param.bool("validate_certs").defaultValue(true).doc("false accepts any HTTPS certificate"))
            .build();

    @Override public String name() { return "uri"; }
    @Override public List<String> aliases() { return List.of("ansible.builtin.uri"); }
    @Override public String summary() { return "Make an HTTP GET or HEAD request from the host and register the answer"; }
    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- uri:\n    url: http://127.0.0.1:8080/health\n    return_content: true\n  register: health\n"
                + "- uri:\n    url: https://api.example.com/v1/items\n    headers:\n      Accept: application/json\n    status_code: [200, 404]";
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        List<Probe> out = new ArrayList<>();
        if (p.has("creates")) out.add(new Probe.Stat(p.string("creates")));
        if (p.has("removes")) out.add(new Probe.Stat(p.string("removes")));
        out.add(new Probe.Run(curl(p)));
        return out;
    }

    @Override
    public Change plan(Params p, Host host) {
        String url = p.string("url");
        if (!url.matches("(?i)https?://.*")) throw new ModuleException("url must start with http:// or https://: " + url);
        List<Probe> probes = firstProbes(p);
        List<ProbeResult> r = host.probe(probes);
        int i = 0;
        if (p.has("creates")) {
            FileState c = r.get(i++).fileState();
            if (c != null && c.exists()) return Change.none(Map.of("stdout", "skipped, since '" + p.string("creates") + "' exists"));
        }
        if (p.has("removes")) {
            FileState c = r.get(i++).fileState();
            if (c != null && !c.exists()) return Change.none(Map.of("stdout", "skipped, since '" + p.string("removes") + "' does not exist"));
        }
        ProbeResult curl = r.get(i);
        if (curl.exitCode() == 127) throw new ModuleException("uri needs curl on " + host.name() + ", and it has none: install curl first");
        if (!curl.ok()) throw new ModuleException("Status code was -1 and not " + p.list("status_code") + ": Request failed: " + curl.error().trim() + " (curl exit code " + curl.exitCode() + ")");
        String all = curl.text();
        int nl = all.lastIndexOf('\n');
        String[] trailer = all.substring(nl + 1).split(" ", 4);
        String content = all.substring(0, Math.max(nl, 0));
        int status = Integer.parseInt(trailer[0]);
        String length = trailer.length > 2 && !trailer[2].isEmpty() ? trailer[2] : "unknown";
        String type = trailer.length > 3 ? trailer[3] : "";

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("url", url);
        out.put("status", status);
        out.put("redirected", trailer.length > 1 && !trailer[1].equals("0"));
        if (!type.isEmpty()) out.put("content_type", type);
        out.put("msg", "OK (" + length + " bytes)");   // Ansible's words, from the Content-Length header
        if (isJson(type) && !content.isEmpty()) {
            try {
                out.put("json", Json.MAPPER.readValue(content, Object.class));
            } catch (JsonProcessingException e) {
                // as Ansible: a body that is not JSON is simply not registered as json
            }
        }
        if (p.bool("return_content")) out.put("content", content);
        List<Integer> expected = p.list("status_code", Integer.class);
        if (!expected.contains(status)) {
            throw new ModuleException("Status code was " + status + " and not " + expected + ": " + (content.length() > 200 ? content.substring(0, 200) + "..." : content));
        }
        return Change.none(out);
    }

    private static boolean isJson(String contentType) {
        String t = contentType.toLowerCase();
        int semi = t.indexOf(';');
        if (semi >= 0) t = t.substring(0, semi);
        t = t.trim();
        String sub = t.substring(t.indexOf('/') + 1);
        if (sub.contains("+")) sub = sub.substring(sub.indexOf('+') + 1);
        return sub.equals("json") || sub.equals("javascript");
    }

    /** curl with the request as literal arguments; no --fail: status_code decides. */
    static List<String> curl(Params p) {
        List<String> options = new ArrayList<>(List.of("--max-time", String.valueOf(p.integer("timeout")), "--write-out", WRITE_OUT));
        if (p.string("method").equals("HEAD")) options.addAll(List.of("--head", "--output", "/dev/null"));
        Map<String, String> headers = GetUrlModule.headers(p);
        String body = body(p, headers);
        for (Map.Entry<String, String> h : headers.entrySet()) options.addAll(List.of("--header", h.getKey() + ": " + h.getValue()));
        if (p.has("url_username")) options.addAll(List.of("--user", p.string("url_username") + ":" + p.optional("url_password").orElse("")));
        if (body != null) options.addAll(List.of("--request", p.string("method"), "--data-binary", body));
        return Curl.argv(p.bool("validate_certs"), options, p.string("url"));
    }

    /** The body as sent, encoded by body_format; sets Content-Type as Ansible does when headers do not. */
    private static String body(Params p, Map<String, String> headers) {
        Object body = p.values().get("body");
        if (body == null) return null;
        String format = p.string("body_format");
        boolean typed = headers.keySet().stream().anyMatch(k -> k.equalsIgnoreCase("content-type"));
        String text;
        if (format.equals("json")) {
            try {
                text = body instanceof String s ? s : Json.MAPPER.writeValueAsString(body);
            } catch (JsonProcessingException e) {
                throw new ModuleException("body cannot be written as JSON: " + e.getOriginalMessage());
            }
            if (!typed) headers.put("Content-Type", "application/json");
        } else if (format.equals("form-urlencoded")) {
            if (body instanceof Map<?, ?> m) {
                text = m.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
            } else if (body instanceof String s) {
                text = s;
            } else {
                throw new ModuleException("body with body_format form-urlencoded must be a mapping or a string");
            }
            if (!typed) headers.put("Content-Type", "application/x-www-form-urlencoded");
        } else {
            text = String.valueOf(body);
        }
        return text;
    }

    private static String enc(Object v) {
        return URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8);
    }
}
