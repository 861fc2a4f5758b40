package dev.rigger.modules.facts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Ansible's memory, processor and mount facts from /proc/meminfo, /proc/cpuinfo and /proc/mounts. */
final class HardwareFacts {
    private HardwareFacts() { }

    static void parse(String text, Map<String, Object> out) {
        String[] p = text.split("@@@\n?", -1);
        Map<String, Long> mem = new HashMap<>();
        for (String line : SystemFacts.lines(p[0])) {
            String[] w = line.split("[:\\s]+");
            if (w.length >= 2 && w[1].matches("\\d+")) mem.put(w[0], Long.parseLong(w[1]));
        }
        out.put("memtotal_mb", mem.getOrDefault("MemTotal", 0L) / 1024);
        out.put("memfree_mb", mem.getOrDefault("MemFree", 0L) / 1024);
        out.put("swaptotal_mb", mem.getOrDefault("SwapTotal", 0L) / 1024);
        out.put("swapfree_mb", mem.getOrDefault("SwapFree", 0L) / 1024);
        cpu(p.length > 1 ? p[1] : "", out);
        String nproc = p.length > 2 ? p[2].strip() : "";
        if (nproc.matches("\\d+")) out.put("processor_nproc", Integer.parseInt(nproc));
    }

    /** As Ansible on x86: sockets from the physical ids, cores per socket, threads per core. */
    private static void cpu(String text, Map<String, Object> out) {
        int processors = 0;
        Set<String> sockets = new HashSet<>();
        int cores = 0;
        int siblings = 0;
        List<Object> model = new ArrayList<>();
        for (String line : text.split("\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) continue;
            String k = line.substring(0, colon).strip();
            String v = line.substring(colon + 1).strip();
            switch (k) {
                case "processor" -> { processors++; model.add(v); }
                case "vendor_id", "model name" -> model.add(v);
                case "physical id" -> sockets.add(v);
                case "cpu cores" -> cores = Integer.parseInt(v);
                case "siblings" -> siblings = Integer.parseInt(v);
                default -> { }
            }
        }
        int count = sockets.isEmpty() ? processors : sockets.size();
        int perSocket = cores > 0 ? cores : 1;
        int threads = cores > 0 && siblings > 0 ? siblings / cores : 1;
        out.put("processor", model);
        out.put("processor_count", count);
        out.put("processor_cores", perSocket);
        out.put("processor_threads_per_core", threads);
        out.put("processor_vcpus", sockets.isEmpty() ? processors : threads * perSocket * count);
    }

    static void mounts(String text, Map<String, Object> out) {
        String[] p = text.split("@@@\n?", -1);
        Map<String, String> uuids = uuids(p.length > 1 ? p[1] : "");
        // a bind mount (its root inside its file system is not /): Ansible adds "bind" to its options
        java.util.Set<String> binds = new java.util.HashSet<>(SystemFacts.lines(p.length > 2 ? p[2] : ""));
        List<Object> mounts = new ArrayList<>();
        for (String line : p[0].split("\n")) {
            String[] f = line.split("\t");
            if (f.length < 4) continue;
            Map<String, Object> m = new LinkedHashMap<>();
            String[] s = f.length > 4 ? f[4].strip().split(" ") : new String[0];
            if (s.length == 6) {
                long bs = Long.parseLong(s[0]);
                long total = Long.parseLong(s[1]);
                long avail = Long.parseLong(s[3]);
                long inodes = Long.parseLong(s[4]);
                long ifree = Long.parseLong(s[5]);
                m.put("block_available", avail);
                m.put("block_size", bs);
                m.put("block_total", total);
                m.put("block_used", total - avail);
                m.put("inode_available", ifree);
                m.put("inode_total", inodes);
                m.put("inode_used", inodes - ifree); // as Ansible: total less what is available
                m.put("size_available", avail * bs);
                m.put("size_total", total * bs);
            }
            m.put("device", f[0]);
            m.put("fstype", f[2]);
            m.put("mount", f[1]);
            m.put("options", binds.contains(f[1]) ? f[3] + ",bind" : f[3]);
            m.put("uuid", uuids.getOrDefault(f[0], "N/A"));
            mounts.add(new java.util.TreeMap<>(m));
        }
        out.put("mounts", mounts);
    }

    /** {@code ls -l /dev/disk/by-uuid}: the device each UUID links to. */
    private static Map<String, String> uuids(String text) {
        Map<String, String> out = new HashMap<>();
        for (String line : text.split("\n")) {
            int arrow = line.indexOf(" -> ");
            if (arrow < 0) continue;
            String[] left = line.substring(0, arrow).split("\\s+");
            String target = line.substring(arrow + 4).strip();
            out.put("/dev/" + target.substring(target.lastIndexOf('/') + 1), left[left.length - 1]);
        }
        return out;
    }
}
