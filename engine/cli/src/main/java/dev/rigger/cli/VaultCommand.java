package dev.rigger.cli;

import dev.rigger.engine.vault.Vault;
import dev.rigger.engine.vault.VaultException;
import dev.rigger.engine.vault.VaultFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code rigger vault}: encrypted vars files, as {@code ansible-vault}. Every file is read and
 * transformed in memory first; only when all succeeded is any written (atomically), so a wrong
 * password or a tampered file loses nothing.
 */
@Command(name = "vault", mixinStandardHelpOptions = true,
        description = "Encrypt, decrypt and view vault files (AES-256-GCM, PBKDF2-SHA256); see docs/vault.md.",
        subcommands = {VaultCommand.Encrypt.class, VaultCommand.Decrypt.class, VaultCommand.View.class,
                VaultCommand.Create.class, VaultCommand.EncryptString.class})
final class VaultCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    /** The password, required: encrypting with none would be a mistake, decrypting impossible. */
    static Vault vault(VaultOptions o) {
        Vault v = o.vault();
        if (v != null) return v;
        System.err.println("rigger: no vault password: give --vault-password-file FILE, or set "
                + VaultOptions.FILE_ENV + " or " + VaultOptions.PASSWORD_ENV);
        throw new ExitException(ExitCodes.BAD_OPTIONS);
    }

    static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            System.err.println("rigger: " + f + ": cannot read: " + e.getMessage());
            throw new ExitException(ExitCodes.ERROR);
        }
    }

    static byte[] decrypt(Vault v, Path f) {
        String text = read(f);
        if (!Vault.isEncrypted(text)) {
            System.err.println("rigger: " + f + ": not a vault file (no $RIGGER_VAULT header); nothing was changed");
            throw new ExitException(ExitCodes.ERROR);
        }
        try {
            return v.decrypt(text);
        } catch (VaultException e) {
            System.err.println("rigger: " + f + ": cannot decrypt: " + e.getMessage() + "; nothing was changed");
            throw new ExitException(ExitCodes.ERROR);
        }
    }

    static void writeAll(Map<Path, byte[]> out, String done) {
        writeAll(out, done, false);
    }

    /** As above; {@code plain}: decrypted text, written at most 0600 ({@link VaultFile#writePlain}). */
    static void writeAll(Map<Path, byte[]> out, String done, boolean plain) {
        for (Map.Entry<Path, byte[]> e : out.entrySet()) {
            try {
                if (plain) VaultFile.writePlain(e.getKey(), e.getValue());
                else VaultFile.write(e.getKey(), e.getValue());
            } catch (IOException ex) {
                System.err.println("rigger: " + e.getKey() + ": cannot write: " + ex.getMessage() + " (the file is unchanged)");
                throw new ExitException(ExitCodes.ERROR);
            }
            System.err.println(done + " " + e.getKey());
        }
    }

    @Command(name = "encrypt", mixinStandardHelpOptions = true, description = "Encrypt files in place.")
    static final class Encrypt implements Callable<Integer> {
        @Mixin
        VaultOptions options;

        @Parameters(arity = "1..*", paramLabel = "FILE")
        List<Path> files;

        @Override
        public Integer call() {
            Vault v = vault(options);
            Map<Path, byte[]> out = new LinkedHashMap<>();
            for (Path f : files) {
                String text = read(f);
                if (Vault.isEncrypted(text)) {
                    System.err.println("rigger: " + f + ": already encrypted; nothing was changed");
                    return ExitCodes.ERROR;
                }
                out.put(f, v.encrypt(text).getBytes(StandardCharsets.UTF_8));
            }
            writeAll(out, "encrypted");
            return ExitCodes.OK;
        }
    }

    @Command(name = "decrypt", mixinStandardHelpOptions = true, description = "Decrypt files in place.")
    static final class Decrypt implements Callable<Integer> {
        @Mixin
        VaultOptions options;

        @Parameters(arity = "1..*", paramLabel = "FILE")
        List<Path> files;

        @Override
        public Integer call() {
            Vault v = vault(options);
            Map<Path, byte[]> out = new LinkedHashMap<>();
            for (Path f : files) out.put(f, decrypt(v, f));
            writeAll(out, "decrypted", true);
            return ExitCodes.OK;
        }
    }

    @Command(name = "view", mixinStandardHelpOptions = true, description = "Print decrypted files.")
    static final class View implements Callable<Integer> {
        @Mixin
        VaultOptions options;

        @Parameters(arity = "1..*", paramLabel = "FILE")
        List<Path> files;

        @Override
        public Integer call() {
            Vault v = vault(options);
            for (Path f : files) System.out.print(new String(decrypt(v, f), StandardCharsets.UTF_8));
            System.out.flush();
            return ExitCodes.OK;
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create a vault file (mode 0600) from what stdin holds.")
    static final class Create implements Callable<Integer> {
        @Mixin
        VaultOptions options;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Override
        public Integer call() throws IOException {
            Vault v = vault(options);
            if (Files.exists(file)) {
                System.err.println("rigger: " + file + ": already exists; nothing was changed");
                return ExitCodes.ERROR;
            }
            writeAll(Map.of(file, v.encrypt(System.in.readAllBytes()).getBytes(StandardCharsets.UTF_8)), "created");
            return ExitCodes.OK;
        }
    }

    @Command(name = "encrypt-string", mixinStandardHelpOptions = true,
            description = "Encrypt the value on stdin; print 'NAME: |' and the vault, to paste into a vars file.")
    static final class EncryptString implements Callable<Integer> {
        @Mixin
        VaultOptions options;

        @Parameters(paramLabel = "NAME")
        String name;

        @Override
        public Integer call() throws IOException {
            Vault v = vault(options);
            String value = new String(System.in.readAllBytes(), StandardCharsets.UTF_8).stripTrailing();
            StringBuilder sb = new StringBuilder(name).append(": |\n");
            for (String line : v.encrypt(value).split("\n")) sb.append("  ").append(line).append('\n');
            System.out.print(sb);
            System.out.flush();
            return ExitCodes.OK;
        }
    }
}
