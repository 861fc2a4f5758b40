package dev.rigger.modules.mysql;

import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.ProbeResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replication, as community.mysql.mysql_replication: the primary's and the replica's status read
 * (registered as the server's columns plus Is_Primary / Is_Replica), CHANGE MASTER TO with the
 * given values as string literals, START/STOP/RESET. START and STOP look at the replica's
 * threads first, so a started replica is not started again (the collection learns it from the
 * server's warning); CHANGE MASTER and RESET always change, as there.
 */
public final class MysqlReplicationModule implements Module {
    private static final Pattern VERSION = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");
    private static final Pattern NUMBER = Pattern.compile("-?\\d{1,18}");
    private static final ParamSpec SPEC = MysqlLogin.common(ParamSpec.builder())
            .add(Param.choice("mode", "getprimary", "getreplica", "changeprimary", "stopreplica", "startreplica", "resetprimary",
                    "resetreplica", "resetreplicaall", "getmaster", "getslave", "changemaster", "stopslave", "startslave", "resetmaster",
                    "resetslave", "resetslaveall").defaultValue("getreplica").doc("what to do; the *master/*slave names are the older ones"))
            .add(Param.bool("primary_auto_position").defaultValue(false).aliases("master_auto_position"))
            .add(Param.string("primary_host").singleLine().aliases("master_host"))
            .add(Param.string("primary_user").singleLine().aliases("master_user"))
            .add(Param.string("primary_password").secret().aliases("master_password"))
            .add(Param.integer("primary_port").aliases("master_port"))
            .add(Param.integer("primary_connect_retry").aliases("master_connect_retry"))
            .add(Param.string("primary_log_file").singleLine().aliases("master_log_file"))
            .add(Param.integer("primary_log_pos").aliases("master_log_pos"))
            .add(Param.string("relay_log_file").singleLine())
            .add(Param.integer("relay_log_pos"))
            .add(Param.bool("primary_ssl").aliases("master_ssl"))
            .add(Param.string("primary_ssl_ca").singleLine().aliases("master_ssl_ca"))
            .add(Param.string("primary_ssl_capath").singleLine().aliases("master_ssl_capath"))
            .add(Param.string("primary_ssl_cert").singleLine().aliases("master_ssl_cert"))
            .add(Param.string("primary_ssl_key").singleLine().aliases("master_ssl_key"))
            .add(Param.string("primary_ssl_cipher").singleLine().aliases("master_ssl_cipher"))
            .add(Param.bool("primary_ssl_verify_server_cert").defaultValue(false))
            .add(Param.choice("primary_use_gtid", "current_pos", "replica_pos", "disabled").aliases("master_use_gtid"))
            .add(Param.integer("primary_delay").aliases("master_delay"))
            .add(Param.string("connection_name").singleLine())
            .add(Param.string("channel").singleLine())
            .add(Param.bool("fail_on_error").defaultValue(false))
            .mutuallyExclusive("connection_name", "channel")
            .build();

    @Override public String name() { return "mysql_replication"; }
    @Override public List<String> aliases() { return List.of("community.mysql.mysql_replication", "ansible.legacy.mysql_replication"); }
    @Override public String summary() { return "Read and manage MySQL/MariaDB replication, as community.mysql.mysql_replication"; }
    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- mysql_replication: { mode: getreplica }\n  register: replica\n"
                + "- community.mysql.mysql_replication:\n    mode: changeprimary\n    primary_host: db1\n    primary_log_file: mysql-bin.000001\n    primary_log_pos: 4";
    }

    /** The mode by its current name (the older names mean the same). */
    static String mode(Params p) {
        return p.optional("mode").orElse("getreplica").replace("master", "primary").replace("slave", "replica");
    }

    @Override
    public Change plan(Params p, Host host) {
        String mode = mode(p);
        MysqlServer server = MysqlServer.connect(p, host, false, login -> List.of());
        String term = replicaTerm(server) ? "REPLICA" : "SLAVE";
        String target = target(p);
        List<String> queries = new ArrayList<>();
        Map<String, Object> out = new LinkedHashMap<>();
        switch (mode) {
            case "getprimary" -> {
                Map<String, Object> status = status(host.probe(List.of(server.login().namedQuery("SHOW MASTER STATUS"))).get(0));
                if (status == null) out.putAll(Map.of("Is_Primary", false, "msg", "Server is not configured as mysql primary"));
                else out.putAll(status);
                if (status != null) out.put("Is_Primary", true);
                out.put("queries", List.of());
                return Change.none(out);
            }
            case "getreplica" -> {
                Map<String, Object> status = status(host.probe(List.of(server.login().namedQuery(statusQuery(p, term)))).get(0));
                if (status == null) out.putAll(Map.of("Is_Replica", false, "msg", "Server is not configured as mysql replica"));
                else out.putAll(status);
                if (status != null) out.put("Is_Replica", true);
                out.put("queries", List.of());
                return Change.none(out);
            }
            case "startreplica", "stopreplica" -> {
                boolean start = mode.equals("startreplica");
                Map<String, Object> status = status(host.probe(List.of(server.login().namedQuery(statusQuery(p, term)))).get(0));
                boolean running = status != null && "Yes".equals(String.valueOf(status.get(term.equals("REPLICA") ? "Slave_IO_Running" : "Slave_IO_Running")))
                        && "Yes".equals(String.valueOf(status.get("Slave_SQL_Running")));
                boolean stopped = status == null || ("No".equals(String.valueOf(status.get("Slave_IO_Running")))
                        && "No".equals(String.valueOf(status.get("Slave_SQL_Running"))));
                if (start ? running || status == null : stopped) {
                    out.put("msg", start ? "Replica already started (Or cannot be started)" : "Replica already stopped");
                    out.put("queries", List.of());
                    return Change.none(out);
                }
                queries.add((start ? "START " : "STOP ") + term + target);
                out.put("msg", start ? "Replica started " : "Replica stopped");
            }
            case "resetprimary" -> {
                queries.add("RESET MASTER");
                out.put("msg", "Primary reset");
            }
            case "resetreplica", "resetreplicaall" -> {
                queries.add("RESET " + term + connection(p) + (mode.endsWith("all") ? " ALL" : "") + channel(p));
                out.put("msg", "Replica reset");
            }
            case "changeprimary" -> queries.add("CHANGE MASTER " + connection(p).stripLeading() + (p.has("connection_name") ? " " : "")
                    + "TO " + String.join(",", changes(p, term)) + channel(p));
            default -> throw new ModuleException("unknown mode " + mode);
        }
        out.put("queries", queries.stream().map(q -> q.contains("MASTER_PASSWORD") ? q.replaceAll("MASTER_PASSWORD='(?:[^'\\\\]|\\\\.)*'",
                "MASTER_PASSWORD='********'") : q).toList());
        return Change.of(List.of(Diff.run(mode)), List.of(server.login().statements(queries))).withOutputs(out).unverifiable();
    }

    private static List<String> changes(Params p, String term) {
        List<String> chm = new ArrayList<>();
        text(p, "primary_host", "MASTER_HOST", chm);
        text(p, "primary_user", "MASTER_USER", chm);
        text(p, "primary_password", "MASTER_PASSWORD", chm);
        number(p, "primary_port", "MASTER_PORT", chm);
        number(p, "primary_connect_retry", "MASTER_CONNECT_RETRY", chm);
        text(p, "primary_log_file", "MASTER_LOG_FILE", chm);
        number(p, "primary_log_pos", "MASTER_LOG_POS", chm);
        number(p, "primary_delay", "MASTER_DELAY", chm);
        text(p, "relay_log_file", "RELAY_LOG_FILE", chm);
        number(p, "relay_log_pos", "RELAY_LOG_POS", chm);
        if (p.has("primary_ssl")) chm.add("MASTER_SSL=" + (p.bool("primary_ssl") ? 1 : 0));
        text(p, "primary_ssl_ca", "MASTER_SSL_CA", chm);
        text(p, "primary_ssl_capath", "MASTER_SSL_CAPATH", chm);
        text(p, "primary_ssl_cert", "MASTER_SSL_CERT", chm);
        text(p, "primary_ssl_key", "MASTER_SSL_KEY", chm);
        text(p, "primary_ssl_cipher", "MASTER_SSL_CIPHER", chm);
        if (p.bool("primary_ssl_verify_server_cert")) chm.add("SOURCE_SSL_VERIFY_SERVER_CERT=1");
        if (p.bool("primary_auto_position")) chm.add("MASTER_AUTO_POSITION=1");
        if (p.has("primary_use_gtid")) {
            String g = p.string("primary_use_gtid");
            chm.add("MASTER_USE_GTID=" + (g.equals("disabled") ? "no" : g.equals("replica_pos") && term.equals("SLAVE") ? "slave_pos" : g));
        }
        if (chm.isEmpty()) throw new ModuleException("changeprimary needs at least one primary_* or relay_log_* value");
        return chm;
    }

    private static void text(Params p, String name, String word, List<String> chm) {
        if (p.has(name)) chm.add(word + "=" + Sql.literal(p.string(name)));
    }

    private static void number(Params p, String name, String word, List<String> chm) {
        if (p.has(name)) chm.add(word + "=" + p.integer(name));
    }

    private static String connection(Params p) {
        return p.has("connection_name") ? " " + Sql.literal(p.string("connection_name")) : "";
    }

    private static String channel(Params p) {
        return p.has("channel") ? " FOR CHANNEL " + Sql.literal(p.string("channel")) : "";
    }

    private static String target(Params p) {
        return connection(p) + channel(p);
    }

    private static String statusQuery(Params p, String term) {
        return "SHOW " + term + connection(p) + " STATUS" + channel(p);
    }

    /** MySQL 8.0.22 and MariaDB 10.5.1 say REPLICA (uses_replica_terminology). */
    static boolean replicaTerm(MysqlServer server) {
        Matcher m = VERSION.matcher(server.version());
        if (!m.find()) return false;
        int[] v = {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
        int[] since = server.mariadb() ? new int[] {10, 5, 1} : new int[] {8, 0, 22};
        for (int i = 0; i < 3; i++) if (v[i] != since[i]) return v[i] > since[i];
        return true;
    }

    /** The first row as column: value (numbers as numbers, NULL as null), or null when there is none (fetchone's None). */
    static Map<String, Object> status(ProbeResult r) {
        if (!r.ok()) throw new ModuleException(r.error().strip());
        List<List<String>> rows = MysqlOutput.rows(r.text());
        if (rows.size() < 2) return null;
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> names = rows.get(0);
        List<String> values = rows.get(1);
        for (int i = 0; i < names.size(); i++) {
            String v = i < values.size() ? values.get(i) : null;
            out.put(names.get(i), v == null || v.equals("NULL") ? "" : NUMBER.matcher(v).matches() ? (Object) Long.parseLong(v) : v);
        }
        return out;
    }
}
