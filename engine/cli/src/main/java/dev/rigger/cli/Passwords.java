package dev.rigger.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Password files, as ansible reads them: the whole file, surrounding whitespace (the final newline) stripped. */
final class Passwords {
    private Passwords() { }

    /** The password in {@code file}; a missing, unreadable or empty file ends the command with exit 5, saying which. */
    static String read(Path file, String option) {
        try {
            String pw = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (pw.startsWith("#!") && Files.isExecutable(file)) {
                // ansible runs such a file and reads its output; Rigger does not run it, and says so rather than use the script as the password
                System.err.println("rigger: " + option + " " + file + ": is a script; Rigger does not run password scripts: give a file holding the password");
                throw new ExitException(ExitCodes.BAD_OPTIONS);
            }
            if (!pw.isEmpty()) return pw;
            System.err.println("rigger: " + option + " " + file + ": the file is empty");
        } catch (IOException e) {
            System.err.println("rigger: " + option + " " + file + ": cannot read: " + e.getMessage());
        }
        throw new ExitException(ExitCodes.BAD_OPTIONS);
    }
}
