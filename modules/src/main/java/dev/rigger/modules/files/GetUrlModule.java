package dev.rigger.modules.files;

import dev.rigger.modules.Curl;
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
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A file downloaded by the host, as ansible.builtin.get_url. The host fetches the URL (curl, else
 * wget; a file:// URL is read), as Ansible's module does; the bytes come back with the probe's
 * answer, so the plan knows exactly what would change and the write is the same atomic
 * {@link FileContent#write} copy uses. An existing dest is downloaded again only when forced or
 * when it does not match the given checksum.
 */
public final class GetUrlModule implements Module {
    static final Pattern SCHEME = Pattern.compile("(?i)(https?|ftp|file)://.*");
    private static final Pattern CHECKSUM = Pattern.compile("(md5|sha1|sha224|sha256|sha384|sha512):([0-9a-fA-F]+)");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    private static final ParamSpec SPEC = Attributes.declare(ParamSpec.builder()
            .add(Param.string("url").required().notEmpty().singleLine().doc("http://, https://, ftp:// or file:// URL fetched by the host (curl, else wget)"))
            .add(Param.string("dest").required().absolutePath().doc("the file to write; when it is an existing folder, the file is named after the URL's last path segment"))
            .add(Param.string("checksum").defaultValue("").singleLine().doc("'ALGORITHM:HEX' (md5, sha1, sha224, sha256, sha384, sha512): the download must match it, and an existing dest that matches is not downloaded again"))
            .add(Param.bool("force").defaultValue(false).doc("download even when dest exists, and replace it when the content differs"))
            .add(Param.bool("backup").defaultValue(false).doc("keep a copy of the old file as PATH.PID.DATE@TIME~ (registered as backup_file) when the content changes"))
            .add(Param.integer("timeout").defaultValue(10).doc("seconds the request may take"))
            .add(Param.map("headers").doc("HTTP request headers, name: value"))
            .add(Param.string("url_username").aliases("username").singleLine().doc("user for HTTP basic authentication"))
            .add(Param.string("url_password").aliases("password").secret().singleLine().doc("password for HTTP basic authentication (on the downloader's command line on the host while it runs)"))
            .add(Param.bool("validate_certs").defaultValue(true).doc("false accepts any HTTPS certificate")))
            .build();

    @Override public String name() { return "get_url"; }
    @Override public List<String> aliases() { return List.of("ansible.builtin.get_url"); }
    @Override public String summary() { return "Download a file from HTTP, HTTPS, FTP or file:// onto the host, with an optional checksum"; }
    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- get_url:\n    url: https://downloads.example.com/tool-1.2.tar.gz\n    dest: /opt/tool-1.2.tar.gz\n"
                + "    checksum: sha256:5f70bf18a086007016e948b04aed3b82103a36bea41755b6cddfaf10ace3c6ef\n    mode: \"0644\"";
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        return probes(p, p.string("dest"));
    }

    /** dest and its folder; the checksum's digest of dest when the stat's sha256 is not that algorithm. */
    private static List<Probe> probes(Params p, String dest) {
        List<Probe> out = new ArrayList<>(FileContent.firstOfReplace(dest));
        String algo = algorithm(p);
        if (algo != null && !algo.equals("sha256")) out.add(new Probe.Run(List.of(algo + "sum", "--", dest)));
        return out;
    }

    @Override
    public Change plan(Params p, Host host) {
        String url = p.string("url");
        if (!SCHEME.matcher(url).matches()) throw new ModuleException("url must start with http://, https://, ftp:// or file://: " + url);
        String checksum = checksum(p);
        String dest = p.string("dest");
        List<ProbeResult> r = host.probe(probes(p, dest));
        FileState file = r.get(0).fileState();
        if (file != null && file.type() == FileState.Type.DIRECTORY) {
            dest = (dest.endsWith("/") ? dest : dest + "/") + fileName(url);
            r = host.probe(probes(p, dest));
            file = r.get(0).fileState();
        }
        if (file == null) throw new ModuleException("cannot inspect " + dest + ": " + r.get(0).error().trim());
        if (file.type() != FileState.Type.ABSENT && file.type() != FileState.Type.FILE) {
            throw new ModuleException(dest + " is a " + file.type().name().toLowerCase() + ", not a file");
        }
        FileState folder = r.get(1).fileState();
        if (!file.exists() && (folder == null || !folder.exists())) throw new ModuleException("Destination dir " + FileContent.parent(dest) + " does not exist");

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dest", dest);
        out.put("url", url);
        boolean force = p.bool("force");
        if (file.exists() && !force) {
            boolean matches = checksum == null || checksum.equals(digestOf(p, file, r));
            if (matches) {
                out.put("msg", "file already exists");
                return FileContent.attributesOnly(p, file).withOutputs(out);
            }
        }
        Fetched got = fetch(p, host, url);
        byte[] bytes = got.bytes;
        if (checksum != null) {
            String actual = digest(algorithm(p), bytes);
            if (!actual.equals(checksum)) throw new ModuleException("The checksum for " + dest + " did not match " + checksum + "; it was " + actual + ".");
        }
        boolean same = file.exists() && FileContent.sha256(bytes).equals(file.sha256());
        if (same) out.put("checksum_dest", digest("sha1", bytes));   // differing: not asked of the host
        out.put("checksum_src", digest("sha1", bytes));
        out.put("md5sum", digest("md5", bytes));
        out.put("size", bytes.length);
        if (got.status != null) out.put("status_code", got.status);
        out.put("msg", "OK (" + bytes.length + " bytes)");
        if (same) return FileContent.attributesOnly(p, file).withOutputs(out);
        return FileContent.write(p, new FileContent.Current(file, null, true), bytes).withOutputs(out);
    }

    /** The digest of the existing dest in the checksum's algorithm: the stat's sha256, or the *sum probe's answer. */
    private static String digestOf(Params p, FileState file, List<ProbeResult> r) {
        if ("sha256".equals(algorithm(p))) return file.sha256();
        ProbeResult sum = r.get(2);
        if (!sum.ok()) throw new ModuleException("cannot compute the " + algorithm(p) + " of " + file.path() + ": " + sum.error().trim());
        String text = sum.text().trim();
        int space = text.indexOf(' ');
        return (space < 0 ? text : text.substring(0, space)).toLowerCase();
    }

    private record Fetched(byte[] bytes, Integer status) { }

    /** The URL's content, fetched by the host: read for file://, else curl, else wget. */
    private static Fetched fetch(Params p, Host host, String url) {
        if (url.regionMatches(true, 0, "file://", 0, 7)) {
            String path = url.substring(7);
            ProbeResult read = host.probe(List.of(new Probe.Read(path))).get(0);
            if (!read.ok()) throw new ModuleException("Request failed: cannot read " + path + ": " + read.error().trim());
            return new Fetched(read.output(), null);
        }
        ProbeResult curl = host.probe(List.of(new Probe.Run(curl(p, url)))).get(0);
        if (curl.exitCode() != 127) {
            if (!curl.ok()) throw new ModuleException("Request failed: " + curl.error().trim() + " (curl exit code " + curl.exitCode() + ")");
            byte[] all = curl.output();
            if (all.length < 3) throw new ModuleException("Request failed: curl gave no status code");
            String code = new String(all, all.length - 3, 3, StandardCharsets.US_ASCII);
            byte[] body = new byte[all.length - 3];
            System.arraycopy(all, 0, body, 0, body.length);
            return new Fetched(body, Integer.valueOf(code));
        }
        ProbeResult wget = host.probe(List.of(new Probe.Run(wget(p, url)))).get(0);
        if (wget.exitCode() == 127) throw new ModuleException("get_url needs curl or wget on " + host.name() + ", and it has neither: install one of them first");
        if (!wget.ok()) throw new ModuleException("Request failed: " + wget.error().trim() + " (wget exit code " + wget.exitCode() + ")");
        return new Fetched(wget.output(), null);
    }

    /** curl prints the body, then the 3-digit HTTP status (-w); --fail makes any status from 400 an error. */
    static List<String> curl(Params p, String url) {
        List<String> options = new ArrayList<>(List.of("--fail", "--max-time", String.valueOf(p.integer("timeout")), "--write-out", "%{http_code}"));
        for (Map.Entry<String, String> h : headers(p).entrySet()) options.addAll(List.of("--header", h.getKey() + ": " + h.getValue()));
        if (p.has("url_username")) options.addAll(List.of("--user", p.string("url_username") + ":" + p.optional("url_password").orElse("")));
        return Curl.argv(p.bool("validate_certs"), options, url);
    }

    static List<String> wget(Params p, String url) {
        List<String> argv = new ArrayList<>(List.of("wget", "--quiet", "--output-document=-", "--timeout=" + p.integer("timeout")));
        if (!p.bool("validate_certs")) argv.add("--no-check-certificate");
        for (Map.Entry<String, String> h : headers(p).entrySet()) argv.add("--header=" + h.getKey() + ": " + h.getValue());
        if (p.has("url_username")) {
            argv.add("--user=" + p.string("url_username"));
            argv.add("--password=" + p.optional("url_password").orElse(""));
        }
        argv.addAll(List.of("--", url));
        return argv;
    }

    static Map<String, String> headers(Params p) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!p.has("headers")) return out;
        for (Map.Entry<String, Object> h : p.map("headers").entrySet()) {
            String v = String.valueOf(h.getValue());
            if (!HEADER_NAME.matcher(h.getKey()).matches()) throw new ModuleException("headers: '" + h.getKey() + "' is not a valid HTTP header name");
            if (v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) throw new ModuleException("headers: the value of " + h.getKey() + " must be one line");
            out.put(h.getKey(), v);
        }
        return out;
    }

    /** The file name a folder dest gets: the URL path's last segment, as Ansible's url_filename. */
    static String fileName(String url) {
        String path = url.replaceFirst("(?i)^[a-z]+://[^/]*", "");
        int cut = path.indexOf('?');
        if (cut >= 0) path = path.substring(0, cut);
        cut = path.indexOf('#');
        if (cut >= 0) path = path.substring(0, cut);
        String name = path.substring(path.lastIndexOf('/') + 1);
        if (name.isEmpty() || name.equals(".") || name.equals("..")) return "index.html";
        return name;
    }

    private static String algorithm(Params p) {
        String c = p.string("checksum");
        if (c == null || c.isEmpty()) return null;
        int colon = c.indexOf(':');
        return colon < 0 ? null : c.substring(0, colon).toLowerCase();
    }

    /** The expected hex digest, or null without a checksum. */
    private static String checksum(Params p) {
        String c = p.string("checksum");
        if (c == null || c.isEmpty()) return null;
        var m = CHECKSUM.matcher(c.toLowerCase());
        if (!m.matches()) throw new ModuleException("checksum must be ALGORITHM:HEX with md5, sha1, sha224, sha256, sha384 or sha512 (a checksum file URL is not supported): " + c);
        return m.group(2);
    }

    static String digest(String algo, byte[] b) {
        String name = switch (algo) {
            case "md5" -> "MD5";
            case "sha1" -> "SHA-1";
            default -> "SHA-" + algo.substring(3);
        };
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(name).digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
