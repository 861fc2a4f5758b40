package dev.rigger.modules.files;

import dev.rigger.spi.Probe;
import dev.rigger.spi.Change;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A whole file from {@code content} or from a local file beside the playbook ({@code src}).
 * The checksum of what is there decides first, so an unchanged file costs one stat and
 * transfers nothing; see {@link FileContent#replace}.
 */
public final class CopyModule implements Module {
    private static final ParamSpec SPEC = SelinuxContext.declare(FileContent.declare(ParamSpec.builder()
            .add(Param.string("dest").required().absoluteOrHomePath().doc("the file to write; a folder (or a path ending in /) receives src under its own name"))
            .add(Param.string("src").doc("a local file, looked up beside the playbook and in its files/ folder; with remote_src, a file or folder on the host (a trailing / copies the folder's content)"))
            .add(Param.bool("remote_src").defaultValue(false).doc("src is on the host, not beside the playbook: a file is compared by checksum, a folder is mirrored into dest (nothing removed), owner and group go to the whole copied tree"))
            .add(Param.any("content").doc("the whole content, instead of src; a list or a mapping is written as JSON (Python's json.dumps), as Ansible does"))
            .add(Param.bool("force").aliases("thirsty").defaultValue(true)
                    .doc("replace a file whose content differs; false writes only when dest does not exist"))))
            .mutuallyExclusive("src", "content")
            .requireOneOf("src", "content")
            .requiredIf("remote_src", true, "src")
            .build();

    @Override
    public String name() { return "copy"; }

    @Override
    public List<String> aliases() { return List.of("ansible.builtin.copy"); }

    @Override
    public String summary() { return "Write a file from inline content or a local file, only when its checksum differs"; }

    @Override
    public ParamSpec spec() { return SPEC; }

    @Override
    public List<Probe> firstProbes(Params p) {
        if (HomePath.isHome(p.string("dest"))) return List.of(HomePath.probe(p.string("dest")));   // '~' first, expanded on the host
        if (p.bool("remote_src")) return RemoteCopy.firstProbes(p);
        return FileContent.firstOfReplace(destination(p.string("dest"), p.string("src")));
    }

    @Override
    public Change plan(Params p, Host host) {
        if (HomePath.isHome(p.string("dest"))) p = HomePath.expanded(p, "dest", host);
        if (p.bool("remote_src")) return SelinuxContext.checked(RemoteCopy.plan(p, host), p, host);
        String src = p.string("src");
        String dest = destination(p.string("dest"), src);
        byte[] want = src != null ? p.localFile(src) : content(p.values().get("content")).getBytes(StandardCharsets.UTF_8);
        return SelinuxContext.checked(FileContent.replace(p, host, dest, src, want), p, host);
    }

    /**
     * The text content writes, as Ansible's copy action: a list or a mapping (what a template of one
     * such expression renders to) as json.dumps writes it, anything else as Python's str().
     */
    static String content(Object c) {
        if (c instanceof java.util.List<?> || c instanceof java.util.Map<?, ?>) {
            StringBuilder out = new StringBuilder();
            json(c, out);
            return out.toString();
        }
        if (c instanceof Boolean b) return b ? "True" : "False";
        if (c instanceof Double d) return pyFloat(d);
        return String.valueOf(c);
    }

    /** Python's json.dumps with its defaults: ", " and ": ", keys in order, non-ASCII as \\u escapes. */
    private static void json(Object v, StringBuilder out) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof Boolean b) {
            out.append(b);
        } else if (v instanceof Double d) {
            out.append(d.isNaN() ? "NaN" : d.isInfinite() ? (d > 0 ? "Infinity" : "-Infinity") : pyFloat(d));
        } else if (v instanceof Number n) {
            out.append(n);
        } else if (v instanceof java.util.List<?> l) {
            out.append('[');
            for (int k = 0; k < l.size(); k++) {
                if (k > 0) out.append(", ");
                json(l.get(k), out);
            }
            out.append(']');
        } else if (v instanceof java.util.Map<?, ?> m) {
            out.append('{');
            boolean first = true;
            for (var e : m.entrySet()) {
                if (!first) out.append(", ");
                first = false;
                Object k = e.getKey();
                // json.dumps makes a key a string: True -> "true", None -> "null", 1 -> "1"
                json(k instanceof String ? k : k == null || k instanceof Boolean ? String.valueOf(k)
                        : k instanceof Double d ? pyFloat(d) : k.toString(), out);
                out.append(": ");
                json(e.getValue(), out);
            }
            out.append('}');
        } else {
            String s = v.toString();
            out.append('"');
            for (int k = 0; k < s.length(); k++) {
                char ch = s.charAt(k);
                switch (ch) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    case '\b' -> out.append("\\b");
                    case '\f' -> out.append("\\f");
                    default -> {
                        if (ch < 0x20 || ch > 0x7e) out.append(String.format("\\u%04x", (int) ch));
                        else out.append(ch);
                    }
                }
            }
            out.append('"');
        }
    }

    /** Python's repr of a float: the shortest digits, exponent form below 1e-4 and from 1e16 ("1e+16", "1.5e-05"). */
    static String pyFloat(double d) {
        if (d == 0) return (1 / d < 0) ? "-0.0" : "0.0";
        if (Double.isNaN(d)) return "nan";
        if (Double.isInfinite(d)) return d > 0 ? "inf" : "-inf";
        java.math.BigDecimal b = new java.math.BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exp = b.precision() - b.scale() - 1;
        if (exp < -4 || exp >= 16) {
            String digits = b.unscaledValue().abs().toString();
            String mant = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (d < 0 ? "-" : "") + mant + "e" + (exp < 0 ? "-" : "+") + (Math.abs(exp) < 10 ? "0" : "") + Math.abs(exp);
        }
        String plain = b.toPlainString();
        return plain.contains(".") ? plain : plain + ".0";
    }

    /** A dest ending in / names a folder: the file keeps src's name there (as in Ansible). */
    static String destination(String dest, String src) {
        if (!dest.endsWith("/")) return dest;
        if (src == null) throw new ModuleException("dest " + dest + " is a folder; content needs a file name");
        return dest + src.substring(src.lastIndexOf('/') + 1);
    }
}
