package dev.rigger.modules.mysql;

import dev.rigger.spi.Change;
import dev.rigger.spi.Diff;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Params;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What an existing account needs, host by host, as user.py's user_mod decides it when not in
 * check mode: password, then privileges, then TLS requirements; the statements of every host in
 * one step.
 */
final class MysqlUserChange {
    private final Params p;
    private final MysqlServer server;
    private final String user;
    private final List<String> sql = new ArrayList<>();
    private final List<Diff> diffs = new ArrayList<>();
    private String msg = "User unchanged";
    private boolean passwordChanged;

    MysqlUserChange(Params p, MysqlServer server, String user) {
        this.p = p;
        this.server = server;
        this.user = user;
    }

    static List<String> logBin(Params p) {
        return p.has("sql_log_bin") && !p.bool("sql_log_bin") ? List.of("SET SQL_LOG_BIN=0") : List.of();
    }

    /** The mysql_native_password hash: the given one with encrypted (checked), else *SHA1(SHA1(password)) in capitals. */
    static String hash(Params p) {
        String password = p.string("password");
        if (p.bool("encrypted")) {
            if (!(password.length() == 41 && password.charAt(0) == '*' && password.substring(1).chars().allMatch(c -> Character.digit(c, 16) >= 0))) {
                throw new ModuleException("encrypted was specified however it does not appear to be a valid hash expecting: *SHA1(SHA1(your_password))");
            }
            return password;
        }
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] once = sha1.digest(password.getBytes(StandardCharsets.UTF_8));
            return "*" + HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(once));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String grant(String object, List<String> privs, String account) {
        String list = String.join(",", privs.stream().filter(x -> !x.equals("GRANT")).toList());
        return "GRANT " + list + " ON " + object + " TO " + account + (privs.contains("GRANT") ? " WITH GRANT OPTION" : "");
    }

    private void revoke(String object, List<String> privs, boolean grantOption, String account) {
        if (grantOption) sql.add("REVOKE GRANT OPTION ON " + object + " FROM " + account);
        String list = String.join(",", privs.stream().filter(x -> !x.equals("GRANT")).toList());
        if (!list.isEmpty()) sql.add("REVOKE " + list + " ON " + object + " FROM " + account);
        sql.add("FLUSH PRIVILEGES");
    }

    /** One host of the account: its current hash, SHOW GRANTS and SHOW CREATE USER lines. */
    void host(String host, String currentHash, List<String> grants, List<String> createUser) {
        String account = Sql.account(user, host);
        if ("always".equals(p.optional("update_password").orElse("always")) && p.has("password") && !p.string("password").isEmpty()) {
            String wanted = hash(p);
            if (!wanted.equals(currentHash)) {
                passwordChanged = true;
                msg = "Password updated (new style)";
                sql.add("ALTER USER " + account + " IDENTIFIED WITH mysql_native_password AS " + Sql.literal(wanted));
                diffs.add(Diff.update("mysql user " + account + " password", "(hash differs)", "(new hash)"));
            }
        }
        if (p.has("priv")) privileges(account, MysqlPrivileges.granted(grants));
        MysqlTls.Requires wanted = MysqlTls.wanted(p);
        MysqlTls.Requires current = MysqlTls.current(createUser);
        if (!MysqlTls.same(current, wanted)) {
            msg = "TLS requires updated";
            sql.add("ALTER USER " + account + " REQUIRE " + (wanted == null ? "NONE" : wanted.sql()));
            diffs.add(Diff.update("mysql user " + account + " tls_requires", String.valueOf(current == null ? "NONE" : current),
                    String.valueOf(wanted == null ? "NONE" : wanted)));
        }
    }

    private void privileges(String account, Map<String, List<String>> current) {
        boolean append = p.bool("append_privs");
        boolean subtract = p.bool("subtract_privs");
        Map<String, List<String>> wanted = MysqlPrivileges.unpack(MysqlPrivileges.text(p.values().get("priv")), server.ansi(), !subtract);
        int before = sql.size();
        boolean grantOption = false;
        if (!append && !subtract) {
            for (Map.Entry<String, List<String>> e : current.entrySet()) {
                if (e.getValue().contains("GRANT")) grantOption = true;
                if (!wanted.containsKey(e.getKey()) && !user.equals("root") && !e.getValue().contains("PROXY")) {
                    msg = "Privileges updated";
                    revoke(e.getKey(), e.getValue(), grantOption, account);
                }
            }
        }
        if (!subtract) {
            for (Map.Entry<String, List<String>> e : wanted.entrySet()) {
                if (!current.containsKey(e.getKey())) {
                    msg = "New privileges granted";
                    sql.add(grant(e.getKey(), e.getValue(), account));
                }
            }
        }
        for (Map.Entry<String, List<String>> e : wanted.entrySet()) {
            if (!current.containsKey(e.getKey())) continue;
            Set<String> want = new LinkedHashSet<>(e.getValue());
            Set<String> have = new LinkedHashSet<>(current.get(e.getKey()));
            List<String> grant = new ArrayList<>();
            List<String> revoke = new ArrayList<>();
            if (append) {
                want.stream().filter(x -> !have.contains(x)).forEach(grant::add);
            } else if (subtract) {
                want.stream().filter(have::contains).forEach(revoke::add);
            } else {
                want.stream().filter(x -> !have.contains(x)).forEach(grant::add);
                have.stream().filter(x -> !want.contains(x)).forEach(revoke::add);
                if (grant.contains("ALL") || grant.contains("ALL PRIVILEGES")) revoke.removeIf(x -> !x.equals("GRANT") && !x.equals("PROXY"));
                grantOption = revoke.contains("GRANT") && !grant.contains("GRANT");
            }
            if (grant.equals(List.of("GRANT"))) grant.add("USAGE");
            if (grant.isEmpty() && revoke.isEmpty()) continue;
            msg = "Privileges updated: granted " + pyList(grant) + ", revoked " + pyList(revoke);
            if (!revoke.isEmpty()) revoke(e.getKey(), revoke, grantOption, account);
            if (!grant.isEmpty()) sql.add(grant(e.getKey(), grant, account));
        }
        if (sql.size() > before) {
            diffs.add(Diff.update("mysql user " + account + " privileges", show(current), show(wanted)));
        }
    }

    private static String pyList(List<String> l) {
        return "[" + String.join(", ", l.stream().map(x -> "'" + x + "'").toList()) + "]";
    }

    private static String show(Map<String, List<String>> privs) {
        List<String> parts = new ArrayList<>();
        privs.forEach((k, v) -> parts.add(k + ":" + String.join(",", v)));
        return String.join("/", parts);
    }

    Change result(Map<String, Object> out) {
        out.put("msg", msg);
        out.put("password_changed", passwordChanged);
        if (sql.isEmpty()) return Change.none(out);
        List<String> all = new ArrayList<>(logBin(p));
        all.addAll(sql);
        return Change.of(diffs, List.of(server.login().statements(all))).withOutputs(out);
    }

}
