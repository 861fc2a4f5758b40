package dev.rigger.modules.postgresql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.Host;
import dev.rigger.spi.ProbeResult;
import dev.rigger.spi.Module;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Probe;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import dev.rigger.testkit.TestParams;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresqlModulesTest {
    private final PostgresqlDbModule db = new PostgresqlDbModule();
    private final PostgresqlUserModule user = new PostgresqlUserModule();
    /** hashlib.pbkdf2_hmac's SCRAM-SHA-256 verifier of "s3cr'et pw" with the salt 00..0f. */
    private static final String SCRAM = "SCRAM-SHA-256$4096:AAECAwQFBgcICQoLDA0ODw==$yALyI7Fx4FCAgHBId9Q8TkJ8g9Ww2ZyuXcIQPwaVTIM="
            + ":wIQD5SsvAaxVMa2Zs4Drs6Pee7tYcGEstfPmUfRWCus=";
    private static final String MD5 = "md5b37e3b8f911f5e5f5ac8dd6f172e9910";

    private static TestParams params(Module m, Object... kv) {
        return TestParams.of(m.spec(), kv);
    }

    /** Answers each of the module's first probes, in order (null: the probe fails). */
    private static ScriptedHost server(Module m, TestParams p, String... answers) {
        ScriptedHost h = new ScriptedHost();
        List<Probe> probes = m.firstProbes(p);
        assertThat(probes).hasSize(answers.length);
        for (int i = 0; i < probes.size(); i++) {
            String a = answers[i];
            h.answer(String.join(" ", ((Probe.Run) probes.get(i)).argv()), a == null ? 1 : 0, a == null ? "" : a);
        }
        return h;
    }

    private static String hex(String s) {
        return "x" + HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String sql(Change c) {
        return new String(((Step.Run) c.steps().get(0)).stdin(), StandardCharsets.UTF_8);
    }

    private static String argv(Change c) {
        return String.join(" ", ((Step.Run) c.steps().get(0)).argv());
    }

    private static String dbRow(String owner, String enc, int encId, String collate, String ctype, int limit, String space) {
        return String.join("|", hex(owner), hex(enc), Integer.toString(encId), hex(collate), hex(ctype), Integer.toString(limit), hex(space)) + "\n";
    }

    @Test
    void passwordHashes_areTheServers() {
        assertThat(PgPassword.scram("s3cr'et pw", HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f"), 4096)).isEqualTo(SCRAM);
        assertThat(PgPassword.scramMatches("s3cr'et pw", SCRAM)).isTrue();
        assertThat(PgPassword.scramMatches("s3cr'et pX", SCRAM)).isFalse();
        assertThat(PgPassword.scramMatches("s3cr'et pw", PgPassword.scram("s3cr'et pw", "rdapp"))).isTrue();
        assertThat(PgPassword.scram("pw", "rdapp")).as("the same task plans the same statement (a saved plan holds)").isEqualTo(PgPassword.scram("pw", "rdapp"))
                .isNotEqualTo(PgPassword.scram("pw", "other")).isNotEqualTo(PgPassword.scram("pw2", "rdapp"));
        assertThat(PgPassword.md5("s3cr'et pw", "rdapp")).isEqualTo(MD5);
    }

    @Test
    void quoting_makesHostileNamesData() {
        assertThat(PgSql.ident("a\"; DROP DATABASE x; --")).isEqualTo("\"a\"\"; DROP DATABASE x; --\"");
        assertThat(PgSql.literal("it's")).isEqualTo("'it''s'");
        assertThat(PgSql.literal("a\\'; x")).isEqualTo("E'a\\\\''; x'");
        assertThatThrownBy(() -> PgSql.ident("a\0b")).isInstanceOf(ModuleException.class).hasMessageContaining("NUL");
        assertThat(PgLogin.quote("x' host='evil")).isEqualTo("'x\\' host=\\'evil'");
    }

    @Test
    void login_isOneConnectionString_theSocketForLocalhost() {
        TestParams p = params(db, "name", "app", "login_host", "localhost", "login_unix_socket", "/var/run/postgresql", "login_user", "postgres");
        Probe.Run probe = (Probe.Run) db.firstProbes(p).get(0);
        assertThat(probe.argv()).contains("--dbname=dbname='postgres' user='postgres' host='/var/run/postgresql' port='5432' sslmode='prefer'");
        TestParams tcp = params(db, "name", "app", "login_host", "localhost");
        assertThat(((Probe.Run) db.firstProbes(tcp).get(0)).argv()).anyMatch(a -> a.contains("host='localhost'"));
        TestParams none = params(db, "name", "app");
        assertThat(((Probe.Run) db.firstProbes(none).get(0)).argv()).noneMatch(a -> a.contains("host="));
    }

    @Test
    void psql_alwaysRunsWithItsClientEncodingPinnedToUtf8() {
        TestParams p = params(db, "name", "\u00e4pp", "owner", "\u00f6wner");
        Change c = db.plan(p, server(db, p, "150018|6\n", ""));
        assertThat(db.firstProbes(p)).allSatisfy(probe -> assertThat(((Probe.Run) probe).argv()).startsWith("env", "PGCLIENTENCODING=UTF8", "psql"));
        assertThat(((Step.Run) c.steps().get(0)).argv()).startsWith("env", "PGCLIENTENCODING=UTF8", "psql");
        TestParams u = params(user, "name", "r\u00f6le", "password", "p\u00e4ss");
        assertThat(user.firstProbes(u)).allSatisfy(probe -> assertThat(((Probe.Run) probe).argv()).startsWith("env", "PGCLIENTENCODING=UTF8", "psql"));
    }

    @Test
    void db_missing_isCreatedWithItsOptions_quoted() {
        TestParams p = params(db, "name", "rd\"app", "owner", "o'wner", "encoding", "UTF-8", "lc_collate", "C.UTF-8", "lc_ctype", "C.UTF-8",
                "template", "template0", "conn_limit", "5");
        Change c = db.plan(p, server(db, p, "150018|6\n", ""));
        assertThat(sql(c)).isEqualTo("CREATE DATABASE \"rd\"\"app\" OWNER \"o'wner\" TEMPLATE \"template0\" ENCODING 'UTF-8' "
                + "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' CONNECTION LIMIT 5;\n");
        assertThat(argv(c)).doesNotContain("CREATE");
        assertThat(c.outputs()).containsEntry("db", "rd\"app");
    }

    @Test
    void db_existing_sameIsNone_ownerAndLimitAltered_encodingRefused() {
        TestParams same = params(db, "name", "app", "owner", "app", "encoding", "UTF8", "lc_collate", "C.UTF-8", "conn_limit", "-1");
        assertThat(db.plan(same, server(db, same, "150018|6\n", dbRow("app", "UTF8", 6, "C.UTF-8", "C.UTF-8", -1, "pg_default"))).isNone()).isTrue();
        TestParams other = params(db, "name", "app", "owner", "bob", "conn_limit", "3");
        Change c = db.plan(other, server(db, other, "150018|-1\n", dbRow("app", "UTF8", 6, "C.UTF-8", "C.UTF-8", -1, "pg_default")));
        assertThat(sql(c)).isEqualTo("ALTER DATABASE \"app\" OWNER TO \"bob\";\nALTER DATABASE \"app\" CONNECTION LIMIT 3;\n");
        TestParams enc = params(db, "name", "app", "encoding", "LATIN1");
        assertThatThrownBy(() -> db.plan(enc, server(db, enc, "150018|8\n", dbRow("app", "UTF8", 6, "C.UTF-8", "C.UTF-8", -1, "pg_default"))))
                .hasMessage("Changing database encoding is not supported. Current encoding: UTF8");
        TestParams coll = params(db, "name", "app", "lc_collate", "en_US.UTF-8");
        assertThatThrownBy(() -> db.plan(coll, server(db, coll, "150018|-1\n", dbRow("app", "UTF8", 6, "C.UTF-8", "C.UTF-8", -1, "pg_default"))))
                .hasMessage("Changing LC_COLLATE is not supported. Current LC_COLLATE: C.UTF-8");
    }

    @Test
    void db_absent_drops_dumpRefused_badLimitRefused() {
        TestParams p = params(db, "name", "old", "state", "absent");
        assertThat(sql(db.plan(p, server(db, p, "150018|-1\n", dbRow("postgres", "UTF8", 6, "C", "C", -1, "pg_default")))))
                .isEqualTo("DROP DATABASE \"old\";\n");
        assertThat(db.plan(p, server(db, p, "150018|-1\n", "")).isNone()).isTrue();
        assertThatThrownBy(() -> db.plan(params(db, "name", "x", "state", "dump"), new ScriptedHost())).hasMessageContaining("pg_dump");
        assertThatThrownBy(() -> db.plan(params(db, "name", "x", "conn_limit", "1; DROP"), new ScriptedHost())).hasMessageContaining("integer");
        assertThatThrownBy(() -> db.plan(params(db, "name", "x", "login_password", "pw"), new ScriptedHost())).hasMessageContaining("peer");
    }

    @Test
    void db_rename() {
        TestParams p = params(db, "name", "a", "state", "rename", "target", "b");
        assertThat(sql(db.plan(p, server(db, p, "150018|-1\n", dbRow("postgres", "UTF8", 6, "C", "C", -1, "pg_default"), ""))))
                .isEqualTo("ALTER DATABASE \"a\" RENAME TO \"b\";\n");
        assertThat(db.plan(p, server(db, p, "150018|-1\n", "", dbRow("postgres", "UTF8", 6, "C", "C", -1, "pg_default"))).isNone()).isTrue();
    }

    private static String role(boolean login, boolean createdb, int limit, String password, String comment) {
        return String.join("|", "f", "f", createdb ? "t" : "f", "t", login ? "t" : "f", "f", "f", Integer.toString(limit),
                password == null ? "" : hex(password), comment == null ? "" : hex(comment)) + "\n";
    }

    @Test
    void user_created_withTheServersHash_neverTheClearText() {
        TestParams p = params(user, "name", "rd\"app", "password", "s3cr'et pw", "role_attr_flags", "createdb,nosuperuser", "conn_limit", 4);
        Change c = user.plan(p, server(user, p, "150018|scram-sha-256\n", ""));
        String sql = sql(c);
        assertThat(sql).startsWith("CREATE USER \"rd\"\"app\" WITH ENCRYPTED PASSWORD 'SCRAM-SHA-256$4096:")
                .endsWith(" CONNECTION LIMIT 4 CREATEDB NOSUPERUSER;\n").doesNotContain("s3cr");
        assertThat(argv(c)).doesNotContain("s3cr").doesNotContain("SCRAM");
        assertThat(c.outputs().get("queries").toString()).contains("PASSWORD %(password)s").doesNotContain("SCRAM");
        String verifier = sql.substring(sql.indexOf("'") + 1, sql.indexOf("'", sql.indexOf("'") + 1));
        assertThat(PgPassword.scramMatches("s3cr'et pw", verifier)).isTrue();
        TestParams md5 = params(user, "name", "rdapp", "password", "s3cr'et pw");
        assertThat(sql(user.plan(md5, server(user, md5, "150018|md5\n", "")))).contains("PASSWORD '" + MD5 + "'");
    }

    @Test
    void user_existing_comparedAsTheCollection() {
        TestParams p = params(user, "name", "rdapp", "password", "s3cr'et pw", "role_attr_flags", "LOGIN,CREATEDB");
        assertThat(user.plan(p, server(user, p, "150018|scram-sha-256\n", role(true, true, -1, SCRAM, null))).isNone()).isTrue();
        assertThat(user.plan(p, server(user, p, "150018|md5\n", role(true, true, -1, MD5, null))).isNone()).isTrue();
        Change pw = user.plan(p, server(user, p, "150018|scram-sha-256\n", role(true, true, -1, PgPassword.scram("other", "rdapp"), null)));
        assertThat(sql(pw)).startsWith("ALTER USER \"rdapp\" WITH ENCRYPTED PASSWORD 'SCRAM-SHA-256$").endsWith("' LOGIN CREATEDB;\n");
        Change flags = user.plan(p, server(user, p, "150018|scram-sha-256\n", role(true, false, -1, SCRAM, null)));
        assertThat(sql(flags)).isEqualTo("ALTER USER \"rdapp\" WITH LOGIN CREATEDB;\n");
        TestParams none = params(user, "name", "rdapp", "password", "");
        assertThat(sql(user.plan(none, server(user, none, "150018|scram-sha-256\n", role(true, true, -1, SCRAM, null)))))
                .isEqualTo("ALTER USER \"rdapp\" WITH PASSWORD NULL ;\n");
    }

    @Test
    void user_expires_comment_absent_andRefusals() {
        TestParams p = params(user, "name", "rdapp", "expires", "2040-01-01", "comment", "it's");
        Change c = user.plan(p, server(user, p, "150018|scram-sha-256\n", role(true, false, -1, null, null), "f\n"));
        assertThat(sql(c)).isEqualTo("ALTER USER \"rdapp\" VALID UNTIL '2040-01-01';\nCOMMENT ON ROLE \"rdapp\" IS 'it''s';\n");
        assertThat(user.plan(p, server(user, p, "150018|scram-sha-256\n", role(true, false, -1, null, "it's"), "t\n")).isNone()).isTrue();
        TestParams gone = params(user, "name", "rdapp", "state", "absent");
        Change drop = user.plan(gone, server(user, gone, "150018|scram-sha-256\n", role(true, false, -1, null, null)));
        assertThat(sql(drop)).isEqualTo("DROP USER \"rdapp\";\n");
        assertThat(drop.outputs()).containsEntry("user_removed", true);
        assertThat(user.plan(gone, server(user, gone, "150018|scram-sha-256\n", "")).isNone()).isTrue();
        TestParams bad = params(user, "name", "rdapp", "role_attr_flags", "LOGIN;DROP");
        assertThatThrownBy(() -> user.plan(bad, server(user, bad, "150018|scram-sha-256\n", ""))).hasMessageContaining("Invalid role_attr_flags");
        TestParams plain = params(user, "name", "rdapp", "password", "x", "encrypted", false);
        assertThatThrownBy(() -> user.plan(plain, server(user, plain, "150018|scram-sha-256\n", ""))).hasMessageContaining("UNENCRYPTED");
    }

    @Test
    void firstProbes_areWhatThePlanAsks_inOneRoundTrip() {
        TestParams p = params(user, "name", "rdapp", "password", "pw", "expires", "infinity");
        ScriptedHost h = server(user, p, "150018|scram-sha-256\n", "", "f\n");
        user.plan(p, h);
        assertThat(h.roundTrips()).containsExactly(3);
        ModuleTester.of(user).assertFirstProbesDeclared(p, h.asked());
        TestParams d = params(db, "name", "app");
        ScriptedHost hd = server(db, d, "150018|-1\n", "");
        db.plan(d, hd);
        assertThat(hd.roundTrips()).containsExactly(2);
        ModuleTester.of(db).assertFirstProbesDeclared(d, hd.asked());
    }

    @Test
    void withoutPgAuthid_pgRolesIsRead_andThePasswordTakenAsDifferent() {
        TestParams p = params(user, "name", "rdapp", "password", "s3cr'et pw");
        List<String> asked = new ArrayList<>();
        Host h = new Host() {
            @Override public String name() { return "h"; }
            @Override public Map<String, Object> facts() { return Map.of(); }
            @Override public List<ProbeResult> probe(List<Probe> probes) {
                List<ProbeResult> out = new ArrayList<>();
                for (Probe q : probes) {
                    String sql = ((Probe.Run) q).argv().stream().filter(a -> a.startsWith("--command=")).findFirst().orElseThrow();
                    asked.add(sql);
                    if (sql.contains("current_setting")) out.add(ProbeResult.of(0, "150018|scram-sha-256\n".getBytes(StandardCharsets.UTF_8), ""));
                    else if (sql.contains("pg_authid WHERE")) out.add(ProbeResult.of(1, new byte[0], "ERROR:  permission denied for table pg_authid"));
                    else out.add(ProbeResult.of(0, "f|f|f|t|t|f|f|-1|?|\n".getBytes(StandardCharsets.UTF_8), ""));
                }
                return out;
            }
        };
        Change c = user.plan(p, h);
        assertThat(asked).anyMatch(q -> q.contains("FROM pg_roles WHERE"));
        assertThat(c.isNone()).isFalse();
        assertThat(c.diffs().get(0).subject()).isEqualTo("role rdapp password");
        assertThat(c.verifiable()).as("set on every run, as the collection does: no convergence to prove").isFalse();
    }

    @Test
    void whatTheServerWouldCutOrReject_isRefusedBeforeAnyChange() {
        assertThatThrownBy(() -> PgSql.ident("x".repeat(64))).isInstanceOf(ModuleException.class).hasMessageContaining("63 bytes");
        assertThat(PgSql.ident("x".repeat(63))).hasSize(65);
        assertThatThrownBy(() -> PostgresqlUserModule.flags("LOGIN,NOLOGIN", 150018)).isInstanceOf(ModuleException.class)
                .hasMessageContaining("conflict");
        assertThat(PostgresqlUserModule.flags("login,createdb", 150018)).containsExactly("LOGIN", "CREATEDB");
    }
}
