package dev.rigger.modules.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rigger.spi.Change;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Step;
import dev.rigger.testkit.ModuleTester;
import dev.rigger.testkit.ScriptedHost;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserModuleTest {
    private final ModuleTester t = ModuleTester.of(new UserModule());

    /** bob (uid 1001, primary group bob 1001) a member of the groups named in {@code memberOf}; null passwd: no such user. */
    private static ScriptedHost host(String passwd, String memberOf) {
        List<String> in = memberOf == null ? List.of() : List.of(memberOf.split(" "));
        String groups = "root:x:0:\nbob:x:1001:\n" + "wheel:x:10:" + (in.contains("wheel") ? "alice,bob" : "alice") + "\n"
                + "adm:x:4:" + (in.contains("adm") ? "bob" : "") + "\n";
        ScriptedHost h = new ScriptedHost().answer("getent group", 0, groups).answer("getent shadow -- bob", 2, "");
        if (passwd == null) return h.answer("getent passwd -- bob", 2, "");
        return h.answer("getent passwd -- bob", 0, passwd + "\n").answer("getent shadow -- bob", 0, "bob:$6$old:19000:0:99999:7:::\n");
    }

    private static List<List<String>> runs(Change c) {
        return c.steps().stream().map(s -> ((Step.Run) s).argv()).toList();
    }

    private static final String BOB = "bob:x:1001:1001:Bob:/home/bob:/bin/bash";

    @Test
    void missing_isCreatedWithUseradd_asAnsibleCallsIt() {
        Change c = t.plan(Map.of("name", "bob", "uid", 1001, "groups", List.of("wheel", "adm"), "shell", "/bin/sh", "comment", "Bob"), host(null, null));
        assertThat(runs(c)).containsExactly(List.of("useradd", "-u", "1001", "-N", "-G", "wheel,adm", "-c", "Bob", "-s", "/bin/sh", "-m", "bob"));
        assertThat(t.plan(Map.of("name", "carol", "system", true, "create_home", false), host(null, null).answer("getent passwd -- carol", 2, "")
                .answer("getent shadow -- carol", 2, "")).steps())
                .singleElement().satisfies(s -> assertThat(((Step.Run) s).argv()).containsExactly("useradd", "-M", "-r", "carol"));
    }

    @Test
    void present_sameAttributes_isNone_inOneRoundTrip() {
        ScriptedHost h = host(BOB, "wheel adm");
        Change c = t.plan(Map.of("name", "bob", "uid", 1001, "groups", List.of("wheel", "adm"), "shell", "/bin/bash",
                "password", "$6$old"), h);
        assertThat(c.isNone()).isTrue();
        assertThat(h.roundTrips()).containsExactly(3);
        assertThat(c.outputs()).containsEntry("uid", 1001).containsEntry("group", 1001).containsEntry("groups", "wheel,adm")
                .containsEntry("home", "/home/bob");
    }

    @Test
    void differingAttributes_onlyThoseGoToUsermod() {
        Change c = t.plan(Map.of("name", "bob", "uid", 1001, "shell", "/bin/sh", "comment", "Bob", "password", "$6$new"), host(BOB, ""));
        assertThat(runs(c)).containsExactly(List.of("usermod", "-s", "/bin/sh", "-p", "$6$new", "bob"));
        assertThat(c.diffs().get(0).before()).contains("shell: /bin/bash").doesNotContain("$6$");
        assertThat(t.plan(Map.of("name", "bob", "password", "$6$new", "update_password", "on_create"), host(BOB, "")).isNone()).isTrue();
    }

    @Test
    void passwordAgeing_chageForTheFieldsThatDiffer_asAnsiblesSetPasswordExpire() {
        // bob's shadow entry: min 0, max 99999, warn 7
        assertThat(t.plan(Map.of("name", "bob", "password_expire_min", 0, "password_expire_max", 99999, "password_expire_warn", 7),
                host(BOB, "")).isNone()).isTrue();
        Change c = t.plan(Map.of("name", "bob", "password_expire_min", 7, "password_expire_max", 99999, "password_expire_warn", 14,
                "shell", "/bin/sh"), host(BOB, ""));
        assertThat(runs(c)).containsExactly(List.of("usermod", "-s", "/bin/sh", "bob"), List.of("chage", "-m", "7", "-W", "14", "bob"));
        assertThat(c.diffs().get(0).before()).contains("password_expire_min: 0").contains("password_expire_warn: 7");
        assertThat(c.diffs().get(0).after()).contains("password_expire_min: 7").doesNotContain("password_expire_max");
        // an empty field reads as -1 (Python's spwd)
        ScriptedHost empty = host(BOB, "").answer("getent shadow -- bob", 0, "bob:$6$old:19000::::::\n");
        assertThat(runs(t.plan(Map.of("name", "bob", "password_expire_max", 90), empty))).containsExactly(List.of("chage", "-M", "90", "bob"));
        assertThat(t.plan(Map.of("name", "bob", "password_expire_max", -1), host(BOB, "").answer("getent shadow -- bob", 0, "bob:$6$old:19000::::::\n"))
                .isNone()).isTrue();
        // a new account: useradd, then chage with every ageing value given
        assertThat(runs(t.plan(Map.of("name", "bob", "password_expire_max", 90), host(null, null))))
                .containsExactly(List.of("useradd", "-N", "-m", "bob"), List.of("chage", "-M", "90", "bob"));
        // an unreadable shadow entry is an error, not a change every run
        ScriptedHost unreadable = new ScriptedHost().answer("getent group", 0, "bob:x:1001:\n").answer("getent passwd -- bob", 0, BOB + "\n")
                .answer("getent shadow -- bob", 2, "");
        assertThatThrownBy(() -> t.plan(Map.of("name", "bob", "password_expire_max", 90), unreadable)).isInstanceOf(ModuleException.class)
                .hasMessageContaining("shadow entry of bob");
    }

    @Test
    void groups_exactUnlessAppend_primaryNotCounted() {
        assertThat(runs(t.plan(Map.of("name", "bob", "groups", List.of("wheel")), host(BOB, "wheel adm"))))
                .containsExactly(List.of("usermod", "-G", "wheel", "bob"));
        assertThat(t.plan(Map.of("name", "bob", "groups", List.of("wheel"), "append", true), host(BOB, "wheel adm")).isNone()).isTrue();
        assertThat(runs(t.plan(Map.of("name", "bob", "groups", List.of("wheel", "adm"), "append", true), host(BOB, "wheel"))))
                .containsExactly(List.of("usermod", "-a", "-G", "wheel,adm", "bob"));
        assertThat(t.plan(Map.of("name", "bob", "groups", List.of("10", "adm")), host(BOB, "wheel adm")).isNone()).isTrue();
    }

    @Test
    void primaryGroup_comparedByGid() {
        assertThat(runs(t.plan(Map.of("name", "bob", "group", "wheel"), host(BOB, "")))).containsExactly(List.of("usermod", "-g", "wheel", "bob"));
    }

    @Test
    void unknownGroup_failsAsAnsible() {
        assertThatThrownBy(() -> t.plan(Map.of("name", "bob", "groups", List.of("ghost")), host(BOB, ""))).isInstanceOf(ModuleException.class)
                .hasMessage("Group ghost does not exist");
    }

    @Test
    void absent_userdelWithFlags_noneWhenGone() {
        assertThat(runs(t.plan(Map.of("name", "bob", "state", "absent", "remove", true), host(BOB, "")))).containsExactly(List.of("userdel", "-r", "bob"));
        assertThat(t.plan(Map.of("name", "bob", "state", "absent"), host(null, null)).isNone()).isTrue();
    }

    @Test
    void passwordLock_locksOnlyAnUnlockedHash() {
        assertThat(runs(t.plan(Map.of("name", "bob", "password_lock", true), host(BOB, "")))).containsExactly(List.of("usermod", "-L", "bob"));
        assertThat(t.plan(Map.of("name", "bob", "password_lock", false), host(BOB, "")).isNone()).isTrue();
    }

    @Test
    void optionLikeNames_areRefused() {
        assertThatThrownBy(() -> t.plan(Map.of("name", "--help"), new ScriptedHost())).isInstanceOf(ModuleException.class);
        assertThatThrownBy(() -> t.plan(Map.of("name", "bob", "groups", List.of("-x")), new ScriptedHost())).isInstanceOf(ModuleException.class);
    }
}
