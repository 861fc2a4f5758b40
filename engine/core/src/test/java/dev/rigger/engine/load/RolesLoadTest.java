package dev.rigger.engine.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rigger.engine.diag.Diagnostics;
import dev.rigger.engine.model.Play;
import dev.rigger.engine.model.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Roles, imports and includes as Ansible expands them, read by the loader. */
class RolesLoadTest {
    @TempDir
    Path dir;

    private void write(String path, String text) throws IOException {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private void role(String name, String tasks) throws IOException {
        write("roles/" + name + "/tasks/main.yml", tasks);
    }

    private Play load(String yaml, Diagnostics d) throws IOException {
        write("site.yml", yaml);
        return new PlaybookLoader().load(dir.resolve("site.yml"), d).orElseThrow().plays().get(0);
    }

    private static List<String> names(List<Task> tasks) {
        return tasks.stream().map(Task::displayName).toList();
    }

    @Test
    void roles_dependenciesFirst_eachOncePerPlay_unlessParamsDifferOrDuplicatesAllowed() throws IOException {
        role("common", "- name: common\n  debug: {msg: c}\n");
        role("web", "- name: web\n  debug: {msg: w}\n");
        write("roles/web/meta/main.yml", "dependencies: [common]\n");
        role("db", "- name: db\n  debug: {msg: d}\n");
        write("roles/db/meta/main.yml", "dependencies:\n  - common\n  - {role: common, level: 1}\n");
        role("twice", "- name: twice\n  debug: {msg: t}\n");
        write("roles/twice/meta/main.yml", "allow_duplicates: true\n");
        Diagnostics d = new Diagnostics();
        Play p = load("- hosts: all\n  roles: [web, db, web, twice, twice]\n  tasks:\n    - name: own\n      debug: {msg: o}\n", d);
        assertThat(d.hasErrors()).as(d.toString()).isFalse();
        assertThat(names(p.tasks())).containsExactly("common", "web", "common", "db", "twice", "twice", "own");
        assertThat(p.tasks().get(2).role().params()).containsEntry("level", 1);
    }

    @Test
    void roles_nullDefaultsAndVars_areDefinedAsNone_notACrash() throws IOException {
        // geerlingguy.mysql's defaults say `mysql_sql_mode: ~`; this crashed the loader (Map.copyOf)
        role("db", "- debug: {var: mode}\n");
        write("roles/db/defaults/main.yml", "mode: ~\nother:\n");
        write("roles/db/vars/main.yml", "packages:\n");
        Diagnostics d = new Diagnostics();
        Play p = load("- hosts: all\n  roles:\n    - {role: db, level: ~}\n", d);
        assertThat(d.hasErrors()).as(d.toString()).isFalse();
        assertThat(p.tasks().get(0).role().defaults()).containsEntry("mode", null).containsEntry("other", null);
        assertThat(p.tasks().get(0).role().vars()).containsEntry("packages", null);
        assertThat(p.tasks().get(0).role().params()).containsEntry("level", null);
    }

    @Test
    void roles_whenAndTags_reachEveryTaskOfTheRoleAndItsDependencies() throws IOException {
        role("base", "- name: base\n  debug: {msg: b}\n  tags: [own]\n");
        role("app", "- name: app\n  debug: {msg: a}\n  when: y\n");
        write("roles/app/meta/main.yml", "dependencies: [base]\n");
        Diagnostics d = new Diagnostics();
        Play p = load("- hosts: all\n  roles:\n    - {role: app, when: x, tags: [t], become: true}\n", d);
        assertThat(d.hasErrors()).as(d.toString()).isFalse();
        Task base = p.tasks().get(0);
        Task app = p.tasks().get(1);
        assertThat(base.when()).extracting(Task.Expr::source).containsExactly("x");
        assertThat(base.tags()).containsExactly("t", "own");
        assertThat(app.when()).extracting(Task.Expr::source).containsExactly("x", "y");
        assertThat(app.become()).isTrue();
        assertThat(app.role().name()).isEqualTo("app");
        assertThat(base.role().name()).isEqualTo("base");
    }

    @Test
    void roles_taskKeywords_reachEveryTaskAndHandlerOfTheRoleAndItsDependencies_unlessTheTaskSetsItsOwn() throws IOException {
        role("common", "- name: common\n  debug: {msg: c}\n");
        role("app", """
                - name: plain
                  command: id
                  notify: restart
                - name: own
                  command: id
                  become_user: own
                  ignore_errors: false
                  check_mode: false
                  delegate_to: elsewhere
                  throttle: 1
                """);
        write("roles/app/meta/main.yml", "dependencies: [common]\n");
        write("roles/app/handlers/main.yml", "- name: restart\n  command: id\n");
        Diagnostics d = new Diagnostics();
        Play p = load("""
                - hosts: all
                  roles:
                    - role: app
                      become: true
                      become_user: app
                      become_method: su
                      remote_user: root
                      ignore_errors: true
                      no_log: true
                      check_mode: true
                      delegate_to: node9
                      throttle: 2
                      ignore_unreachable: true
                      environment: {A: 1}
                      level: 3
                """, d);
        assertThat(d.hasErrors()).as(d.toString()).isFalse();
        assertThat(names(p.tasks())).containsExactly("common", "plain", "own");
        for (Task t : List.of(p.tasks().get(0), p.tasks().get(1), p.handlers().get(0))) {
            assertThat(t.becomeAs().user().source()).as(t.displayName()).isEqualTo("app");
            assertThat(t.becomeAs().method()).isEqualTo("su");
            assertThat(t.ignoreErrors()).isTrue();
            assertThat(t.noLog()).isTrue();
            assertThat(t.checkMode()).isTrue();
            assertThat(t.delegation().to().source()).isEqualTo("node9");
            assertThat(t.throttle()).isEqualTo(2);
            assertThat(t.ignoreUnreachable()).isTrue();
            assertThat(t.environment()).containsExactly(Map.of("A", 1));
        }
        Task own = p.tasks().get(2);
        assertThat(own.becomeAs().user().source()).isEqualTo("own");
        assertThat(own.becomeAs().method()).isEqualTo("su");
        assertThat(own.checkMode()).isFalse();
        assertThat(own.delegation().to().source()).isEqualTo("elsewhere");
        assertThat(own.throttle()).isEqualTo(1);
        assertThat(own.role().params()).containsOnlyKeys("level");
        assertThat(p.remoteUsers()).extracting(Play.RemoteUser::user).containsExactly("root");
    }

    @Test
    void roles_runOnce_reachesTheTasks_andWithNotifyIsRefusedAsOnABlock() throws IOException {
        role("once", "- name: first\n  debug: {msg: x}\n");
        role("notifying", "- name: n\n  command: id\n  notify: h\n");
        write("roles/notifying/handlers/main.yml", "- name: h\n  command: id\n");
        Diagnostics d = new Diagnostics();
        Play p = load("- hosts: all\n  roles:\n    - {role: once, run_once: true}\n", d);
        assertThat(d.hasErrors()).as(d.toString()).isFalse();
        assertThat(p.tasks().get(0).runOnce()).isTrue();
        Diagnostics n = new Diagnostics();
        load("- hosts: all\n  roles:\n    - {role: notifying, run_once: true}\n", n);
        assertThat(n.toString()).contains("site.yml:3:25: error: run_once with notify is not supported yet: 'n' under it notifies");
    }

    @Test
    void roles_keywordsRiggerDoesNotRun_areRefusedAtTheirKey_sayingWhatToDo_neverTakenForRoleParams() throws IOException {
        role("app", "- debug: {msg: x}\n");
        Diagnostics d = new Diagnostics();
        load("""
                - hosts: all
                  roles:
                    - role: app
                      port: 2222
                      timeout: 5
                      become_exe: doas
                      module_defaults: {}
                      any_errors_fatal: true
                      become_method: runas
                """, d);
        assertThat(d.toString())
                .contains("site.yml:4:7: error: 'port' is not supported: set ansible_port for the host in the inventory")
                .contains("site.yml:5:7: error: 'timeout' is not supported: set timeout on the tasks, or --timeout for the run")
                .contains("site.yml:6:7: error: 'become_exe' is not supported")
                .contains("site.yml:7:7: error: 'module_defaults' is not supported")
                .contains("site.yml:8:7: error: 'any_errors_fatal: true' is not supported")
                .contains("site.yml:9:7: error: 'become_method: runas' is not supported (only become_method: sudo or su)");
    }

    @Test
    void importRole_keywordsReachItsTasks_includeRoleTakesThemInApply_asAnsibleParentsThem() throws IOException {
        role("app", "- name: t\n  debug: {msg: x}\n");
        write("more.yml", "- name: m\n  debug: {msg: y}\n");
        Diagnostics d = new Diagnostics();
        Play p = load("""
                - hosts: all
                  tasks:
                    - import_role: {name: app}
                      become_user: app
                      ignore_errors: true
                      run_once: true
                    - import_tasks: more.yml
                      no_log: true
                      delegate_to: node9
                    - include_role:
                        name: app
                        apply: {become_user: inc, check_mode: true, environment: {B: 2}}
                    - include_tasks:
                        file: more.yml
                        apply: {ignore_errors: true, throttle: 3}
                """, d);
        assertThat(d.hasErrors()).as(d.toString()).isFalse();
        List<Task> t = p.tasks();
        assertThat(t.get(0).becomeAs().user().source()).isEqualTo("app");
        assertThat(t.get(0).ignoreErrors()).isTrue();
        assertThat(t.get(0).runOnce()).isTrue();
        assertThat(t.get(1).noLog()).isTrue();
        assertThat(t.get(1).delegation().to().source()).isEqualTo("node9");
        assertThat(t.get(2).becomeAs().user().source()).isEqualTo("inc");
        assertThat(t.get(2).checkMode()).isTrue();
        assertThat(t.get(2).environment()).containsExactly(Map.of("B", 2));
        assertThat(t.get(3).ignoreErrors()).isTrue();
        assertThat(t.get(3).throttle()).isEqualTo(3);
        Diagnostics inc = new Diagnostics();
        load("- hosts: all\n  tasks:\n    - include_role: {name: app}\n      become_user: app\n", inc);
        assertThat(inc.toString()).contains("site.yml:4:7: error: 'become_user' on include_role applies to the include itself in Ansible");
    }

    @Test
    void roles_varsAndDefaults_mergeDependenciesFirst_andEntryVarsUnderVarsMain() throws IOException {
        role("base", "");
        write("roles/base/defaults/main.yml", "a: base\nb: base\n");
        write("roles/base/vars/main.yml", "v: base\n");
        role("app", "- debug: {msg: x}\n");
        write("roles/app/meta/main.yml", "dependencies: [base]\n");
        write("roles/app/defaults/main.yml", "b: app\n");
        write("roles/app/vars/main.yml", "w: main\n");
        Diagnostics d = new Diagnostics();
        Play p = load("- hosts: all\n  roles:\n    - {role: app, vars: {w: entry, e: entry}, k: param}\n", d);
        assertThat(d.hasErrors()).as(d.toString()).isFalse();
        var r = p.tasks().get(0).role();
        assertThat(r.defaults()).isEqualTo(Map.of("a", "base", "b", "app"));
        assertThat(r.vars()).isEqualTo(Map.of("v", "base", "w", "main", "e", "entry"));
        assertThat(r.params()).isEqualTo(Map.of("k", "param"));
        assertThat(p.roles()).extracting(dev.rigger.engine.model.Role::name).containsExactly("app");
    }

    @Test
    void roles_handlers_comeBeforeThePlaysOwn_importedRolesAfter() throws IOException {
        role("a", "- debug: {msg: a}\n");
        write("roles/a/handlers/main.yml", "- name: ha\n  debug: {msg: ha}\n");
        role("b", "- debug: {msg: b}\n");
        write("roles/b/handlers/other.yml", "- name: hb\n  debug: {msg: hb}\n");
        Diagnostics d = new Diagnostics();
        Play p = load("""
                - hosts: all
                  roles: [a]
                  tasks:
                    - ansible.builtin.import_role: {name: b, handlers_from: other}
                  handlers:
                    - name: hp
                      debug: {msg: hp}
                """, d);
        assertThat(d.hasErrors()).as(d.toString()).isFalse();
        assertThat(names(p.handlers())).containsExactly("ha", "hp", "hb");
        assertThat(p.handlers().get(0).role().name()).isEqualTo("a");
    }

    @Test
    void importRole_inABlock_itsHandlersInheritTheBlock_asAnsibleParentsThem() throws IOException {
        // Ansible 2.14 IncludeRole.get_block_list: each handler block's _parent is the import's block
        role("b", "- debug: {msg: b}\n  notify: hb\n");
        write("roles/b/handlers/main.yml", "- name: hb\n  command: /bin/false\n");
        Diagnostics d = new Diagnostics();
        Play p = load("""
                - hosts: all
                  tasks:
                    - block:
                        - import_role: {name: b}
                      ignore_errors: true
                      when: c
                      tags: [t]
                  handlers:
                    - name: hp
                      command: /bin/false
                """, d);
        assertThat(d.hasErrors()).as(d.toString()).isFalse();
        assertThat(names(p.handlers())).containsExactly("hp", "hb");
        Task hb = p.handlers().get(1);
        assertThat(hb.ignoreErrors()).isTrue();
        assertThat(hb.when()).extracting(Task.Expr::source).containsExactly("c");
        assertThat(hb.tags()).isEmpty();
        assertThat(hb.rescued()).isFalse();
        assertThat(p.handlers().get(0).ignoresErrors()).isFalse();
    }

    @Test
    void roles_aRoleTasksExplicitFalse_winsOverTheEntrysImportsAndApplysTrue() throws IOException {
        role("app", "- {name: own, command: /bin/false, ignore_errors: false, no_log: false, ignore_unreachable: false, run_once: false}\n"
                + "- {name: unset, command: /bin/false}\n");
        Diagnostics d = new Diagnostics();
        Play p = load("""
                - hosts: all
                  roles:
                    - {role: app, ignore_errors: true, no_log: true, ignore_unreachable: true, run_once: true}
                  tasks:
                    - import_role: {name: app}
                      ignore_errors: true
                      no_log: true
                    - include_role: {name: app, apply: {ignore_errors: true, run_once: true}}
                """, d);
        assertThat(d.hasErrors()).as(d.toString()).isFalse();
        List<Task> t = p.tasks();
        assertThat(names(t)).containsExactly("own", "unset", "own", "unset", "own", "unset");
        for (int i = 0; i < t.size(); i += 2) {
            assertThat(t.get(i).ignoresErrors()).as("own %d", i).isFalse();
            assertThat(t.get(i).hidesLog()).isFalse();
            assertThat(t.get(i).runsOnce()).isFalse();
            assertThat(t.get(i).ignoresUnreachable()).isFalse();
            assertThat(t.get(i + 1).ignoresErrors()).as("unset %d", i).isTrue();
        }
        assertThat(t.get(1).runsOnce()).isTrue();
        assertThat(t.get(3).hidesLog()).isTrue();
        assertThat(t.get(5).runsOnce()).isTrue();
    }

    @Test
    void roles_dependencysHandlers_getTheDependentEntrysKeywordsAndWhen_theHandlersOwnWin() throws IOException {
        // ansible-playbook 2.14: a handler of a dependency runs with the dependent entry's become_user, environment and when
        role("dep", "- debug: {msg: d}\n");
        write("roles/dep/handlers/main.yml", "- name: hd\n  command: id\n- name: hown\n  command: id\n  ignore_errors: false\n"
                + "  become_user: mine\n");
        role("app", "- debug: {msg: a}\n");
        write("roles/app/meta/main.yml", "dependencies: [{role: dep, environment: {D: 1}}]\n");
        write("roles/app/handlers/main.yml", "- name: ha\n  command: id\n");
        Diagnostics d = new Diagnostics();
        Play p = load("""
                - hosts: all
                  roles:
                    - role: app
                      when: c
                      become: true
                      become_user: app
                      ignore_errors: true
                      environment: {A: 1}
                """, d);
        assertThat(d.hasErrors()).as(d.toString()).isFalse();
        assertThat(names(p.handlers())).containsExactly("hd", "hown", "ha");
        for (Task h : p.handlers()) {
            assertThat(h.when()).as(h.displayName()).extracting(Task.Expr::source).containsExactly("c");
            assertThat(h.become()).isTrue();
        }
        Task hd = p.handlers().get(0);
        assertThat(hd.becomeAs().user().source()).isEqualTo("app");
        assertThat(hd.ignoresErrors()).isTrue();
        assertThat(hd.environment()).containsExactly(Map.of("A", 1), Map.of("D", 1));
        assertThat(hd.role().name()).isEqualTo("dep");
        Task hown = p.handlers().get(1);
        assertThat(hown.ignoresErrors()).isFalse();
        assertThat(hown.becomeAs().user().source()).isEqualTo("mine");
        assertThat(p.handlers().get(2).environment()).containsExactly(Map.of("A", 1));
    }

    @Test
    void importRole_itsOwnWhenAndTheBlocksKeywords_reachItsHandlers() throws IOException {
        role("b", "- debug: {msg: b}\n");
        write("roles/b/handlers/main.yml", "- name: hb\n  command: id\n");
        Diagnostics d = new Diagnostics();
        Play p = load("""
                - hosts: all
                  tasks:
                    - environment: {E: blk}
                      become_user: blk
                      throttle: 2
                      ignore_unreachable: true
                      delegate_to: d1
                      block:
                        - import_role: {name: b}
                          when: i
                          environment: {E: imp}
                """, d);
        assertThat(d.hasErrors()).as(d.toString()).isFalse();
        Task hb = p.handlers().get(0);
        assertThat(hb.when()).extracting(Task.Expr::source).containsExactly("i");
        assertThat(hb.environment()).containsExactly(Map.of("E", "blk"), Map.of("E", "imp"));
        assertThat(hb.becomeAs().user().source()).isEqualTo("blk");
        assertThat(hb.throttle()).isEqualTo(2);
        assertThat(hb.ignoresUnreachable()).isTrue();
        assertThat(hb.delegation().to().source()).isEqualTo("d1");
    }

    @Test
    void includeRole_applysWhenBecomeAndKeywords_reachItsHandlers_theIncludesOwnWhenDoesNot() throws IOException {
        // ansible-playbook 2.14: the handlers' parent is the apply block; the include itself (dynamic) is skipped
        role("b", "- debug: {msg: b}\n");
        write("roles/b/handlers/main.yml", "- name: hb\n  command: id\n");
        Diagnostics d = new Diagnostics();
        Play p = load("""
                - hosts: all
                  tasks:
                    - include_role:
                        name: b
                        apply: {when: a, become: true, become_user: nobody, environment: {X: app}, no_log: true}
                      when: own
                """, d);
        assertThat(d.hasErrors()).as(d.toString()).isFalse();
        Task hb = p.handlers().get(0);
        assertThat(hb.when()).extracting(Task.Expr::source).containsExactly("a");
        assertThat(hb.become()).isTrue();
        assertThat(hb.becomeAs().user().source()).isEqualTo("nobody");
        assertThat(hb.environment()).containsExactly(Map.of("X", "app"));
        assertThat(hb.hidesLog()).isTrue();
        assertThat(p.tasks().get(0).when()).extracting(Task.Expr::source).containsExactly("own", "a");
    }

    @Test
    void runOnce_reachingARolesHandlers_isRefusedAtItsKey_onAnEntryABlockAndAnApply() throws IOException {
        role("b", "- debug: {msg: b}\n");
        write("roles/b/handlers/main.yml", "- name: hb\n  command: id\n");
        role("plain", "- debug: {msg: p}\n");
        for (String use : List.of("  roles: [{role: b, run_once: true}]\n",
                "  tasks:\n    - run_once: true\n      block: [{import_role: {name: b}}]\n",
                "  tasks:\n    - include_role: {name: b, apply: {run_once: true}}\n")) {
            Diagnostics d = new Diagnostics();
            load("- hosts: all\n" + use, d);
            assertThat(d.toString()).as(use).contains("error: run_once here reaches the handler 'hb' of role 'b' (Ansible runs it once too)");
        }
        Diagnostics ok = new Diagnostics();
        load("- hosts: all\n  roles: [{role: plain, run_once: true}]\n", ok);
        assertThat(ok.hasErrors()).as(ok.toString()).isFalse();
    }

    @Test
    void anyErrorsFatalFalse_underAPlayWithTrue_isRefusedAtEachKey_asAnsiblesNearestValueWouldLetTheFailureGoOn() throws IOException {
        // ansible-playbook 2.14: play true, task false: the task's failure on h1 does not stop h2 and h3; Rigger stopped them
        role("app", "- debug: {msg: a}\n");
        Diagnostics d = new Diagnostics();
        load("""
                - hosts: all
                  any_errors_fatal: true
                  roles:
                    - {role: app, any_errors_fatal: false}
                  tasks:
                    - {name: t, command: id, any_errors_fatal: false}
                    - any_errors_fatal: false
                      block: [{command: id}]
                """, d);
        assertThat(d.list()).extracting(Object::toString).filteredOn(e -> e.contains("any_errors_fatal: false under a play"))
                .extracting(e -> e.substring(e.indexOf("site.yml:"), e.indexOf(": error")))
                .containsExactlyInAnyOrder("site.yml:4:19", "site.yml:6:30", "site.yml:7:7");
        Diagnostics ok = new Diagnostics();
        load("- hosts: all\n  tasks:\n    - {name: t, command: id, any_errors_fatal: false}\n", ok);
        assertThat(ok.hasErrors()).as(ok.toString()).isFalse();
    }

    @Test
    void importTasks_tagsVarsWhenAndBecome_reachEveryImportedTask() throws IOException {
        write("more.yml", "- name: inner\n  debug: {msg: x}\n  vars: {own: 1, shared: task}\n  tags: [i]\n");
        Diagnostics d = new Diagnostics();
        Play p = load("""
                - hosts: all
                  tasks:
                    - ansible.builtin.import_tasks: more.yml
                      tags: [outer]
                      vars: {shared: import, extra: 2}
                      when: c
                      become: true
                """, d);
        assertThat(d.hasErrors()).as(d.toString()).isFalse();
        Task t = p.tasks().get(0);
        assertThat(t.tags()).containsExactly("outer", "i");
        assertThat(t.vars()).isEqualTo(Map.of("own", 1, "shared", "task", "extra", 2));
        assertThat(t.when()).extracting(Task.Expr::source).containsExactly("c");
        assertThat(t.become()).isTrue();
        assertThat(t.includeTags()).isEmpty();
    }

    @Test
    void includeTasks_tagsSelectTheIncludeOnly_applyTagsTheTasks_varsAreAboveTheTasksOwn() throws IOException {
        write("more.yml", "- name: inner\n  debug: {msg: x}\n  vars: {shared: task}\n");
        Diagnostics d = new Diagnostics();
        Play p = load("""
                - hosts: all
                  tasks:
                    - include_tasks:
                        file: more.yml
                        apply: {tags: [applied]}
                      tags: [gate]
                      vars: {shared: include}
                """, d);
        assertThat(d.hasErrors()).as(d.toString()).isFalse();
        Task t = p.tasks().get(0);
        assertThat(t.tags()).containsExactly("applied");
        assertThat(t.includeTags()).containsExactly(List.of("gate"));
        assertThat(t.vars()).containsEntry("shared", "include");
    }

    /** A templated include_tasks name: a fail task for a name that names no file, then each file that matches, guarded by the rendered name. */
    @Test
    void includeTasks_templatedName_expandsEveryMatchingFile_guardedByTheRenderedName() throws IOException {
        write("setup-Debian.yml", "- name: deb\n  debug: {msg: d}\n");
        write("setup-RedHat.yml", "- name: red\n  debug: {msg: r}\n  when: x is defined\n");
        write("other.yml", "- name: other\n  debug: {msg: o}\n");
        write("setup-Suse.yml", "- name: suse\n  set_fact: {os: x}\n");
        Diagnostics d = new Diagnostics();
        Play p = load("""
                - hosts: all
                  tasks:
                    - include_tasks: "setup-{{ os }}.yml"
                      args: {apply: {tags: [t]}}
                      when: os != 'none'
                """, d);
        assertThat(d.toString()).contains("site.yml:3:22: error: the file name of include_tasks reads 'os', which an included task sets");
        write("setup-Suse.yml", "- name: suse\n  debug: {msg: s}\n");
        d = new Diagnostics();
        p = load("""
                - hosts: all
                  tasks:
                    - include_tasks: "setup-{{ os }}.yml"
                      args: {apply: {tags: [t]}}
                      when: os != 'none'
                """, d);
        assertThat(d.hasErrors()).as(d.toString()).isFalse();
        assertThat(names(p.tasks())).containsExactly("include_tasks setup-{{ os }}.yml", "deb", "red", "suse");
        Task guard = p.tasks().get(0);
        assertThat(guard.module()).isEqualTo("fail");
        assertThat(guard.when().stream().map(Task.Expr::source).toList())
                .containsExactly("os != 'none'", "('setup-' ~ ((os) if (os) is not none else '') ~ '.yml') not in ['setup-Debian.yml', 'setup-RedHat.yml', 'setup-Suse.yml']");
        assertThat(p.tasks().get(2).when().stream().map(Task.Expr::source).toList())
                .containsExactly("os != 'none'", "('setup-' ~ ((os) if (os) is not none else '') ~ '.yml') == 'setup-RedHat.yml'", "x is defined");
        assertThat(p.tasks().get(1).tags()).containsExactly("t");
        assertThat(Imports.nameExpression("{{ f }}")).isEqualTo("((f) | string)");
    }

    /** include_tasks with a list written out: the tasks once per item, the item (loop_var, index_var, ansible_loop) as include vars. */
    @Test
    void includeTasks_loopWrittenOut_isExpandedOncePerItem() throws IOException {
        write("more.yml", "- name: inner\n  debug: {msg: x}\n");
        write("sets.yml", "- name: sets\n  set_fact: {base: 2}\n");
        Diagnostics d = new Diagnostics();
        Play p = load("""
                - hosts: all
                  tasks:
                    - include_tasks: more.yml
                      loop: [{a: 1}, "{{ b }}"]
                      loop_control: {loop_var: m, index_var: i, extended: true}
                      when: m != 0
                    - include_tasks: more.yml
                      with_items: [[x, y], z]
                """, d);
        assertThat(d.hasErrors()).as(d.toString()).isFalse();
        assertThat(names(p.tasks())).containsExactly("inner", "inner", "inner", "inner", "inner");
        assertThat(p.tasks().get(0).vars()).containsEntry("m", Map.of("a", 1)).containsEntry("i", 0L).doesNotContainKey("ansible_loop_var");
        assertThat(p.tasks().get(1).vars()).containsEntry("m", "{{ b }}").containsEntry("i", 1L);
        @SuppressWarnings("unchecked") Map<String, Object> loop = (Map<String, Object>) p.tasks().get(1).vars().get("ansible_loop");
        assertThat(loop).containsEntry("index", 2L).containsEntry("last", true);
        assertThat(p.tasks().get(1).when().get(0).source()).isEqualTo("m != 0");
        assertThat(p.tasks().subList(2, 5).stream().map(t -> t.vars().get("item")).toList()).containsExactly("x", "y", "z");
        d = new Diagnostics();
        load("""
                - hosts: all
                  tasks:
                    - include_tasks: sets.yml
                      loop: ["{{ base }}"]
                    - include_tasks: more.yml
                      loop: [1]
                      loop_control: {pause: 1}
                """, d);
        assertThat(d.toString()).contains("site.yml:4:7: error: the loop of include_tasks reads 'base', which an included task sets")
                .contains("site.yml:7:22: error: loop_control 'pause' is not supported");
    }

    @Test
    void includes_thatNeedRunTime_areRefusedWithWhatToWrite() throws IOException {
        write("more.yml", "- debug: {msg: x}\n  register: r\n");
        Diagnostics d = new Diagnostics();
        load("""
                - hosts: all
                  tasks:
                    - include_tasks: "setup-{% if os %}a{% endif %}.yml"
                    - include_tasks: more.yml
                      loop: "{{ xs }}"
                    - include_tasks: more.yml
                      when: r is not defined
                    - include_tasks: more.yml
                      become: true
                    - import_tasks: more.yml
                      register: imported
                    - include_role: {name: "{{ r }}"}
                """, d);
        assertThat(d.toString())
                .contains("site.yml:3:22: error: tasks file 'setup-{% if os %}a{% endif %}.yml' has a template statement")
                .contains("site.yml:5:13: error: include_tasks with a loop whose list is known at run time only")
                .contains("site.yml:7:13: error: the condition of include_tasks reads 'r', which an included task sets")
                .contains("site.yml:9:7: error: 'become' on include_tasks applies to the include itself in Ansible")
                .contains("site.yml:11:7: error: 'register' on import_tasks is not applied by Rigger")
                .contains("site.yml:12:28: error: role name '{{ r }}' is a template");
    }

    @Test
    void roles_searchPath_rolesBesideThePlaybook_thenTheConfiguredPath_andMissingOnesNameWhereTheyLooked() throws IOException {
        write("elsewhere/far/tasks/main.yml", "- name: far\n  debug: {msg: f}\n");
        role("near", "- name: near\n  debug: {msg: n}\n");
        write("elsewhere/near/tasks/main.yml", "- name: shadowed\n  debug: {msg: s}\n");
        write("site.yml", "- hosts: all\n  roles: [near, far, gone]\n");
        Diagnostics d = new Diagnostics();
        Play p = new PlaybookLoader(dev.rigger.engine.vault.VaultReader.none(), List.of(dir.resolve("elsewhere")))
                .load(dir.resolve("site.yml"), d).orElseThrow().plays().get(0);
        assertThat(names(p.tasks())).containsExactly("near", "far");
        assertThat(d.toString()).contains("site.yml:2:22: error: role 'gone' not found (looked in " + dir.resolve("roles"));
    }

    @Test
    void importPlaybook_builtinName_isFollowed() throws IOException {
        write("other.yml", "- hosts: all\n  tasks:\n    - name: t\n      debug: {msg: x}\n");
        write("site.yml", "- ansible.builtin.import_playbook: other.yml\n");
        Diagnostics d = new Diagnostics();
        var pb = new PlaybookLoader().load(dir.resolve("site.yml"), d).orElseThrow();
        assertThat(d.hasErrors()).as(d.toString()).isFalse();
        assertThat(pb.plays()).hasSize(1);
    }

    @Test
    void importPlaybook_tagsWhenAndVars_reachEveryImportedPlay_asPlayTagsReachEveryTask() throws IOException {
        write("other.yml", "- hosts: all\n  tags: [p]\n  vars: {a: play, b: play}\n  tasks:\n    - name: t\n      debug: {msg: x}\n");
        write("site.yml", "- import_playbook: other.yml\n  tags: [i]\n  when: c\n  vars: {a: import}\n");
        Diagnostics d = new Diagnostics();
        Play p = new PlaybookLoader().load(dir.resolve("site.yml"), d).orElseThrow().plays().get(0);
        assertThat(d.hasErrors()).as(d.toString()).isFalse();
        assertThat(p.tasks().get(0).tags()).containsExactlyInAnyOrder("i", "p");
        assertThat(p.tasks().get(0).when()).extracting(Task.Expr::source).containsExactly("c");
        assertThat(p.vars()).isEqualTo(Map.of("a", "import", "b", "play"));
    }
}
