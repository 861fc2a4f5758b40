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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Databases present or absent, as community.mysql.mysql_db: a database that exists is left as it
 * is (its character set is not changed, as the collection does not), a missing one is created
 * with the given encoding and collation. dump and import are refused.
 */
public final class MysqlDbModule implements Module {
    private static final ParamSpec SPEC = MysqlLogin.common(ParamSpec.builder())
            .add(Param.list("name").required().aliases("db").doc("the database(s)"))
            .add(Param.string("encoding").singleLine().defaultValue("").doc("the character set of a database created"))
            .add(Param.string("collation").singleLine().defaultValue("").doc("the collation of a database created"))
            .add(Param.choice("state", "present", "absent", "dump", "import").defaultValue("present")
                    .doc("present or absent; dump and import are refused when the task runs (not implemented)"))
            .add(Param.string("target").singleLine().doc("dump/import file: only with those states, which are refused"))
            .add(Param.bool("check_implicit_admin").defaultValue(false).doc("log in as root without a password first"))
            .add(Param.bool("single_transaction").defaultValue(false).doc("dump only"))
            .add(Param.bool("quick").defaultValue(true).doc("dump only"))
            .add(Param.list("ignore_tables").doc("dump only"))
            .add(Param.bool("hex_blob").defaultValue(false).doc("dump only"))
            .add(Param.bool("force").defaultValue(false).doc("import only"))
            .add(Param.choice("master_data", "0", "1", "2").defaultValue("0").doc("dump only"))
            .add(Param.bool("skip_lock_tables").defaultValue(false).doc("dump only"))
            .add(Param.string("dump_extra_args").singleLine().doc("dump only"))
            .add(Param.bool("use_shell").defaultValue(false).doc("import only"))
            .add(Param.bool("unsafe_login_password").defaultValue(false).doc("dump/import only"))
            .add(Param.bool("restrict_config_file").defaultValue(false).doc("dump/import only"))
            .add(Param.bool("config_overrides_defaults").defaultValue(false).doc("accepted: the client reads config_file after its defaults"))
            .add(Param.string("chdir").singleLine().doc("dump/import only"))
            .add(Param.bool("pipefail").defaultValue(false).doc("import only"))
            .build();

    @Override public String name() { return "mysql_db"; }
    @Override public List<String> aliases() { return List.of("community.mysql.mysql_db", "ansible.legacy.mysql_db"); }
    @Override public String summary() { return "Create or drop MySQL/MariaDB databases, as community.mysql.mysql_db (present/absent)"; }
    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- mysql_db:\n    name: app\n    encoding: utf8mb4\n    collation: utf8mb4_general_ci\n- community.mysql.mysql_db: { name: test, state: absent }";
    }

    private static List<String> names(Params p) {
        return p.list("name").stream().map(String::strip).toList();
    }

    private static String query(Params p) {
        List<String> lits = names(p).stream().map(Sql::literal).toList();
        return "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN (" + String.join(", ", lits) + ")";
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        return names(p).isEmpty() ? List.of() : MysqlServer.firstProbes(p, p.bool("check_implicit_admin"), List.of(query(p)));
    }

    @Override
    public Change plan(Params p, Host host) {
        List<String> db = names(p);
        String state = p.optional("state").orElse("present");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("db", String.join(" ", db));
        out.put("db_list", db);
        if (db.isEmpty()) return Change.none(Map.of("db", List.of(), "db_list", List.of()));
        if (state.equals("dump") || state.equals("import")) {
            throw new ModuleException("state=" + state + " is not implemented in Rigger's mysql_db: use command with mysqldump or mysql "
                    + "(a file on the host) instead");
        }
        if (db.equals(List.of("all"))) throw new ModuleException("name is not allowed to equal 'all' unless state equals import, or dump.");
        db.forEach(Sql::database);
        MysqlServer server = MysqlServer.connect(p, host, p.bool("check_implicit_admin"), login -> List.of(query(p)));
        Set<String> existing = new LinkedHashSet<>();
        for (List<String> row : server.rows(0)) existing.add(row.get(0));
        List<String> sql = new ArrayList<>();
        List<Diff> diffs = new ArrayList<>();
        for (String name : db) {
            if (state.equals("absent") && existing.contains(name)) {
                sql.add("DROP DATABASE " + Sql.database(name));
                diffs.add(Diff.delete("database " + name, "present"));
            } else if (state.equals("present") && !existing.contains(name)) {
                sql.add(create(p, name));
                diffs.add(Diff.create("database " + name, "present"));
            }
        }
        out.put("executed_commands", sql);
        if (sql.isEmpty()) return Change.none(out);
        return Change.of(diffs, List.of(server.login().statements(sql))).withOutputs(out);
    }

    /** CREATE DATABASE as db_create writes it (the character set and collation as quoted strings). */
    private static String create(Params p, String name) {
        StringBuilder sb = new StringBuilder("CREATE DATABASE ").append(Sql.database(name));
        String enc = p.optional("encoding").orElse("");
        String coll = p.optional("collation").orElse("");
        if (!enc.isEmpty()) sb.append(" CHARACTER SET ").append(Sql.literal(Sql.word("encoding", enc)));
        if (!coll.isEmpty()) sb.append(" COLLATE ").append(Sql.literal(Sql.word("collation", coll)));
        return sb.toString();
    }
}
