package dev.rigger.modules.facts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Ansible's network facts from {@code ip -j addr}, the default routes ({@code ip -j route show
 * default}) and /sys/class/net (pciid, speed, module): one {@code ansible_<interface>} mapping per interface, the interface list, every
 * address, and {@code default_ipv4}/{@code default_ipv6} (the default route's interface, its
 * gateway and the interface's first address of that family).
 */
final class NetworkFacts {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NetworkFacts() { }

    static void parse(String text, Map<String, Object> out) {
        String[] p = text.split("@@@\n?", -1);
        JsonNode links = json(p[0]);
        List<String> names = new ArrayList<>();
        List<Object> v4 = new ArrayList<>();
        List<Object> v6 = new ArrayList<>();
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        for (JsonNode link : links) {
            String name = link.path("ifname").asText();
            Map<String, Object> iface = iface(link);
            names.add(name);
            byName.put(name, iface);
            out.put(name.replace('-', '_').replace('.', '_'), iface);
            for (JsonNode a : link.path("addr_info")) {
                String addr = a.path("local").asText();
                if (a.path("family").asText().equals("inet") && !addr.startsWith("127.")) v4.add(addr);
                if (a.path("family").asText().equals("inet6") && !addr.equals("::1")) v6.add(addr);
            }
        }
        // as Ansible: in the order /sys/class/net lists them
        List<String> listed = p.length > 3 ? SystemFacts.lines(p[3]) : List.of();
        if (listed.size() == names.size() && listed.containsAll(names)) names = new ArrayList<>(listed);
        if (p.length > 4) sysfs(p[4], byName);
        out.put("interfaces", names);
        out.put("all_ipv4_addresses", v4);
        out.put("all_ipv6_addresses", v6);
        out.put("default_ipv4", defaultRoute(json(p.length > 1 ? p[1] : ""), byName, "ipv4"));
        out.put("default_ipv6", defaultRoute(json(p.length > 2 ? p[2] : ""), byName, "ipv6"));
    }

    /** What Ansible reads from /sys/class/net/NAME: the device's bus id (pciid), speed and driver module, where there are. */
    private static void sysfs(String text, Map<String, Map<String, Object>> byName) {
        for (String line : SystemFacts.lines(text)) {
            String[] f = line.split("\t", -1);
            Map<String, Object> iface = byName.get(f[0]);
            if (iface == null) continue;
            if (f.length > 3 && !f[3].isBlank()) iface.put("module", f[3].strip());
            if (f.length > 1 && !f[1].isBlank()) iface.put("pciid", f[1].strip());
            if (f.length > 2 && f[2].strip().matches("-?\\d+")) iface.put("speed", Integer.parseInt(f[2].strip()));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> defaultRoute(JsonNode routes, Map<String, Map<String, Object>> byName, String family) {
        Map<String, Object> d = new LinkedHashMap<>();
        if (routes.isEmpty()) return d;
        JsonNode r = routes.get(0);
        String dev = r.path("dev").asText();
        Map<String, Object> iface = byName.getOrDefault(dev, Map.of());
        Object addrs = iface.get(family);
        Map<String, Object> addr = null;
        if (addrs instanceof Map<?, ?> m) addr = (Map<String, Object>) m;
        if (addrs instanceof List<?> l) {
            for (Object o : l) {
                Map<String, Object> a = (Map<String, Object>) o;
                if ("global".equals(a.get("scope"))) { addr = a; break; }
            }
        }
        if (addr != null) d.putAll(addr);
        if (family.equals("ipv4")) d.put("alias", dev);
        if (r.has("gateway")) d.put("gateway", r.path("gateway").asText());
        d.put("interface", dev);
        for (String k : List.of("macaddress", "mtu", "type")) if (iface.containsKey(k)) d.put(k, iface.get(k));
        return new java.util.TreeMap<>(d);
    }

    private static Map<String, Object> iface(JsonNode link) {
        Map<String, Object> i = new LinkedHashMap<>();
        String type = link.path("link_type").asText();
        i.put("device", link.path("ifname").asText());
        List<String> flags = new ArrayList<>();
        link.path("flags").forEach(f -> flags.add(f.asText()));
        i.put("active", flags.contains("UP"));
        i.put("mtu", link.path("mtu").asInt());
        i.put("promisc", flags.contains("PROMISC"));
        i.put("type", type.equals("none") ? "unknown" : type);
        String mac = link.path("address").asText("");
        if (!mac.isEmpty() && !type.equals("loopback")) i.put("macaddress", mac);
        List<Object> six = new ArrayList<>();
        for (JsonNode a : link.path("addr_info")) {
            String fam = a.path("family").asText();
            int prefix = a.path("prefixlen").asInt();
            String addr = a.path("local").asText();
            if (fam.equals("inet") && !i.containsKey("ipv4")) {
                Map<String, Object> v4 = new LinkedHashMap<>();
                v4.put("address", addr);
                v4.put("broadcast", a.path("broadcast").asText(""));
                v4.put("netmask", netmask(prefix));
                v4.put("network", network(addr, prefix));
                v4.put("prefix", String.valueOf(prefix));
                i.put("ipv4", v4);
            } else if (fam.equals("inet6")) {
                Map<String, Object> v6 = new LinkedHashMap<>();
                v6.put("address", addr);
                v6.put("prefix", String.valueOf(prefix));
                v6.put("scope", a.path("scope").asText());
                six.add(v6);
            }
        }
        if (!six.isEmpty()) i.put("ipv6", six);
        return i;
    }

    static String netmask(int prefix) {
        long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        return dotted(mask);
    }

    static String network(String addr, int prefix) {
        String[] o = addr.split("\\.");
        long a = 0;
        for (String s : o) a = (a << 8) | Integer.parseInt(s);
        long mask = prefix == 0 ? 0 : (0xffffffffL << (32 - prefix)) & 0xffffffffL;
        return dotted(a & mask);
    }

    private static String dotted(long v) {
        return ((v >> 24) & 255) + "." + ((v >> 16) & 255) + "." + ((v >> 8) & 255) + "." + (v & 255);
    }

    private static JsonNode json(String text) {
        String t = text.strip();
        if (t.isEmpty()) return JSON.createArrayNode();
        try {
            return JSON.readTree(t);
        } catch (java.io.IOException e) {
            return JSON.createArrayNode();
        }
    }
}
