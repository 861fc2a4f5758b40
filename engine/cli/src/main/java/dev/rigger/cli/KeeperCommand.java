package dev.rigger.cli;

import dev.rigger.keeper.KeptSessions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code rigger keeper status|stop}: the session keeper of {@code --ssh-persist}, as {@code ssh -O check|exit}. */
@Command(name = "keeper", mixinStandardHelpOptions = true,
        description = "Show or stop the session keeper that --ssh-persist starts (folder: $RIGGER_KEEPER_DIR, else ~/.rigger/keeper).")
final class KeeperCommand implements Callable<Integer> {
    enum Action { status, stop }

    @Parameters(paramLabel = "ACTION", description = "status: is one running, how many sessions it holds; stop: close them and exit.")
    Action action;

    @Override
    public Integer call() throws Exception {
        var dir = KeptSessions.defaultDir();
        try {
            if (action == Action.stop) {
                System.out.println(KeptSessions.stop(dir) ? "session keeper stopped" : "no session keeper running in " + dir);
                return ExitCodes.OK;
            }
            int[] s = KeptSessions.status(dir);
            if (s == null) {
                System.out.println("no session keeper running in " + dir);
                return ExitCodes.ERROR;
            }
            System.out.println("session keeper running in " + dir + ": " + s[1] + " session(s) open, " + s[0] + " opened since it started");
            return ExitCodes.OK;
        } catch (java.io.IOException e) {
            // an untrusted folder, socket or process: nothing was sent to it
            System.err.println("rigger: session keeper in " + dir + " not used: " + e.getMessage());
            return ExitCodes.ERROR;
        }
    }
}
