package dev.rigger.modules.postgresql;

import dev.rigger.spi.Host;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import dev.rigger.spi.Step;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How a task reaches the server: PostgreSQL's {@code psql} on the host (libpq, as the
 * collection's psycopg2), given one libpq connection string built from community.postgresql's
 * connection parameters as get_conn_params maps them (login_unix_socket is the host when
 * login_host is empty or localhost; login_host localhost without a socket is TCP to localhost, as
 * psycopg2 does). Every value is quoted in that string, so none is read as another keyword. A
 * query is one {@code --command} word; the statements of a change go on psql's stdin, so no hash
 * reaches a command line. login_password is refused: probes carry no stdin, and Rigger puts no
 * password on a command line or in a file it would have to clean up.
 */
record PgLogin(String conninfo) {
    private static final Pattern KEYWORD = Pattern.compile("[a-z_]+");

    /** The collection's postgres_common_argument_spec. */
    static ParamSpec.Builder common(ParamSpec.Builder b) {
        return b.add(Param.string("login_user").singleLine().defaultValue("postgres").aliases("login").doc("the role to log in as"))
                .add(Param.string("login_password").secret().doc("refused when the task runs: Rigger never puts a password on a command "
                        + "line and its probes carry no stdin; log in through the socket (peer authentication, become_user) or give "
                        + "the password in the login's ~/.pgpass"))
                .add(Param.string("login_host").singleLine().defaultValue("").aliases("host")
                        .doc("the server's host; empty: libpq's default socket; localhost with login_unix_socket: that socket"))
                .add(Param.string("login_unix_socket").singleLine().defaultValue("").aliases("unix_socket").doc("the folder of the server's socket"))
                .add(Param.integer("port").defaultValue(5432).aliases("login_port").doc("the server's port (also the socket's name)"))
                .add(Param.choice("ssl_mode", "allow", "disable", "prefer", "require", "verify-ca", "verify-full").defaultValue("prefer"))
                .add(Param.string("ca_cert").singleLine().aliases("ssl_rootcert").doc("the CA certificate(s) to check the server's with"))
                .add(Param.string("ssl_cert").singleLine().doc("the client's TLS certificate"))
                .add(Param.string("ssl_key").singleLine().doc("the client's TLS key"))
                .add(Param.map("connect_params").doc("more libpq connection keywords and their values"))
                .add(Param.string("session_role").singleLine().doc("refused when given (not implemented: log in as that role instead)"))
                .add(Param.bool("trust_input").defaultValue(true).doc("accepted: Rigger quotes every name and value whatever it says"))
                .refused("session_role", "session_role is not implemented in Rigger's PostgreSQL modules: log in as that role (login_user) instead");
    }

    /** The task's login to database {@code db} (null or empty: libpq's default, the user's name). */
    static PgLogin of(Params p, String db) {
        Map<String, String> kw = new LinkedHashMap<>();
        if (db != null && !db.isEmpty()) kw.put("dbname", db);
        String user = p.optional("login_user").orElse("postgres");
        if (!user.isEmpty()) kw.put("user", user);
        String host = p.optional("login_host").orElse("");
        String socket = p.optional("login_unix_socket").orElse("");
        if ((host.isEmpty() || host.equals("localhost")) && !socket.isEmpty()) host = socket;
        if (!host.isEmpty()) kw.put("host", host);
        int port = p.has("port") ? p.integer("port") : 5432;
        if (port < 1 || port > 65535) throw new ModuleException("port must be a port number (1-65535), got " + port);
        kw.put("port", Integer.toString(port));
        kw.put("sslmode", p.optional("ssl_mode").orElse("prefer"));
        if (p.has("ca_cert") && !p.string("ca_cert").isEmpty()) kw.put("sslrootcert", p.string("ca_cert"));
        if (p.has("ssl_cert") && !p.string("ssl_cert").isEmpty()) kw.put("sslcert", p.string("ssl_cert"));
        if (p.has("ssl_key") && !p.string("ssl_key").isEmpty()) kw.put("sslkey", p.string("ssl_key"));
        if (p.has("connect_params")) {
            p.map("connect_params").forEach((k, v) -> {
                if (!KEYWORD.matcher(k).matches()) throw new ModuleException("connect_params: " + k + " is not a libpq connection keyword");
                if (k.contains("password") || k.equals("passfile")) {
                    throw new ModuleException("connect_params: " + k + " is refused, as login_password is");
                }
                kw.put(k, String.valueOf(v));
            });
        }
        StringBuilder sb = new StringBuilder();
        kw.forEach((k, v) -> sb.append(sb.isEmpty() ? "" : " ").append(k).append("=").append(quote(v)));
        return new PgLogin(sb.toString());
    }

    /** A libpq connection string value: in single quotes, ' and \ escaped with a backslash. */
    static String quote(String v) {
        if (v.indexOf('\0') >= 0) throw new ModuleException("a connection parameter holds a NUL character");
        return "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** Fails the task that gives login_password (see the class comment). */
    static void refusePassword(Params p) {
        if (p.has("login_password") && !p.string("login_password").isEmpty()) {
            throw new ModuleException("login_password: Rigger does not pass passwords on a command line and reads the server's state "
                    + "before any change; log in through the server's socket with peer authentication (become_user: postgres, "
                    + "login_unix_socket) or put the password in the login's ~/.pgpass");
        }
    }

    /**
     * psql with its client encoding pinned to UTF-8 (libpq reads PGCLIENTENCODING; psql's own
     * default follows the host's locale), so names, passwords and comments reach the server as
     * the UTF-8 Rigger writes and the answers come back in it, whatever the locale or the
     * server's encoding.
     */
    private List<String> psql(List<String> more) {
        List<String> argv = new ArrayList<>(List.of("env", "PGCLIENTENCODING=UTF8", "psql", "--no-psqlrc", "--no-password", "--no-align", "--tuples-only",
                "--set=ON_ERROR_STOP=1", "--dbname=" + conninfo));
        argv.addAll(more);
        return argv;
    }

    /** A read-only statement as a probe. */
    Probe query(String sql) {
        return new Probe.Run(psql(List.of("--command=" + sql)));
    }

    /** Statements run in order on psql's stdin; it stops at the first that fails. */
    Step statements(List<String> sql) {
        StringBuilder sb = new StringBuilder();
        for (String s : sql) sb.append(s).append(";\n");
        // terse: an error never quotes the statement back (it holds the password's hash)
        return new Step.Run(psql(List.of("--quiet", "--set=VERBOSITY=terse")), sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The answers of {@code queries}, asked in one round trip; the first failing to connect fails the task as the collection does. */
    List<List<List<String>>> ask(Host host, List<String> queries) {
        List<Probe> probes = queries.stream().map(this::query).toList();
        List<ProbeResult> r = host.probe(probes);
        List<List<List<String>>> out = new ArrayList<>();
        for (ProbeResult one : r) {
            if (one.exitCode() == 127) throw new ModuleException("psql (PostgreSQL's client) is not installed on the host: " + one.error().strip());
            if (!one.ok()) {
                String err = one.error().strip();
                if (err.startsWith("psql: error: ")) err = err.substring("psql: error: ".length());
                if (err.startsWith("connection to server") || err.contains("could not connect") || err.contains("authentication failed")) {
                    throw new ModuleException("unable to connect to database: " + err);
                }
                throw new ModuleException("Database query failed: " + err);
            }
            out.add(PgSql.rows(one.text()));
        }
        return out;
    }
}
