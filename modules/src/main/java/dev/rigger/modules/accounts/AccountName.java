package dev.rigger.modules.accounts;

import dev.rigger.modules.Shown;
import dev.rigger.spi.ModuleException;
import java.util.regex.Pattern;

/** User and group names as shadow-utils accept them; never an option ('-') or a path. */
final class AccountName {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}\\$?");

    private AccountName() { }

    static String valid(String what, String name) {
        if (!VALID.matcher(name).matches()) {
            throw new ModuleException("invalid " + what + " name " + Shown.quoted(name)
                    + ": use up to 32 letters, digits, '_', '.' and '-' (optionally ending in '$'), not starting with '-' or '.'");
        }
        return name;
    }
}
