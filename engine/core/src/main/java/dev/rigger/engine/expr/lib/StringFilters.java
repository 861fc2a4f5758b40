package dev.rigger.engine.expr.lib;

import dev.rigger.engine.expr.eval.EvalException;
import dev.rigger.engine.expr.eval.Py;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Text filters: case, trim, replace, split, join, padding, quoting, encodings, hashes, paths. */
final class StringFilters {
    private StringFilters() {}

    static void register(Registry r) {
        r.filter((in, a, c) -> PyStr.lower(Vals.str(in)), "lower");
        r.filter((in, a, c) -> PyStr.upper(Vals.str(in)), "upper");
        r.filter((in, a, c) -> PyStr.capitalize(Vals.str(in)), "capitalize");
        r.filter((in, a, c) -> title(Vals.str(in)), "title");
        r.filter((in, a, c) -> trim(in, a), "trim");
        r.filter(StringFilters::replace, "replace");
        r.filter(StringFilters::split, "split");
        r.filter(StringFilters::join, "join");
        r.filter((in, a, c) -> PyStr.center(Vals.str(in), Vals.integer(a.get(0, "width", 80L), "width"), " ", c), "center");
        r.filter(StringFilters::indent, "indent");
        r.filter((in, a, c) -> wordcount(Vals.str(in)), "wordcount");
        r.filter((in, a, c) -> quote(in), "quote");
        r.filter(Comment::apply, "comment");
        r.filter((in, a, c) -> b64encode(in, a), "b64encode");
        r.filter((in, a, c) -> b64decode(in, a), "b64decode");
        r.filter((in, a, c) -> basename(Vals.requireStr(in, "basename's path")), "basename");
        r.filter((in, a, c) -> dirname(Vals.requireStr(in, "dirname's path")), "dirname");
        r.filter((in, a, c) -> splitext(Vals.requireStr(in, "splitext's path")), "splitext");
        r.filter(StringFilters::pathJoin, "path_join");
        r.filter((in, a, c) -> digest(in, Vals.str(a.get(0, "hashtype", "sha1"))), "hash");
        r.filter((in, a, c) -> digest(in, "sha1"), "checksum", "sha1");
        r.filter((in, a, c) -> digest(in, "md5"), "md5");
        r.filter((in, a, c) -> Urls.urlencode(in), "urlencode");
        r.filter((in, a, c) -> Urls.unquotePlus(Vals.str(in)), "urldecode");
        r.filter((in, a, c) -> escapeHtml(Vals.str(in)), "e", "escape", "forceescape");
        r.filter(PrintfFormat::apply, "format");
        r.filter((in, a, c) -> toUuid(in, a), "to_uuid");
    }

