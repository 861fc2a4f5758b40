package dev.rigger.modules.mysql;

import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.Host;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A server account, as community.mysql.mysql_user: created or dropped, its password (compared by
 * its mysql_native_password hash, computed here, so the clear text never reaches the host), its
 * privileges (user.py's replace/append/subtract rules) and TLS requirements. Statements run on
 * the client's stdin; names and hosts are string literals.
 */
public final class MysqlUserModule implements Module {
    private static final ParamSpec SPEC = MysqlLogin.common(ParamSpec.builder())
            .add(Param.string("name").required().aliases("user").doc("the account's user name ('' for the anonymous one)"))
            .add(Param.string("password").secret().doc("the password (or its *SHA1 hash with encrypted)"))
            .add(Param.bool("encrypted").defaultValue(false).doc("password is a mysql_native_password hash (*41 hex digits)"))
            .add(Param.string("host").singleLine().defaultValue("localhost").doc("the account's host part (lower-cased, as the collection does)"))
            .add(Param.bool("host_all").defaultValue(false).doc("every host the user has (not for creating)"))
            .add(Param.choice("state", "present", "absent").defaultValue("present"))
            .add(Param.any("priv").doc("privileges, 'db.*:SELECT,INSERT/other.*:ALL' or a mapping of object to privileges"))
            .add(Param.map("tls_requires").doc("REQUIRE: {} or none for NONE, SSL, X509, or CIPHER/ISSUER/SUBJECT values"))
            .add(Param.bool("append_privs").defaultValue(false).doc("grant priv without revoking what is not in it"))
            .add(Param.bool("subtract_privs").defaultValue(false).doc("revoke priv's privileges, grant nothing"))
            .add(Param.bool("check_implicit_admin").defaultValue(false).doc("log in as root without a password first"))
            .add(Param.choice("update_password", "always", "on_create", "on_new_username").defaultValue("always"))
            .add(Param.bool("sql_log_bin").defaultValue(true).doc("false: SET SQL_LOG_BIN=0 before the change's statements"))
            .add(Param.bool("force_context").defaultValue(false).doc("accepted; the client's statements name their objects"))
            .add(Param.bool("column_case_sensitive").defaultValue(false)
                    .doc("accepted for newer collections' tasks; column names in priv are upper-cased as 3.7 does"))
            .add(Param.string("plugin").singleLine().doc("refused when given (authentication plugins are not implemented)"))
            .add(Param.string("plugin_hash_string").singleLine().doc("refused when given"))
            .add(Param.string("plugin_auth_string").secret().doc("refused when given"))
            .add(Param.map("resource_limits").doc("refused when given"))
            .add(Param.map("session_vars").doc("refused when given"))
            .mutuallyExclusive("append_privs", "subtract_privs")
            .refused("plugin", "authentication plugins are not implemented in Rigger's mysql_user: use password (mysql_native_password)")
            .refused("plugin_hash_string", "authentication plugins are not implemented in Rigger's mysql_user")
            .refused("plugin_auth_string", "authentication plugins are not implemented in Rigger's mysql_user")
            .refused("resource_limits", "resource_limits is not implemented in Rigger's mysql_user: use mysql_query with ALTER USER ... WITH")
            .refused("session_vars", "session_vars is not implemented in Rigger's mysql_user")
            .build();

    @Override public String name() { return "mysql_user"; }
    @Override public List<String> aliases() { return List.of("community.mysql.mysql_user", "ansible.legacy.mysql_user"); }
    @Override public String summary() { return "Add, change or remove a MySQL/MariaDB account and its privileges, as community.mysql.mysql_user"; }
    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- mysql_user:\n    name: app\n    host: localhost\n    password: \"{{ app_password }}\"\n    priv: 'app.*:ALL/reports.*:SELECT'\n"
                + "- community.mysql.mysql_user: { name: '', host_all: true, state: absent }";
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        return MysqlServer.firstProbes(p, p.bool("check_implicit_admin"), queries(p));
    }

    private static List<String> queries(Params p) {
        String user = p.string("name");
        String host = host(p);
        List<String> q = new ArrayList<>(List.of("SELECT Host, authentication_string FROM mysql.user WHERE User = " + Sql.literal(user)));
        if (!p.bool("host_all")) {
            q.add("SHOW GRANTS FOR " + Sql.account(user, host));
            q.add("SHOW CREATE USER " + Sql.account(user, host));
        }
        return q;
    }

    private static String host(Params p) {
        return p.optional("host").orElse("localhost").toLowerCase(Locale.ROOT);
    }

    @Override
    public Change plan(Params p, Host host) {
        MysqlServer server = MysqlServer.connect(p, host, p.bool("check_implicit_admin"), login -> queries(p));
        String user = p.string("name");
        Map<String, String> hashes = new LinkedHashMap<>();
        for (List<String> row : server.rows(0)) hashes.put(row.get(0), row.size() > 1 ? row.get(1) : "");
        boolean hostAll = p.bool("host_all");
        Map<String, Object> out = new LinkedHashMap<>(Map.of("user", user, "password_changed", false));
        List<String> hosts = hostAll ? List.copyOf(hashes.keySet()) : hashes.containsKey(host(p)) ? List.of(host(p)) : List.of();
        boolean present = "present".equals(p.optional("state").orElse("present"));
        if (!present) return absent(p, server, user, hosts, out);
        if (hosts.isEmpty()) {
            if (hostAll) throw new ModuleException("host_all parameter cannot be used when adding a user");
            return create(p, server, user, host(p), out);
        }
        MysqlUserChange change = new MysqlUserChange(p, server, user);
        for (String h : hosts) {
            List<ProbeResult> r = hostAll ? host.probe(List.of(server.login().query("SHOW GRANTS FOR " + Sql.account(user, h)),
                    server.login().query("SHOW CREATE USER " + Sql.account(user, h)))) : server.answers().subList(1, 3);
            change.host(h, hashes.get(h), lines(r.get(0)), lines(r.get(1)));
        }
        return change.result(out);
    }

    private static List<String> lines(ProbeResult r) {
        if (!r.ok()) throw new ModuleException(r.error().strip());
        return MysqlOutput.rows(r.text()).stream().map(row -> row.get(0)).toList();
    }

    private static Change absent(Params p, MysqlServer server, String user, List<String> hosts, Map<String, Object> out) {
        if (hosts.isEmpty()) {
            out.put("msg", "User doesn't exist");
            return Change.none(out);
        }
        out.put("msg", "User deleted");
        List<String> sql = new ArrayList<>(MysqlUserChange.logBin(p));
        List<Diff> diffs = new ArrayList<>();
        for (String h : hosts) {
            sql.add("DROP USER IF EXISTS " + Sql.account(user, h));
            diffs.add(Diff.delete("mysql user " + Sql.account(user, h), "present"));
        }
        return Change.of(diffs, List.of(server.login().statements(sql))).withOutputs(out);
    }

    private static Change create(Params p, MysqlServer server, String user, String host, Map<String, Object> out) {
        String account = Sql.account(user, host);
        StringBuilder create = new StringBuilder("CREATE USER " + account);
        if (p.has("password") && !p.string("password").isEmpty()) {
            create.append(" IDENTIFIED WITH mysql_native_password AS ").append(Sql.literal(MysqlUserChange.hash(p)));
        }
        MysqlTls.Requires tls = MysqlTls.wanted(p);
        if (tls != null) create.append(" REQUIRE ").append(tls.sql());
        List<String> sql = new ArrayList<>(MysqlUserChange.logBin(p));
        sql.add(create.toString());
        List<String> shown = new ArrayList<>();
        if (p.has("priv") && !p.bool("subtract_privs")) {
            Map<String, List<String>> privs = MysqlPrivileges.unpack(MysqlPrivileges.text(p.values().get("priv")), server.ansi(), true);
            privs.forEach((object, list) -> {
                sql.add(MysqlUserChange.grant(object, list, account));
                shown.add(object + ":" + String.join(",", list));
            });
        }
        out.put("msg", "User added");
        out.put("password_changed", true);
        List<Diff> diffs = new ArrayList<>(List.of(Diff.create("mysql user " + account, "present")));
        if (!shown.isEmpty()) diffs.add(Diff.create("mysql user " + account + " privileges", String.join("/", shown)));
        return Change.of(diffs, List.of(server.login().statements(sql))).withOutputs(out);
    }
}
