package dev.rigger.modules.accounts;

import dev.rigger.modules.Shown;
import dev.rigger.spi.Change;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a name service database with {@code getent}, never changing anything. As in Ansible, the
 * answer is {@code ansible_facts.getent_<database>}: each entry's first field maps to its other
 * fields, split on ':' for the colon databases and on whitespace otherwise.
 */
public final class GetentModule implements Module {
    private static final Set<String> COLON_DATABASES = Set.of("passwd", "shadow", "group", "gshadow");
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*");

    private static final ParamSpec SPEC = ParamSpec.builder()
            .add(Param.string("database").required().doc("the database (passwd, group, shadow, hosts, services, ...)"))
            .add(Param.string("key").singleLine().doc("one entry to look up; all entries when not given"))
            .add(Param.string("split").doc("the field separator; ':' for passwd, group, shadow and gshadow, whitespace otherwise"))
            .add(Param.string("service").doc("the NSS service to ask (getent -s)"))
            .add(Param.bool("fail_key").defaultValue(true).doc("fail when the key is not found"))
            .build();

    @Override
    public String name() { return "getent"; }

    @Override
    public List<String> aliases() { return List.of("ansible.builtin.getent"); }

    @Override
    public String summary() { return "Read a name service database (passwd, group, hosts, ...) into ansible_facts.getent_<database>"; }

    @Override
    public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() { return "- getent:\n    database: passwd\n    key: root\n  register: who\n"; }

    @Override
    public List<Probe> firstProbes(Params p) {
        return probes(p);
    }

    private static List<Probe> probes(Params p) {
        List<String> argv = new ArrayList<>(List.of("getent"));
        if (p.has("service")) argv.addAll(List.of("-s", p.string("service")));
        argv.addAll(List.of("--", p.string("database")));
        if (p.has("key")) argv.add(p.string("key"));
        return List.of(new Probe.Run(argv));
    }

    @Override
    public Change plan(Params p, Host host) {
        String database = word("database", p.string("database"));
        if (p.has("service")) word("service", p.string("service"));
        ProbeResult r = host.probe(probes(p)).get(0);
        switch (r.exitCode()) {
            case 0 -> { }
            case 2 -> {
                String msg = "One or more supplied key could not be found in the database.";
                if (p.bool("fail_key")) throw new ModuleException(msg);
                return Change.none(Map.of("ansible_facts", Map.of("getent_" + database, Map.of()), "msg", msg));
            }
            case 1 -> throw new ModuleException("getent: missing arguments, or database " + Shown.quoted(database) + " unknown");
            case 3 -> throw new ModuleException("getent: enumeration not supported on database " + Shown.quoted(database));
            default -> throw new ModuleException("getent failed (exit " + r.exitCode() + "): " + r.error().strip());
        }
        String split = p.optional("split").orElse(COLON_DATABASES.contains(database) ? ":" : null);
        Map<String, List<String>> entries = new LinkedHashMap<>();
        for (String line : r.text().lines().toList()) {
            List<String> fields = split == null ? Arrays.asList(line.strip().split("\\s+")) : Arrays.asList(line.split(Pattern.quote(split), -1));
            if (fields.isEmpty() || fields.get(0).isEmpty()) continue;
            entries.put(fields.get(0), List.copyOf(fields.subList(1, fields.size())));
        }
        return Change.none(Map.of("ansible_facts", Map.of("getent_" + database, entries)));
    }

    private static String word(String what, String value) {
        if (!WORD.matcher(value).matches()) {
            throw new ModuleException("invalid " + what + " " + Shown.quoted(value) + ": use letters, digits, '_', '.' and '-', not starting with '-' or '.'");
        }
        return value;
    }
}
