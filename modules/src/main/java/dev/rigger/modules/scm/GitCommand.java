package dev.rigger.modules.scm;

import dev.rigger.modules.Launch;
import dev.rigger.modules.Shown;
import dev.rigger.spi.ModuleException;
import dev.rigger.spi.Params;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How each git command of a task is run: C locale (Ansible screen-scrapes git in it), ssh in
 * batch mode with the task's key and options (git's GIT_SSH_COMMAND, as set_git_ssh_env builds
 * it) and the task's umask. Every value is one argv word: the environment through {@code env},
 * the umask through a fixed {@code sh -c} script that takes it as an argument.
 */
final class GitCommand {
    /** ssh options go to a shell (git runs GIT_SSH_COMMAND with one): plain option words only. */
    private static final Pattern SSH_OPTS = Pattern.compile("[A-Za-z0-9 ._,:=@/+%-]*");
    private static final Pattern KEY_FILE = Pattern.compile("[A-Za-z0-9._,:=@/+%~-]+");
    private static final Pattern UMASK = Pattern.compile("0*[0-7]{1,4}");

    private final String git;
    private final String sshCommand;
    private final String umask;

    private GitCommand(String git, String sshCommand, String umask) {
        this.git = git;
        this.sshCommand = sshCommand;
        this.umask = umask;
    }

    static GitCommand of(Params p) {
        String git = p.has("executable") ? p.string("executable") : "git";
        return new GitCommand(git, sshCommand(p), umask(p));
    }

    String program() {
        return git;
    }

    /** set_git_ssh_env: the user's options, host-key acceptance only when asked, batch mode, the key with IdentitiesOnly. */
    static String sshCommand(Params p) {
        String opts = p.has("ssh_opts") ? " " + p.string("ssh_opts") : "";
        if (!SSH_OPTS.matcher(opts).matches()) {
            throw new ModuleException("ssh_opts " + Shown.quoted(p.string("ssh_opts")) + " has characters a shell would read "
                    + "(git runs its ssh command through one): give plain -o Option=value words, and a key with key_file");
        }
        if (p.bool("accept_hostkey") && !opts.contains("-o StrictHostKeyChecking=no") && !opts.contains("-o StrictHostKeyChecking=accept-new")) {
            opts += " -o StrictHostKeyChecking=no";
        }
        if (p.bool("accept_newhostkey") && !opts.contains("-o StrictHostKeyChecking=no") && !opts.contains("-o StrictHostKeyChecking=accept-new")) {
            opts += " -o StrictHostKeyChecking=accept-new";
        }
        if (!opts.contains("BatchMode=yes")) opts += " -o BatchMode=yes";
        if (p.has("key_file")) {
            String key = p.string("key_file");
            if (!KEY_FILE.matcher(key).matches()) {
                throw new ModuleException("key_file " + Shown.quoted(key) + " has characters a shell would read (git runs its ssh "
                        + "command through one, and Ansible does not quote it): use a path of letters, digits and ._-/@+");
            }
            if (!opts.contains("-i " + key)) opts += "  -i " + key;
            if (!opts.contains("IdentitiesOnly=yes")) opts += " -o IdentitiesOnly=yes";
        }
        return "ssh" + opts;
    }

    private static String umask(Params p) {
        if (!p.has("umask")) return null;
        Object v = p.values().get("umask");
        if (!(v instanceof String s)) throw new ModuleException("umask must be defined as a quoted octal integer");
        if (!UMASK.matcher(s).matches()) throw new ModuleException("umask must be an octal integer: " + Shown.quoted(s));
        return s;
    }

    /** A git command that may reach the remote (clone, fetch, ls-remote, submodule update). */
    List<String> remote(List<String> args) {
        return wrapped(args, true);
    }

    /** A git command on the checkout alone. */
    List<String> local(List<String> args) {
        return wrapped(args, false);
    }

    private List<String> wrapped(List<String> args, boolean ssh) {
        List<String> argv = new ArrayList<>();
        argv.add("env");
        argv.add("LC_ALL=C");
        if (ssh) argv.add("GIT_SSH_COMMAND=" + sshCommand);
        argv.add(git);
        argv.addAll(args);
        return Launch.withUmask(umask, argv);
    }
}
