package dev.rigger.modules.files;

import dev.rigger.spi.ModuleException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * What an archive holds, read on the controller: each member's name, type, content hash and link
 * target, enough to tell whether a folder already holds it. Reads tar (ustar, GNU long names, pax
 * path records), gzip-compressed tar and zip; the format is known by its first bytes.
 */
final class Archive {
    enum Format {
        TAR("TarArchive"), TAR_GZ("TgzArchive"), ZIP("ZipArchive");

        final String handler;

        Format(String handler) {
            this.handler = handler;
        }
    }

    enum Kind { FILE, DIRECTORY, LINK }

    /** One member: {@code name} as stored, {@code path} relative to the folder it is extracted into. */
    record Member(String name, String path, Kind kind, String sha256, String linkTarget) { }

    private Archive() { }

    static Format format(byte[] b) {
        if (b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b) return Format.TAR_GZ;
        if (b.length >= 4 && b[0] == 'P' && b[1] == 'K' && (b[2] == 3 || b[2] == 5)) return Format.ZIP;
        if (b.length >= 263 && new String(b, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) return Format.TAR;
        throw new ModuleException("Failed to find handler for the archive: only tar, tar.gz (tgz) and zip are supported");
    }

    static List<Member> members(byte[] archive, Format f) {
        try {
            return switch (f) {
                case TAR -> tar(new ByteArrayInputStream(archive));
                case TAR_GZ -> tar(new GZIPInputStream(new ByteArrayInputStream(archive)));
                case ZIP -> zip(archive);
            };
        } catch (IOException e) {
            throw new ModuleException("cannot read the archive: " + e.getMessage());
        }
    }

    private static List<Member> zip(byte[] archive) throws IOException {
        Map<String, Integer> unixModes = unixModes(archive);
        List<Member> out = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(archive))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                String path = relative(e.getName());
                if (path == null) continue;
                byte[] data = e.isDirectory() ? null : in.readAllBytes();
                boolean link = (unixModes.getOrDefault(e.getName(), 0) & 0170000) == 0120000;   // S_IFLNK: the content is the target
                out.add(e.isDirectory() ? new Member(e.getName(), path, Kind.DIRECTORY, null, null)
                        : link ? new Member(e.getName(), path, Kind.LINK, null, new String(data, StandardCharsets.UTF_8))
                        : new Member(e.getName(), path, Kind.FILE, FileContent.sha256(data), null));
            }
        }
        return out;
    }

    /** The Unix mode each zip member was stored with (the high half of its external attributes, from the central directory). */
    private static Map<String, Integer> unixModes(byte[] z) {
        Map<String, Integer> out = new HashMap<>();
        int end = -1;
        for (int i = z.length - 22; i >= Math.max(0, z.length - 22 - 65535); i--) {
            if (le32(z, i) == 0x06054b50) { end = i; break; }
        }
        if (end < 0) return out;
        int count = le16(z, end + 10);
        int at = (int) le32(z, end + 16);
        for (int n = 0; n < count && at + 46 <= z.length && le32(z, at) == 0x02014b50; n++) {
            int nameLen = le16(z, at + 28);
            int extraLen = le16(z, at + 30);
            int commentLen = le16(z, at + 32);
            boolean unix = (z[at + 5] & 0xff) == 3;   // "version made by": 3 is Unix
            long external = le32(z, at + 38);
            out.put(new String(z, at + 46, nameLen, StandardCharsets.UTF_8), unix ? (int) (external >>> 16) : 0);
            at += 46 + nameLen + extraLen + commentLen;
        }
        return out;
    }

    private static int le16(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }

    private static long le32(byte[] b, int i) {
        return (le16(b, i) | (long) le16(b, i + 2) << 16) & 0xffffffffL;
    }

    private static List<Member> tar(InputStream in) throws IOException {
        List<Member> out = new ArrayList<>();
        Map<String, String> byPath = new HashMap<>();   // hard links: the content of the member they name
        String longName = null;
        String longLink = null;
        while (true) {
            byte[] h = in.readNBytes(512);
            if (h.length < 512 || isZero(h)) break;
            long size = octal(h, 124, 12);
            char type = (char) h[156];
            byte[] data = in.readNBytes((int) size);
            in.skipNBytes((512 - size % 512) % 512);
            if (type == 'L') { longName = cString(data, 0, data.length); continue; }
            if (type == 'K') { longLink = cString(data, 0, data.length); continue; }
            if (type == 'x') {
                Map<String, String> pax = pax(data);
                if (pax.containsKey("path")) longName = pax.get("path");
                if (pax.containsKey("linkpath")) longLink = pax.get("linkpath");
                continue;
            }
            if (type == 'g') continue;
            String name = longName != null ? longName : ustarName(h);
            String link = longLink != null ? longLink : cString(h, 157, 100);
            longName = null;
            longLink = null;
            String path = relative(name);
            if (path == null) continue;
            switch (type) {
                case '0', '\0', '7' -> {
                    String sha = FileContent.sha256(data);
                    byPath.put(path, sha);
                    out.add(new Member(name, path, Kind.FILE, sha, null));
                }
                case '1' -> out.add(new Member(name, path, Kind.FILE, byPath.get(relative(link)), null));
                case '2' -> out.add(new Member(name, path, Kind.LINK, null, link));
                case '5' -> out.add(new Member(name, path, Kind.DIRECTORY, null, null));
                default -> throw new ModuleException("the archive member " + name + " is a device or fifo (tar type '" + type + "'): not supported");
            }
        }
        return out;
    }

    /** The member's path inside the destination, null for the archive's top folder itself; refuses what would land outside. */
    private static String relative(String name) {
        String p = name;
        while (p.startsWith("./")) p = p.substring(2);
        while (p.endsWith("/")) p = p.substring(0, p.length() - 1);
        if (p.isEmpty() || p.equals(".")) return null;
        if (p.startsWith("/") || p.equals("..") || p.startsWith("../") || p.contains("/../") || p.endsWith("/..")) {
            throw new ModuleException("the archive member " + name + " would land outside dest: refused");
        }
        return p;
    }

    private static String ustarName(byte[] h) {
        String name = cString(h, 0, 100);
        boolean ustar = new String(h, 257, 5, StandardCharsets.US_ASCII).equals("ustar");
        String prefix = ustar ? cString(h, 345, 155) : "";
        return prefix.isEmpty() ? name : prefix + "/" + name;
    }

    private static Map<String, String> pax(byte[] data) {
        Map<String, String> out = new HashMap<>();
        String s = new String(data, StandardCharsets.UTF_8);
        int i = 0;
        while (i < s.length()) {
            int sp = s.indexOf(' ', i);
            if (sp < 0) break;
            int len = Integer.parseInt(s.substring(i, sp));
            String rec = new String(data, 0, data.length, StandardCharsets.UTF_8).substring(sp + 1, i + len - 1);
            int eq = rec.indexOf('=');
            if (eq > 0) out.put(rec.substring(0, eq), rec.substring(eq + 1));
            i += len;
        }
        return out;
    }

    private static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && end < b.length && b[end] != 0) end++;
        return new String(b, off, end - off, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] b, int off, int len) {
        String s = cString(b, off, len).trim();
        return s.isEmpty() ? 0 : Long.parseLong(s, 8);
    }

    private static boolean isZero(byte[] h) {
        for (byte x : h) if (x != 0) return false;
        return true;
    }
}
