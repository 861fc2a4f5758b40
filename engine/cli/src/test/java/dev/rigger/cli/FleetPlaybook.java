package dev.rigger.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A playbook of twelve tasks that each change a fresh lab host, and for each task a way to break
 * a host so that exactly this task fails there for a real reason (a directory where a file must
 * go, a read-only or full filesystem, a missing program or source file...), the repair, and a
 * read-only command that shows what the task made. A break touches only its own task's target,
 * so the tasks before it still change the host as on any other.
 */
final class FleetPlaybook {

    /**
     * @param yaml   the task, indented as an item of the play's {@code tasks}
     * @param breaks shell run on the host before the run so that this task fails there
     * @param error  what the report must say about the failure (message or the host's stderr)
     * @param repair shell that undoes {@code breaks}
     * @param state  shell that prints what the task made; compared with {@link #expected}
     */
    record Task(String name, String yaml, String breaks, String error, String repair, String state, String expected) {
        /** What {@link #state} prints on a converged host ({@code HOST} stands for its name). */
        String expected(String host) {
            return expected.replace("HOST", host);
        }
    }

    static final List<Task> TASKS = List.of(
            new Task("fleet dir", "file: {path: /opt/fleet, state: directory, mode: \"0750\"}",
                    "echo stray > /opt/fleet", "/opt/fleet exists and is not a directory", "rm -f /opt/fleet",
                    "stat -c '%F %a' /opt/fleet", "directory 750\n"),
            new Task("app config", "copy: {dest: /etc/fleet.conf, content: \"name=fleet\\nhost={{ inventory_hostname }}\\n\", mode: \"0640\"}",
                    "mkdir /etc/fleet.conf", "/etc/fleet.conf is a directory, not a file", "rmdir /etc/fleet.conf",
                    "cat /etc/fleet.conf && stat -c %a /etc/fleet.conf", "name=fleet\nhost=HOST\n640\n"),
            // read-only bind mount of the file on itself, as container runtimes mount /etc/hosts
            new Task("hosts entry", "lineinfile: {path: /etc/hosts, line: \"10.20.0.5 fleet-db\"}",
                    "mount --bind /etc/hosts /etc/hosts && mount -o remount,ro,bind /etc/hosts",
                    "Device or resource busy", "umount /etc/hosts",
                    "grep -cx '10.20.0.5 fleet-db' /etc/hosts", "1\n"),
            new Task("deploy key", """
                    command:
                        argv: [ssh-keygen, -q, -t, ed25519, -N, "", -C, fleet-deploy, -f, /root/.ssh/fleet_deploy]
                        creates: /root/.ssh/fleet_deploy""",
                    "mv /usr/bin/ssh-keygen /usr/bin/ssh-keygen.away", "ssh-keygen: not found",
                    "mv /usr/bin/ssh-keygen.away /usr/bin/ssh-keygen",
                    "cut -d' ' -f1,3 /root/.ssh/fleet_deploy.pub", "ssh-ed25519 fleet-deploy\n"),
            new Task("cache dir", "file: {path: /var/lib/fleet/cache, state: directory}",
                    "touch /var/lib/fleet", "Not a directory", "rm -f /var/lib/fleet",
                    "stat -c %F /var/lib/fleet/cache", "directory\n"),
            // a link to what a later deploy installs: force, as Ansible needs for a source that is not there yet
            new Task("cli link", "file: {path: /usr/local/bin/fleet, state: link, src: /opt/fleet/bin/fleet, force: true}",
                    "mkdir -p /usr/local/bin/fleet/old", "/usr/local/bin/fleet exists as a directory", "rm -rf /usr/local/bin/fleet",
                    "readlink /usr/local/bin/fleet", "/opt/fleet/bin/fleet\n"),
            new Task("shell profile", "blockinfile: {path: /etc/profile.d/fleet.sh, create: true, block: \"export FLEET_HOME=/opt/fleet\"}",
                    "mount --bind /etc/profile.d /etc/profile.d && mount -o remount,ro,bind /etc/profile.d",
                    "Read-only file system", "umount /etc/profile.d",
                    "cat /etc/profile.d/fleet.sh",
                    "# BEGIN ANSIBLE MANAGED BLOCK\nexport FLEET_HOME=/opt/fleet\n# END ANSIBLE MANAGED BLOCK\n"),
            // a full filesystem: a two-page tmpfs filled up
            new Task("defaults", "copy: {dest: /etc/default/fleet, content: \"FLEET_OPTS=--fast\\n\"}",
                    "mount -t tmpfs -o size=8k tmpfs /etc/default && { dd if=/dev/zero of=/etc/default/.fill bs=4k 2>/dev/null || true; }",
                    "No space left on device", "umount /etc/default",
                    "cat /etc/default/fleet", "FLEET_OPTS=--fast\n"),
            new Task("environment", "lineinfile: {path: /etc/fleet.env, line: \"FLEET_ENV=lab\", create: true}",
                    "ln -s fleet.env /etc/fleet.env", "Too many levels of symbolic links", "rm -f /etc/fleet.env",
                    "cat /etc/fleet.env", "FLEET_ENV=lab\n"),
            new Task("machine id copy", "command: install -m 0600 /etc/machine-id /root/fleet-id\nargs: {creates: /root/fleet-id}",
                    "mv /etc/machine-id /etc/machine-id.away", "cannot stat '/etc/machine-id'",
                    "mv /etc/machine-id.away /etc/machine-id",
                    "cmp /etc/machine-id /root/fleet-id && stat -c %a /root/fleet-id", "600\n"),
            new Task("config backup", "command: tar -czf /var/backups/fleet-etc.tgz -C /etc hostname fleet.conf\nargs: {creates: /var/backups/fleet-etc.tgz}",
                    "mount --bind /var/backups /var/backups && mount -o remount,ro,bind /var/backups",
                    "Read-only file system", "umount /var/backups",
                    "tar -tzf /var/backups/fleet-etc.tgz", "hostname\nfleet.conf\n"),
            new Task("cron job", "copy: {dest: /etc/cron.d/fleet, content: \"*/5 * * * * root /usr/local/bin/fleet sync\\n\", mode: \"0644\"}",
                    "mount -t tmpfs -o size=8k tmpfs /etc/cron.d && { dd if=/dev/zero of=/etc/cron.d/.fill bs=4k 2>/dev/null || true; }",
                    "No space left on device", "umount /etc/cron.d",
                    "cat /etc/cron.d/fleet", "*/5 * * * * root /usr/local/bin/fleet sync\n"));

    private static final String MARK = "@@task ";

    private FleetPlaybook() { }

    static String yaml() {
        StringBuilder sb = new StringBuilder("- hosts: all\n  tasks:\n");
        for (Task t : TASKS) sb.append("    - name: ").append(t.name()).append("\n      ").append(t.yaml().replace("\n", "\n      ")).append('\n');
        return sb.toString();
    }

    /** One shell script printing every task's {@link Task#state}, each after a marker line. */
    static String stateScript() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < TASKS.size(); i++) sb.append("echo '").append(MARK).append(i).append("'; ( ").append(TASKS.get(i).state()).append(" ) 2>&1\n");
        return sb.toString();
    }

    /** The output of {@link #stateScript()} by task name. */
    static Map<String, String> parseState(String out) {
        Map<String, StringBuilder> states = new LinkedHashMap<>();
        StringBuilder current = null;
        for (String line : out.split("\n")) {
            if (line.startsWith(MARK)) states.put(TASKS.get(Integer.parseInt(line.substring(MARK.length()))).name(), current = new StringBuilder());
            else if (current != null) current.append(line).append('\n');
        }
        Map<String, String> text = new LinkedHashMap<>();
        states.forEach((name, sb) -> text.put(name, sb.toString()));
        return text;
    }
}
