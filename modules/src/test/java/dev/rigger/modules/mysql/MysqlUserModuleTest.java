package dev.rigger.modules.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Probe;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ScriptedHost;
import dev.rigger.testkit.TestParams;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MysqlUserModuleTest {
    private final MysqlUserModule m = new MysqlUserModule();
    /** *SHA1(SHA1('secret')) as MySQL's PASSWORD('secret'). */
    private static final String SECRET_HASH = "*14E65567ABDB5135D0CFD9A70B3032C179A49EE7";

    private TestParams params(Object... kv) {
        return TestParams.of(m.spec(), kv);
    }

    /** Answers each probe of the module's first round trip, in order. */
    private static ScriptedHost server(TestParams p, MysqlUserModule m, String... answers) {
        ScriptedHost h = new ScriptedHost();
        List<Probe> probes = m.firstProbes(p);
        h.answer(String.join(" ", ((Probe.Run) probes.get(0)).argv()), 0, "STRICT_TRANS_TABLES\t10.11.19-MariaDB\n");
        for (int i = 1; i < probes.size(); i++) {
            String a = answers[i - 1];
            h.answer(String.join(" ", ((Probe.Run) probes.get(i)).argv()), a == null ? 1 : 0, a == null ? "" : a);
        }
        return h;
    }

    private static String sql(Change c) {
        return new String(((Step.Run) c.steps().get(0)).stdin(), StandardCharsets.UTF_8);
    }

    @Test
    void hash_isMysqlNativePasswords() {
        assertThat(MysqlUserChange.hash(params("name", "u", "password", "secret"))).isEqualTo(SECRET_HASH);
    }

    @Test
    void create_putsTheHashNotThePassword_andHostileNamesAreLiterals() {
        TestParams p = params("name", "a'; DROP USER root; --", "password", "secret", "priv", "app.*:SELECT,insert");
        Change c = m.plan(p, server(p, m, "", null, null));
        String sql = sql(c);
        assertThat(sql).contains("CREATE USER 'a\\'; DROP USER root; --'@'localhost' IDENTIFIED WITH mysql_native_password AS '" + SECRET_HASH + "'")
                .contains("GRANT SELECT,INSERT ON `app`.* TO 'a\\'; DROP USER root; --'@'localhost'")
                .contains("GRANT USAGE ON *.* TO").doesNotContain("secret");
        Step.Run step = (Step.Run) c.steps().get(0);
        assertThat(String.join(" ", step.argv())).doesNotContain("secret").doesNotContain(SECRET_HASH);
        assertThat(c.outputs()).containsEntry("msg", "User added");
    }

    @Test
    void existing_withSameHashAndGrants_isNone() {
        TestParams p = params("name", "app", "password", "secret", "priv", "app.*:SELECT,INSERT/*.*:USAGE", "tls_requires", Map.of());
        Change c = m.plan(p, server(p, m, "localhost\t" + SECRET_HASH + "\n",
                "GRANT USAGE ON *.* TO `app`@`localhost` IDENTIFIED BY PASSWORD '" + SECRET_HASH + "'\nGRANT SELECT, INSERT ON `app`.* TO `app`@`localhost`\n",
                "CREATE USER `app`@`localhost` IDENTIFIED BY PASSWORD '" + SECRET_HASH + "'\n"));
        assertThat(c.isNone()).isTrue();
        assertThat(c.outputs()).containsEntry("msg", "User unchanged");
    }

    @Test
    void existing_replacesPrivileges_andRevokesWhatIsNotListed() {
        TestParams p = params("name", "app", "priv", "app.*:SELECT");
        Change c = m.plan(p, server(p, m, "localhost\t\n",
                "GRANT USAGE ON *.* TO `app`@`localhost`\nGRANT SELECT, INSERT ON `app`.* TO `app`@`localhost`\nGRANT ALL PRIVILEGES ON `old`.* TO `app`@`localhost`\n",
                "CREATE USER `app`@`localhost`\n"));
        assertThat(sql(c)).contains("REVOKE ALL ON `old`.* FROM 'app'@'localhost'").contains("REVOKE INSERT ON `app`.* FROM 'app'@'localhost'")
                .doesNotContain("GRANT");
    }

    @Test
    void absent_dropsEveryHost_withHostAll() {
        TestParams p = params("name", "", "host_all", true, "state", "absent");
        Change c = m.plan(p, server(p, m, "localhost\t\nnode1\t\n"));
        assertThat(sql(c)).contains("DROP USER IF EXISTS ''@'localhost'").contains("DROP USER IF EXISTS ''@'node1'");
    }

    @Test
    void hostilePrivilegeWords_andLoginPassword_areRefused() {
        TestParams p = params("name", "app", "priv", "app.*:SELECT; DROP DATABASE mysql");
        assertThatThrownBy(() -> m.plan(p, server(p, m, "localhost\t\n", "GRANT USAGE ON *.* TO `app`@`localhost`\n", "CREATE USER `app`@`localhost`\n")))
                .isInstanceOf(ModuleException.class).hasMessageContaining("invalid privileges string");
        assertThatThrownBy(() -> m.plan(params("name", "app", "login_password", "pw"), new ScriptedHost()))
                .isInstanceOf(ModuleException.class).hasMessageContaining("config_file");
    }

    @Test
    void tlsRequires_readAsTheCollection() {
        assertThat(MysqlTls.current(List.of("CREATE USER `a`@`%` REQUIRE SSL"))).isEqualTo(new MysqlTls.Requires("SSL", null));
        assertThat(MysqlTls.current(List.of("CREATE USER `a`@`%`"))).isNull();
        assertThat(MysqlTls.wanted(params("name", "a", "tls_requires", Map.of()))).isNull();
        assertThat(MysqlTls.wanted(params("name", "a", "tls_requires", Map.of("x509", "")))).isEqualTo(new MysqlTls.Requires("X509", null));
    }
}
