package dev.rigger.modules.mysql;

import dev.rigger.spi.Host;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Params;
import dev.rigger.spi.Probe;
import dev.rigger.spi.ProbeResult;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One task's connection: the login that worked (root without a password first, with
 * check_implicit_admin) and the answers to its first queries, asked in one round trip; the
 * first query is always the server's sql_mode and version, which also proves the login.
 */
record MysqlServer(MysqlLogin login, String sqlMode, String version, List<ProbeResult> answers) {
    static final String HELLO = "SELECT @@GLOBAL.sql_mode, VERSION()";

    /** The probes of one login: the hello, then {@code queries}' own. */
    static List<Probe> probes(MysqlLogin login, List<String> queries) {
        List<Probe> out = new ArrayList<>();
        out.add(login.query(HELLO));
        for (String q : queries) out.add(login.query(q));
        return out;
    }

    /** The first login's probes, as {@code firstProbes} declares them. */
    static List<Probe> firstProbes(Params p, boolean implicitAdmin, List<String> queries) {
        return probes(MysqlLogin.of(p, implicitAdmin), queries);
    }

    /** Connects as the collection does and asks {@code queries} (a function of the login, for statements that do not depend on it). */
    static MysqlServer connect(Params p, Host host, boolean implicitAdmin, Function<MysqlLogin, List<String>> queries) {
        MysqlLogin.refusePassword(p);
        List<MysqlLogin> logins = implicitAdmin ? List.of(MysqlLogin.of(p, true), MysqlLogin.of(p, false)) : List.of(MysqlLogin.of(p, false));
        String error = "";
        for (MysqlLogin login : logins) {
            List<ProbeResult> r = host.probe(probes(login, queries.apply(login)));
            if (r.get(0).ok()) {
                List<String> hello = MysqlOutput.rows(r.get(0).text()).stream().findFirst().orElse(List.of("", ""));
                return new MysqlServer(login, hello.get(0), hello.size() > 1 ? hello.get(1) : "", r.subList(1, r.size()));
            }
            error = r.get(0).error().strip();
        }
        throw new ModuleException("unable to connect to database, check login_user and login_password are correct or "
                + p.optional("config_file").orElse("~/.my.cnf") + " has the credentials. Exception message: " + error);
    }

    boolean ansi() {
        return sqlMode.contains("ANSI");
    }

    boolean mariadb() {
        return version.toLowerCase(java.util.Locale.ROOT).contains("mariadb");
    }

    /** The rows of answer {@code i}; a failed query fails the task with the server's words. */
    List<List<String>> rows(int i) {
        ProbeResult r = answers.get(i);
        if (!r.ok()) throw new ModuleException(r.error().strip());
        return MysqlOutput.rows(r.text());
    }
}
