package dev.rigger.modules.mysql;

import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Param;
import dev.rigger.spi.ParamSpec;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.Step;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * How a task reaches the server: the {@code mysql} client on the host, with community.mysql's
 * connection parameters as its options (argv words, never a shell's), config_file (default
 * ~/.my.cnf, read when it exists, as the collection does) as its extra defaults file. Statements
 * a change runs go on the client's stdin. A password never goes on a command line: the
 * collection's login_password cannot reach the probes that read the server's state (they carry
 * no stdin), so it is refused when a task runs and the credentials belong in config_file.
 */
record MysqlLogin(String configFile, List<String> options) {
    /** Reads config_file when it is a file ("~/" is the login's home), then runs mysql with the rest as its arguments. */
    static final String RUN = "c=$1; shift; case $c in '~/'*) c=$HOME/${c#??};; esac; "
            + "if [ -n \"$c\" ] && [ -f \"$c\" ]; then exec mysql --defaults-extra-file=\"$c\" \"$@\"; fi; exec mysql \"$@\"";

    /** The collection's mysql_common_argument_spec. */
    static ParamSpec.Builder common(ParamSpec.Builder b) {
        return b.add(Param.string("login_user").singleLine().doc("the user to log in as (default: the client's, from config_file or the login name)"))
                .add(Param.string("login_password").secret().doc("refused when the task runs: Rigger never puts a password on a command line and "
                        + "its probes carry no stdin; give it in config_file ([client] password=...) instead"))
                .add(Param.string("login_host").singleLine().defaultValue("localhost").doc("the server's host; localhost is the client's default (its socket)"))
                .add(Param.integer("login_port").defaultValue(3306).doc("the server's TCP port (with a login_host other than localhost)"))
                .add(Param.string("login_unix_socket").singleLine().doc("the server's socket path"))
                .add(Param.string("config_file").singleLine().defaultValue("~/.my.cnf").doc("an option file the client reads when it exists"))
                .add(Param.integer("connect_timeout").defaultValue(30).doc("seconds to wait for the connection"))
                .add(Param.string("client_cert").singleLine().aliases("ssl_cert").doc("the client's TLS certificate"))
                .add(Param.string("client_key").singleLine().aliases("ssl_key").doc("the client's TLS key"))
                .add(Param.string("ca_cert").singleLine().aliases("ssl_ca").doc("the CA certificate to check the server's with"))
                .add(Param.bool("check_hostname").doc("check the server's certificate names the host"));
    }

    /** The task's login; {@code implicitAdmin}: root without a password, as check_implicit_admin tries first. */
    static MysqlLogin of(Params p, boolean implicitAdmin) {
        List<String> o = new ArrayList<>();
        if (implicitAdmin) {
            o.add("--user=root");
            o.add("--password=");
        } else if (p.has("login_user")) {
            o.add("--user=" + p.string("login_user"));
        }
        if (p.has("login_unix_socket")) {
            o.add("--socket=" + p.string("login_unix_socket"));
        } else if (!"localhost".equals(p.optional("login_host").orElse("localhost")) || port(p) != 3306) {
            o.add("--host=" + p.optional("login_host").orElse("localhost"));
            o.add("--port=" + port(p));
        }
        o.add("--connect-timeout=" + (p.has("connect_timeout") ? p.integer("connect_timeout") : 30));
        if (p.has("client_cert")) o.add("--ssl-cert=" + p.string("client_cert"));
        if (p.has("client_key")) o.add("--ssl-key=" + p.string("client_key"));
        if (p.has("ca_cert")) o.add("--ssl-ca=" + p.string("ca_cert"));
        if (p.bool("check_hostname")) o.add("--ssl-verify-server-cert");
        return new MysqlLogin(p.optional("config_file").orElse("~/.my.cnf"), List.copyOf(o));
    }

    /** Fails the task that gives login_password (see the class comment). */
    static void refusePassword(Params p) {
        if (p.has("login_password")) {
            throw new ModuleException("login_password: Rigger does not pass passwords on a command line and reads the server's state before "
                    + "any change; put the credentials in config_file (default ~/.my.cnf: [client] user=... password=...) or log in through "
                    + "the socket as root (unix_socket authentication)");
        }
    }

    private static int port(Params p) {
        int port = p.has("login_port") ? p.integer("login_port") : 3306;
        if (port < 0 || port > 65535) throw new ModuleException("login_port must be a valid unix port number (0-65535)");
        return port;
    }

    private List<String> client(boolean names, List<String> more) {
        List<String> argv = new ArrayList<>(List.of("sh", "-c", RUN, "mysql", configFile));
        argv.addAll(options);
        argv.add("--batch");
        if (!names) argv.add("--skip-column-names");
        argv.addAll(more);
        return argv;
    }

    private List<String> client(List<String> more) {
        return client(false, more);
    }

    /** A read-only statement (SELECT, SHOW) as a probe. */
    Probe query(String sql) {
        return new Probe.Run(client(List.of("--execute=" + sql)));
    }

    /** As {@link #query}, the first row the column names. */
    Probe namedQuery(String sql) {
        return new Probe.Run(client(true, List.of("--execute=" + sql)));
    }

    /** Statements run in order on the client's stdin; the client stops at the first that fails. */
    Step statements(List<String> sql) {
        StringBuilder sb = new StringBuilder();
        for (String s : sql) sb.append(s).append(";\n");
        return new Step.Run(client(List.of()), sb.toString().getBytes(StandardCharsets.UTF_8));
    }
}