    /** Jinja's title: each piece after a run of '-', whitespace or an opening bracket starts upper-case. */
    static String title(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        boolean start = true;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            boolean sep = c == '-' || PyStr.isSpace(c) || c == '(' || c == '{' || c == '[' || c == '<';
            if (sep) {
                sb.appendCodePoint(c);
                start = true;
            } else {
                sb.append(start ? PyStr.upper(new String(Character.toChars(c))) : PyStr.lower(new String(Character.toChars(c))));
                start = false;
            }
        }
        return sb.toString();
    }

    static Object trim(Object in, Args a) {
        Object chars = a.get(0, "chars", null);
        return PyStr.strip(Vals.str(in), chars == null ? null : Vals.requireStr(chars, "trim's chars"), true, true);
    }

    static Object replace(Object in, Args a, Context c) {
        a.atMost("replace", 3);
        String old = Vals.str(a.get(0, "old", null));
        String neu = Vals.str(a.get(1, "new", null));
        if (!a.has(1, "new")) throw new EvalException("replace() missing required argument: 'new'");
        Object count = a.get(2, "count", null);
        return PyStr.replace(Vals.str(in), old, neu, count == null ? -1 : Vals.integer(count, "count"), c);
    }

    static Object split(Object in, Args a, Context c) {
        String s = Vals.requireStr(in, "the input of split");
        Object sep = a.get(0, "sep", null);
        long max = Vals.integer(a.get(1, "maxsplit", -1L), "maxsplit");
        List<Object> parts = PyStr.split(s, sep == null ? null : Vals.requireStr(sep, "split's separator"), max);
        Vals.charge(c, parts.size());
        return parts;
    }

    static Object join(Object in, Args a, Context c) {
        String d = Vals.str(a.get(0, "d", ""));
        Object attribute = a.get(1, "attribute", null);
        List<Object> items = Vals.iter(in);
        java.util.function.UnaryOperator<Object> get = attribute == null ? x -> x : Vals.attrGetter(attribute, false, null);
        List<String> strs = new ArrayList<>(items.size());
        long size = 0;
        for (Object item : items) {
            String s = Vals.str(get.apply(item));
            size += s.length() + d.length();
            strs.add(s);
            c.budget().tick();
        }
        Vals.charge(c, size);
        return String.join(d, strs);
    }

    static Object indent(Object in, Args a, Context c) {
        Object width = a.get(0, "width", 4L);
        boolean first = Py.truthy(a.get(1, "first", false));
        boolean blank = Py.truthy(a.get(2, "blank", false));
        String s = Vals.str(in) + "\n";
        List<Object> lines = PyStr.splitlines(s, false);
        long indentLength = width instanceof String w ? w.length() : Math.max(0, Vals.integer(width, "width"));
        Vals.charge(c, s.length() + (lines.size() + 1L) * indentLength);
        String indention = width instanceof String w ? w : PyStr.repeat(" ", indentLength);
        StringBuilder rv = new StringBuilder();
        if (blank) {
            for (int i = 0; i < lines.size(); i++) {
                if (i > 0) rv.append('\n').append(indention);
                rv.append(lines.get(i));
            }
        } else {
            rv.append(lines.get(0));
            for (int i = 1; i < lines.size(); i++) {
                String line = (String) lines.get(i);
                rv.append('\n');
                if (!line.isEmpty()) rv.append(indention);
                rv.append(line);
            }
        }
        return first ? indention + rv : rv.toString();
    }

    /** Jinja's wordcount: runs of \w (Unicode letters, digits, underscore). */
    static long wordcount(String s) {
        long n = 0;
        boolean in = false;
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            boolean w = PyStr.isAlnum(c) || c == '_';
            if (w && !in) n++;
            in = w;
        }
        return n;
    }

    /** Python's shlex.quote. */
    static String quote(Object in) {
        Object v = Vals.defined(in);
        String s = v == null ? "" : Py.str(v);
        if (s.isEmpty()) return "''";
        boolean safe = true;
        for (int i = 0; i < s.length() && safe; i++) {
            char ch = s.charAt(i);
            safe = (ch < 128 && Character.isLetterOrDigit(ch)) || "_@%+=:,./-".indexOf(ch) >= 0;
        }
        return safe ? s : "'" + s.replace("'", "'\"'\"'") + "'";
    }

    static Object b64encode(Object in, Args a) {
        String enc = Vals.str(a.get(0, "encoding", "utf-8"));
        return Base64.getEncoder().encodeToString(Vals.str(in).getBytes(charset(enc)));
    }

    static Object b64decode(Object in, Args a) {
        String enc = Vals.str(a.get(0, "encoding", "utf-8"));
        String s = Vals.str(in);
        StringBuilder clean = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '+' || ch == '/' || ch == '=') {
                clean.append(ch);
            }
        }
        String t = clean.toString();
        int eq = t.indexOf('=');
        String data = eq < 0 ? t : t.substring(0, eq);
        if (data.length() % 4 == 1 || (eq < 0 && data.length() % 4 != 0)) {
            throw new EvalException("b64decode: Incorrect padding");
        }
        byte[] bytes = Base64.getDecoder().decode(data + "==".substring(0, (4 - data.length() % 4) % 4));
        return new String(bytes, charset(enc));
    }

    private static java.nio.charset.Charset charset(String enc) {
        try {
            return java.nio.charset.Charset.forName(enc.replace('_', '-'));
        } catch (RuntimeException e) {
            throw new EvalException("unknown encoding: " + enc);
        }
    }

    static String basename(String p) {
        return p.substring(p.lastIndexOf('/') + 1);
    }

    static String dirname(String p) {
        String head = p.substring(0, p.lastIndexOf('/') + 1);
        if (!head.isEmpty() && !head.chars().allMatch(ch -> ch == '/')) head = PyStr.strip(head, "/", false, true);
        return head;
    }

    /** posixpath.splitext, as a [root, ext] list. */
    static List<Object> splitext(String p) {
        int sep = p.lastIndexOf('/');
        int dot = p.lastIndexOf('.');
        if (dot > sep) {
            int fn = sep + 1;
            while (fn < dot) {
                if (p.charAt(fn) != '.') return new ArrayList<>(List.of(p.substring(0, dot), p.substring(dot)));
                fn++;
            }
        }
        return new ArrayList<>(List.of(p, ""));
    }

    static Object pathJoin(Object in, Args a, Context c) {
        Object v = Vals.defined(in);
        if (v instanceof String s) return s;
        if (!(v instanceof List<?> l)) throw new EvalException("|path_join expects string or sequence, got " + Py.typeName(v) + " instead.");
        StringBuilder sb = new StringBuilder();
        for (Object part : l) {
            String p = Vals.requireStr(part, "path_join's part");
            if (p.startsWith("/")) sb.setLength(0);
            else if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '/') sb.append('/');
            sb.append(p);
        }
        return sb.toString();
    }

    private static final Map<String, String> HASHES = Map.ofEntries(Map.entry("md5", "MD5"), Map.entry("sha1", "SHA-1"),
            Map.entry("sha224", "SHA-224"), Map.entry("sha256", "SHA-256"), Map.entry("sha384", "SHA-384"),
            Map.entry("sha512", "SHA-512"), Map.entry("sha3_224", "SHA3-224"), Map.entry("sha3_256", "SHA3-256"),
            Map.entry("sha3_384", "SHA3-384"), Map.entry("sha3_512", "SHA3-512"), Map.entry("sha512_224", "SHA-512/224"),
            Map.entry("sha512_256", "SHA-512/256"));

    static String digest(Object in, String hashtype) {
        String algo = HASHES.get(PyStr.lower(hashtype));
        if (algo == null) throw new EvalException("unsupported hash type " + hashtype);
        try {
            byte[] d = MessageDigest.getInstance(algo).digest(Vals.str(in).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d);
        } catch (NoSuchAlgorithmException e) {
            throw new EvalException("unsupported hash type " + hashtype);
        }
    }

    /** markupsafe's escape. */
    static String escapeHtml(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&#34;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }

    /** Ansible's to_uuid: uuid5 in Ansible's namespace (or the one given). */
    static Object toUuid(Object in, Args a) {
        String ns = Vals.str(a.get(0, "namespace", "361e6d51-faec-444a-9079-341386da8e2e"));
        java.util.UUID namespace;
        try {
            namespace = java.util.UUID.fromString(ns.replace("{", "").replace("}", "").replace("urn:uuid:", ""));
        } catch (IllegalArgumentException e) {
            throw new EvalException("Invalid value '" + ns + "' for 'namespace': badly formed hexadecimal UUID string");
        }
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            java.nio.ByteBuffer bb = java.nio.ByteBuffer.allocate(16);
            bb.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
            sha1.update(bb.array());
            byte[] h = sha1.digest(Vals.str(in).getBytes(StandardCharsets.UTF_8));
            h[6] = (byte) ((h[6] & 0x0f) | 0x50);
            h[8] = (byte) ((h[8] & 0x3f) | 0x80);
            String hex = HexFormat.of().formatHex(h, 0, 16);
            return hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-" + hex.substring(16, 20) + "-" + hex.substring(20);
        } catch (NoSuchAlgorithmException e) {
            throw new EvalException("SHA-1 is not available");
        }
    }
}
