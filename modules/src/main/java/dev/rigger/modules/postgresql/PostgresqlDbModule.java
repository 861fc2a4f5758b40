package dev.rigger.modules.postgresql;

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
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A database present, absent or renamed, as community.postgresql.postgresql_db: created with its
 * owner, template, encoding, collation, character type, tablespace and connection limit; on an
 * existing one the owner, connection limit and tablespace are changed, a different encoding,
 * LC_COLLATE or LC_CTYPE fails the task (the collection's NotSupportedError). dump and restore
 * are refused.
 */
public final class PostgresqlDbModule implements Module {
    private static final Pattern INT = Pattern.compile("-?[0-9]+");
    private static final ParamSpec SPEC = PgLogin.common(ParamSpec.builder())
            .add(Param.string("name").required().aliases("db").doc("the database"))
            .add(Param.string("owner").defaultValue("").doc("the role that owns it"))
            .add(Param.string("template").defaultValue("").doc("the database it is copied from when created"))
            .add(Param.string("encoding").defaultValue("").doc("its encoding (cannot change once created)"))
            .add(Param.string("lc_collate").defaultValue("").doc("its collation order (cannot change once created)"))
            .add(Param.string("lc_ctype").defaultValue("").doc("its character classification (cannot change once created)"))
            .add(Param.choice("state", "present", "absent", "dump", "restore", "rename").defaultValue("present")
                    .doc("present, absent or rename (to target); dump and restore are refused when the task runs (not implemented)"))
            .add(Param.string("target").defaultValue("").doc("rename: the new name (dump/restore: their file, refused)"))
            .add(Param.string("target_opts").defaultValue("").doc("dump/restore only"))
            .add(Param.string("maintenance_db").singleLine().defaultValue("postgres").doc("the database to connect to"))
            .add(Param.string("conn_limit").singleLine().defaultValue("").doc("how many connections it allows (-1: no limit)"))
            .add(Param.string("tablespace").defaultValue("").doc("its default tablespace"))
            .add(Param.string("dump_extra_args").singleLine().doc("dump only"))
            .add(Param.bool("force").defaultValue(false).doc("absent: drop it even with sessions connected (DROP DATABASE ... WITH (FORCE))"))
            .build();

    @Override public String name() { return "postgresql_db"; }
    @Override public List<String> aliases() { return List.of("community.postgresql.postgresql_db", "ansible.legacy.postgresql_db"); }
    @Override public String summary() { return "Create, drop or rename a PostgreSQL database, as community.postgresql.postgresql_db"; }
    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- postgresql_db:\n    name: app\n    owner: app\n    encoding: UTF-8\n    lc_collate: C.UTF-8\n    lc_ctype: C.UTF-8\n    template: template0\n"
                + "  become: true\n  become_user: postgres\n"
                + "- community.postgresql.postgresql_db: { name: old, state: absent }";
    }

    private static String s(Params p, String name) {
        return p.optional(name).orElse("");
    }

    private static PgLogin login(Params p) {
        return PgLogin.of(p, s(p, "maintenance_db"));
    }

    /** The server's version and the wanted encoding's id, then the database's (and rename's target's) row. */
    private static List<String> queries(Params p) {
        List<String> q = new ArrayList<>();
        q.add("SELECT current_setting('server_version_num'), pg_char_to_encoding(" + PgSql.literal(s(p, "encoding")) + ")");
        q.add(info(s(p, "name")));
        if (s(p, "state").equals("rename")) q.add(info(s(p, "target")));
        return q;
    }

    private static String info(String db) {
        return "SELECT " + PgSql.text("rolname") + ", " + PgSql.text("pg_encoding_to_char(encoding)") + ", encoding, "
                + PgSql.text("datcollate") + ", " + PgSql.text("datctype") + ", datconnlimit, " + PgSql.text("spcname")
                + " FROM pg_database JOIN pg_roles ON pg_roles.oid = pg_database.datdba"
                + " JOIN pg_tablespace ON pg_tablespace.oid = pg_database.dattablespace WHERE datname = " + PgSql.literal(db);
    }

    @Override
    public List<Probe> firstProbes(Params p) {
        try {
            check(p);
            PgLogin login = login(p);
            return queries(p).stream().map(login::query).toList();
        } catch (ModuleException e) {
            return List.of();
        }
    }

    /** What fails before any probe: the refused states and parameters, the collection's own argument checks. */
    private static void check(Params p) {
        PgLogin.refusePassword(p);
        String state = s(p, "state");
        if (state.equals("dump") || state.equals("restore")) {
            throw new ModuleException("state=" + state + " is not implemented in Rigger's postgresql_db: use command with pg_dump, "
                    + "pg_restore or psql (a file on the host) instead");
        }
        String db = s(p, "name");
        if (state.equals("rename")) {
            if (s(p, "target").isEmpty()) throw new ModuleException("The \"target\" option must be defined when the \"rename\" option is used.");
            if (db.equals(s(p, "target"))) throw new ModuleException("The \"name/db\" option and the \"target\" option cannot be the same.");
            if (s(p, "maintenance_db").equals(db)) {
                throw new ModuleException("The \"maintenance_db\" option and the \"name/db\" option cannot be the same.");
            }
        }
        String limit = s(p, "conn_limit");
        if (!limit.isEmpty() && (!INT.matcher(limit).matches() || limit.length() > 9)) throw new ModuleException("conn_limit must be an integer, got " + limit);
        for (String name : List.of("name", "owner", "template", "tablespace", "target")) PgSql.ident(s(p, name));
        for (String name : List.of("encoding", "lc_collate", "lc_ctype")) PgSql.literal(s(p, name));
    }

    @Override
    public Change plan(Params p, Host host) {
        check(p);
        PgLogin login = login(p);
        String db = s(p, "name");
        String state = s(p, "state");
        List<List<List<String>>> a = login.ask(host, queries(p));
        List<String> hello = a.get(0).isEmpty() ? List.of("0", "-1") : a.get(0).get(0);
        int version = Integer.parseInt(hello.get(0).strip());
        List<String> row = a.get(1).isEmpty() ? null : a.get(1).get(0);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("db", db);
        List<String> sql = new ArrayList<>();
        List<Diff> diffs = new ArrayList<>();
        switch (state) {
            case "absent" -> {
                if (row != null) {
                    sql.add("DROP DATABASE " + PgSql.ident(db) + (p.bool("force") && version >= 130000 ? " WITH (FORCE)" : ""));
                    if (p.bool("force") && version < 130000) throw new ModuleException("force needs PostgreSQL 13 or later in Rigger's postgresql_db");
                    diffs.add(Diff.delete("database " + db, "present"));
                }
            }
            case "rename" -> {
                boolean target = !a.get(2).isEmpty();
                if (row != null && target) throw new ModuleException("Both the source and the target databases exist.");
                if (row == null && !target) throw new ModuleException("The source and the target databases do not exist.");
                if (row != null) {
                    sql.add("ALTER DATABASE " + PgSql.ident(db) + " RENAME TO " + PgSql.ident(s(p, "target")));
                    diffs.add(Diff.update("database name", db, s(p, "target")));
                }
            }
            default -> {
                if (row == null) {
                    sql.add(create(p, db));
                    diffs.add(Diff.create("database " + db, describe(p)));
                } else {
                    existing(p, db, row, Integer.parseInt(hello.get(1).strip()), sql, diffs);
                }
            }
        }
        out.put("executed_commands", sql);
        if (sql.isEmpty()) return Change.none(out);
        return Change.of(diffs, List.of(login.statements(sql))).withOutputs(out);
    }

    private static String describe(Params p) {
        List<String> parts = new ArrayList<>();
        for (String k : List.of("owner", "template", "encoding", "lc_collate", "lc_ctype", "conn_limit", "tablespace")) {
            if (!s(p, k).isEmpty()) parts.add(k + "=" + s(p, k));
        }
        return parts.isEmpty() ? "present" : String.join(" ", parts);
    }

    /** db_create's CREATE DATABASE, its values quoted. */
    private static String create(Params p, String db) {
        StringBuilder sb = new StringBuilder("CREATE DATABASE ").append(PgSql.ident(db));
        if (!s(p, "owner").isEmpty()) sb.append(" OWNER ").append(PgSql.ident(s(p, "owner")));
        if (!s(p, "template").isEmpty()) sb.append(" TEMPLATE ").append(PgSql.ident(s(p, "template")));
        if (!s(p, "encoding").isEmpty()) sb.append(" ENCODING ").append(PgSql.literal(s(p, "encoding")));
        if (!s(p, "lc_collate").isEmpty()) sb.append(" LC_COLLATE ").append(PgSql.literal(s(p, "lc_collate")));
        if (!s(p, "lc_ctype").isEmpty()) sb.append(" LC_CTYPE ").append(PgSql.literal(s(p, "lc_ctype")));
        if (!s(p, "tablespace").isEmpty()) sb.append(" TABLESPACE ").append(PgSql.ident(s(p, "tablespace")));
        if (!limit(p).isEmpty()) sb.append(" CONNECTION LIMIT ").append(limit(p));
        return sb.toString();
    }

    /** conn_limit as the server writes it back ("05" is 5), or "" when not given. */
    private static String limit(Params p) {
        String l = s(p, "conn_limit");
        return l.isEmpty() ? l : Integer.toString(Integer.parseInt(l));
    }

    /** db_create on an existing database: what cannot change fails, owner, conn_limit and tablespace are altered. */
    private static void existing(Params p, String db, List<String> row, int wantedEncoding, List<String> sql, List<Diff> diffs) {
        String owner = PgSql.untext(row.get(0));
        String encoding = PgSql.untext(row.get(1));
        int encodingId = Integer.parseInt(row.get(2).strip());
        String collate = PgSql.untext(row.get(3));
        String ctype = PgSql.untext(row.get(4));
        String connLimit = row.get(5).strip();
        String tablespace = PgSql.untext(row.get(6));
        if (!s(p, "encoding").isEmpty() && wantedEncoding != encodingId) {
            throw new ModuleException("Changing database encoding is not supported. Current encoding: " + encoding);
        }
        if (!s(p, "lc_collate").isEmpty() && !s(p, "lc_collate").equals(collate)) {
            throw new ModuleException("Changing LC_COLLATE is not supported. Current LC_COLLATE: " + collate);
        }
        if (!s(p, "lc_ctype").isEmpty() && !s(p, "lc_ctype").equals(ctype)) {
            throw new ModuleException("Changing LC_CTYPE is not supported.Current LC_CTYPE: " + ctype);
        }
        if (!s(p, "owner").isEmpty() && !s(p, "owner").equals(owner)) {
            sql.add("ALTER DATABASE " + PgSql.ident(db) + " OWNER TO " + PgSql.ident(s(p, "owner")));
            diffs.add(Diff.update("database " + db + " owner", owner, s(p, "owner")));
        }
        if (!limit(p).isEmpty() && !limit(p).equals(connLimit.strip())) {
            sql.add("ALTER DATABASE " + PgSql.ident(db) + " CONNECTION LIMIT " + limit(p));
            diffs.add(Diff.update("database " + db + " conn_limit", connLimit, limit(p)));
        }
        if (!s(p, "tablespace").isEmpty() && !s(p, "tablespace").equals(tablespace)) {
            sql.add("ALTER DATABASE " + PgSql.ident(db) + " SET TABLESPACE " + PgSql.ident(s(p, "tablespace")));
            diffs.add(Diff.update("database " + db + " tablespace", tablespace, s(p, "tablespace")));
        }
    }
}
