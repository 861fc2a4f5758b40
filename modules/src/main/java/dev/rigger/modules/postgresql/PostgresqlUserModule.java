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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A role (user) present or absent, as community.postgresql.postgresql_user: created or altered
 * with its password, role attributes, expiry, connection limit and comment, compared as the
 * collection compares them (a password with the stored SCRAM verifier's ServerKey or md5 hash).
 * The password never reaches the host: Rigger sends the hash the server would have stored (by
 * its password_encryption), computed here, on psql's stdin. priv and groups are refused.
 */
public final class PostgresqlUserModule implements Module {
    static final List<String> FLAGS = List.of("SUPERUSER", "CREATEROLE", "CREATEDB", "INHERIT", "LOGIN", "REPLICATION", "BYPASSRLS");
    private static final List<String> COLUMNS = List.of("rolsuper", "rolcreaterole", "rolcreatedb", "rolinherit", "rolcanlogin",
            "rolreplication", "rolbypassrls");
    private static final ParamSpec SPEC = PgLogin.common(ParamSpec.builder())
            .add(Param.string("name").required().aliases("user").doc("the role"))
            .add(Param.string("password").secret().doc("its password, or a hash of it (md5... or SCRAM-SHA-256$...); '' removes it"))
            .add(Param.choice("state", "present", "absent").defaultValue("present"))
            .add(Param.string("db").singleLine().defaultValue("").aliases("login_db").doc("the database to connect to"))
            .add(Param.bool("fail_on_user").defaultValue(true).aliases("fail_on_role")
                    .doc("fail when the role cannot be dropped; false is refused when a drop is needed"))
            .add(Param.string("role_attr_flags").singleLine().defaultValue("")
                    .doc("[NO]SUPERUSER,[NO]CREATEROLE,[NO]CREATEDB,[NO]INHERIT,[NO]LOGIN,[NO]REPLICATION,[NO]BYPASSRLS"))
            .add(Param.bool("encrypted").defaultValue(true).doc("false (UNENCRYPTED, gone since PostgreSQL 10) fails when a password is set"))
            .add(Param.bool("no_password_changes").defaultValue(false).doc("leave an existing role's password (and expiry, limit) as it is"))
            .add(Param.string("expires").singleLine().doc("when the password stops being valid (a timestamp, or infinity)"))
            .add(Param.integer("conn_limit").doc("how many connections the role may have (-1: no limit)"))
            .add(Param.string("comment").doc("the role's comment"))
            .add(Param.string("priv").doc("refused when given (deprecated in the collection: use postgresql_privs)"))
            .add(Param.list("groups").doc("refused when given (deprecated in the collection: use postgresql_membership)"))
            .refused("priv", "priv is not implemented in Rigger's postgresql_user (the collection deprecates it): grant with postgresql_privs")
            .refused("groups", "groups is not implemented in Rigger's postgresql_user (the collection deprecates it)")
            .build();

    @Override public String name() { return "postgresql_user"; }
    @Override public List<String> aliases() { return List.of("community.postgresql.postgresql_user", "ansible.legacy.postgresql_user"); }
    @Override public String summary() { return "Add, change or remove a PostgreSQL role, as community.postgresql.postgresql_user"; }
    @Override public ParamSpec spec() { return SPEC; }

    @Override
    public String examples() {
        return "- postgresql_user:\n    name: app\n    password: \"{{ app_password }}\"\n    role_attr_flags: CREATEDB,NOSUPERUSER\n"
                + "  become: true\n  become_user: postgres\n"
                + "- community.postgresql.postgresql_user: { name: old, state: absent }";
    }

    private static String s(Params p, String name) {
        return p.optional(name).orElse("");
    }

    private static String roleQuery(String table, String user) {
        StringBuilder sb = new StringBuilder("SELECT ");
        for (String c : COLUMNS) sb.append(c).append(", ");
        sb.append("rolconnlimit, ").append(table.equals("pg_authid") ? PgSql.text("rolpassword") : "'?'").append(", ")
                .append(PgSql.text("shobj_description(oid, 'pg_authid')"))
                .append(" FROM ").append(table).append(" WHERE rolname = ").append(PgSql.literal(user));
        return sb.toString();
    }

    private static List<String> queries(Params p) {
        String user = p.string("name");
        List<String> q = new ArrayList<>(List.of("SELECT current_setting('server_version_num'), current_setting('password_encryption')",
                roleQuery("pg_authid", user)));
        if (p.has("expires")) {
            q.add("SELECT (" + PgSql.literal(p.string("expires")) + ")::timestamptz IS NOT DISTINCT FROM "
                    + "(SELECT rolvaliduntil FROM pg_roles WHERE rolname = " + PgSql.literal(user) + ")");
        }
        return q;
    }

    private static PgLogin login(Params p) {
        return PgLogin.of(p, s(p, "db"));
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

    private static void check(Params p) {
        PgLogin.refusePassword(p);
        PgSql.ident(p.string("name"));
        if (p.has("password")) PgSql.literal(p.string("password"));
        if (p.has("expires")) PgSql.literal(p.string("expires"));
        if (p.has("comment")) PgSql.literal(p.string("comment"));
    }

    /** parse_role_attrs: comma-separated, upper-cased, each a flag or NO and a flag; in the order given, once each. */
    static List<String> flags(String text, int version) {
        Set<String> flags = new LinkedHashSet<>();
        for (String f : text.split(",")) if (!f.isEmpty()) flags.add(f.toUpperCase(Locale.ROOT));
        List<String> bad = new ArrayList<>();
        for (String f : flags) {
            String bare = f.startsWith("NO") && FLAGS.contains(f.substring(2)) ? f.substring(2) : f;
            if (!FLAGS.contains(bare) || (bare.equals("BYPASSRLS") && version < 90500)) bad.add(f);
        }
        if (!bad.isEmpty()) throw new ModuleException("Invalid role_attr_flags specified: " + String.join(" ", bad));
        for (String f : flags) {
            if (!f.startsWith("NO") && flags.contains("NO" + f)) throw new ModuleException("role_attr_flags: " + f + " and NO" + f + " conflict");
        }
        return List.copyOf(flags);
    }

    @Override
    public Change plan(Params p, Host host) {
        check(p);
        PgLogin login = login(p);
        String user = p.string("name");
        List<String> queries = queries(p);
        List<List<List<String>>> a;
        try {
            a = login.ask(host, queries);
        } catch (ModuleException e) {
            // pg_authid is for superusers; the collection then reads pg_roles and takes the password as different
            if (!e.getMessage().contains("permission denied")) throw e;
            queries.set(1, roleQuery("pg_roles", user));
            a = login.ask(host, queries);
        }
        int version = Integer.parseInt(a.get(0).get(0).get(0).strip());
        String encryption = a.get(0).get(0).get(1).strip();
        List<String> flags = flags(s(p, "role_attr_flags"), version);
        List<String> role = a.get(1).isEmpty() ? null : a.get(1).get(0);
        boolean exists = role != null || user.equals("PUBLIC");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("user", user);
        Statements st = new Statements();
        List<Diff> diffs = new ArrayList<>();
        if (s(p, "state").equals("absent")) {
            if (exists) {
                if (!p.bool("fail_on_user")) {
                    throw new ModuleException("fail_on_user: false is not implemented in Rigger's postgresql_user: a DROP USER that fails "
                            + "fails the task");
                }
                if (user.equals("PUBLIC")) throw new ModuleException("Unable to remove user");
                st.add("DROP USER " + PgSql.ident(user), "DROP USER " + PgSql.ident(user));
                diffs.add(Diff.delete("role " + user, "present"));
                out.put("user_removed", true);
            }
        } else if (user.equals("PUBLIC")) {
            if (p.has("password")) throw new ModuleException("cannot change the password for PUBLIC user");
            if (!flags.isEmpty()) throw new ModuleException("cannot change the role_attr_flags for PUBLIC user");
        } else if (role == null) {
            create(p, user, flags, encryption, st, diffs);
        } else {
            alter(p, user, flags, encryption, role, a.size() > 2 ? a.get(2) : List.of(), st, diffs);
        }
        if (!s(p, "state").equals("absent") && p.has("comment") && !user.equals("PUBLIC")) {
            String current = role == null ? null : PgSql.untext(role.get(COLUMNS.size() + 2));
            String wanted = p.string("comment");
            if (!wanted.equals(current == null ? "" : current)) {
                String sql = "COMMENT ON ROLE " + PgSql.ident(user) + " IS " + PgSql.literal(wanted);
                st.add(sql, sql);
                diffs.add(Diff.update("role " + user + " comment", current == null ? "" : current, wanted));
            }
        }
        out.put("queries", st.shown);
        if (st.sql.isEmpty()) return Change.none(out);
        Change c = Change.of(diffs, List.of(login.statements(st.sql))).withOutputs(out);
        // without pg_authid the stored password cannot be read: it is set on every run, as the collection does, and cannot be proved
        boolean passwordUnknown = role != null && p.has("password") && role.get(COLUMNS.size() + 1).equals("?");
        return passwordUnknown ? c.unverifiable() : c;
    }

    /** The statements a change runs, and as the collection registers them (values as %(name)s placeholders). */
    private static final class Statements {
        final List<String> sql = new ArrayList<>();
        final List<String> shown = new ArrayList<>();

        void add(String run, String show) {
            sql.add(run);
            shown.add(show);
        }
    }

    /** The hash to send for the task's password: a hash given as it is, else the one the server's password_encryption makes. */
    private static String hash(Params p, String user, String encryption) {
        String password = p.string("password");
        if (PgPassword.SCRAM.matcher(password).matches() || PgPassword.isMd5(password)) return password;
        if (!p.bool("encrypted")) throw new ModuleException("UNENCRYPTED PASSWORD is no longer supported");
        if (encryption.equals("md5") || encryption.equals("on")) return PgPassword.md5(password, user);
        if (encryption.equals("scram-sha-256")) return PgPassword.scram(password, user);
        throw new ModuleException("the server's password_encryption is " + encryption + ": Rigger hashes md5 and scram-sha-256 only");
    }

    private static void create(Params p, String user, List<String> flags, String encryption, Statements st, List<Diff> diffs) {
        List<String> run = new ArrayList<>(List.of("CREATE USER " + PgSql.ident(user)));
        List<String> shown = new ArrayList<>(run);
        if (p.has("password") && !p.string("password").isEmpty()) {
            run.add("WITH ENCRYPTED PASSWORD " + PgSql.literal(hash(p, user, encryption)));
            shown.add("WITH ENCRYPTED");
            shown.add("PASSWORD %(password)s");
        }
        if (p.has("expires")) {
            run.add("VALID UNTIL " + PgSql.literal(p.string("expires")));
            shown.add("VALID UNTIL %(expires)s");
        }
        if (p.has("conn_limit")) {
            run.add("CONNECTION LIMIT " + p.integer("conn_limit"));
            shown.add("CONNECTION LIMIT " + p.integer("conn_limit"));
        }
        run.add(String.join(" ", flags));
        shown.add(String.join(" ", flags));
        st.add(String.join(" ", run), String.join(" ", shown));
        List<String> parts = new ArrayList<>();
        if (p.has("password") && !p.string("password").isEmpty()) parts.add("password");
        if (!flags.isEmpty()) parts.add(String.join(" ", flags));
        if (p.has("expires")) parts.add("valid until " + p.string("expires"));
        if (p.has("conn_limit")) parts.add("connection limit " + p.integer("conn_limit"));
        diffs.add(Diff.create("role " + user, parts.isEmpty() ? "present" : String.join(", ", parts)));
    }

    /** user_should_we_change_password. */
    private static boolean passwordChanging(Params p, String user, String current, boolean known) {
        if (!p.has("password")) return false;
        if (!known) return true;
        String password = p.string("password");
        if (password.isEmpty()) return current != null;
        if (PgPassword.SCRAM.matcher(password).matches()) return !password.equals(current);
        if (current != null && PgPassword.SCRAM.matcher(current).matches()) return !PgPassword.scramMatches(password, current);
        if (PgPassword.isMd5(password) || !p.bool("encrypted")) return !password.equals(current);
        return !PgPassword.md5(password, user).equals(current);
    }

    private static void alter(Params p, String user, List<String> flags, String encryption, List<String> role, List<List<String>> expiresSame,
            Statements st, List<Diff> diffs) {
        boolean noPasswordChanges = p.bool("no_password_changes");
        Map<String, Boolean> current = new LinkedHashMap<>();
        for (int i = 0; i < FLAGS.size(); i++) current.put(FLAGS.get(i), role.get(i).strip().equals("t"));
        List<String> changingFlags = new ArrayList<>();
        for (String f : flags) {
            boolean on = !f.startsWith("NO") || !FLAGS.contains(f.substring(2));
            String bare = on ? f : f.substring(2);
            if (current.get(bare) != on) changingFlags.add(f);
        }
        String quoted = PgSql.ident(user);
        if (!noPasswordChanges && (p.has("password") || !flags.isEmpty() || p.has("expires") || p.has("conn_limit"))) {
            String rolpassword = role.get(COLUMNS.size() + 1);
            boolean known = !rolpassword.equals("?");
            boolean pw = passwordChanging(p, user, known ? PgSql.untext(rolpassword) : null, known);
            boolean expires = p.has("expires") && !(expiresSame.size() == 1 && expiresSame.get(0).get(0).strip().equals("t"));
            int limit = Integer.parseInt(role.get(COLUMNS.size()).strip());
            boolean connLimit = p.has("conn_limit") && p.integer("conn_limit") != limit;
            if (!pw && changingFlags.isEmpty() && !expires && !connLimit) return;
            List<String> run = new ArrayList<>(List.of("ALTER USER " + quoted));
            List<String> shown = new ArrayList<>(run);
            if (pw) {
                if (!p.string("password").isEmpty()) {
                    run.add("WITH ENCRYPTED PASSWORD " + PgSql.literal(hash(p, user, encryption)));
                    shown.add("WITH ENCRYPTED");
                    shown.add("PASSWORD %(password)s");
                    diffs.add(Diff.update("role " + user + " password", "(differs)", "(the task's)"));
                } else {
                    run.add("WITH PASSWORD NULL");
                    shown.add("WITH PASSWORD NULL");
                    diffs.add(Diff.update("role " + user + " password", "(set)", "(none)"));
                }
                run.add(String.join(" ", flags));
                shown.add(String.join(" ", flags));
            } else if (!flags.isEmpty()) {
                run.add("WITH " + String.join(" ", flags));
                shown.add("WITH " + String.join(" ", flags));
            }
            if (!changingFlags.isEmpty()) diffs.add(Diff.update("role " + user + " attributes", show(current, changingFlags), String.join(" ", changingFlags)));
            if (p.has("expires")) {
                run.add("VALID UNTIL " + PgSql.literal(p.string("expires")));
                shown.add("VALID UNTIL %(expires)s");
                if (expires) diffs.add(Diff.update("role " + user + " valid until", "(other)", p.string("expires")));
            }
            if (p.has("conn_limit")) {
                run.add("CONNECTION LIMIT " + p.integer("conn_limit"));
                shown.add("CONNECTION LIMIT " + p.integer("conn_limit"));
                if (connLimit) diffs.add(Diff.update("role " + user + " connection limit", Integer.toString(limit), p.integer("conn_limit").toString()));
            }
            st.add(String.join(" ", run), String.join(" ", shown));
        } else if (noPasswordChanges && !changingFlags.isEmpty()) {
            String sql = "ALTER USER " + quoted + " WITH " + String.join(" ", flags);
            st.add(sql, sql);
            diffs.add(Diff.update("role " + user + " attributes", show(current, changingFlags), String.join(" ", changingFlags)));
        }
    }

    private static String show(Map<String, Boolean> current, List<String> changing) {
        List<String> parts = new ArrayList<>();
        for (String f : changing) {
            String bare = f.startsWith("NO") && FLAGS.contains(f.substring(2)) ? f.substring(2) : f;
            parts.add((current.get(bare) ? "" : "NO") + bare);
        }
        return String.join(" ", parts);
    }
}
