package dev.rigger.engine.transport;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * known_hosts checked like OpenSSH ({@link KnownHosts} decides, JSch only writes): an unknown key
 * is refused (or added with accept-new), a changed or revoked key is always refused. The
 * refusal says why, with the key's fingerprint, because JSch's own message does not.
 */
final class StrictKnownHosts implements HostKeyRepository {
    private static final Set<PosixFilePermission> PRIVATE_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> PRIVATE_FILE = PosixFilePermissions.fromString("rw-------");

    private final JSch jsch;
    private final HostKeyRepository delegate;
    private final KnownHosts known;
    private final boolean acceptNew;
    private volatile String refusal;

    /** A known_hosts file as read once for a run: its entries, or why it could not be read. */
    record Loaded(KnownHosts known, String error) { }

    /**
     * @param jsch   the client whose repository holds the known_hosts already read (see {@link #load})
     * @param loaded what {@link #load} read
     */
    StrictKnownHosts(JSch jsch, boolean acceptNew, Loaded loaded) {
        this.jsch = jsch;
        this.acceptNew = acceptNew;
        this.delegate = jsch.getHostKeyRepository();
        this.known = loaded.known();
        this.refusal = loaded.error();
    }

    /**
     * Reads known_hosts into {@code jsch} (which writes keys accepted on first use) and into a
     * {@link KnownHosts} (which judges), once, for every connection it will make. A missing file
     * is created, with accept-new, 0600 and in folders created 0700 (as OpenSSH's {@code ~/.ssh}).
     */
    static Loaded load(JSch jsch, Path file, boolean acceptNew) {
        Path f = file != null ? file : Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
        try {
            if (!Files.exists(f) && acceptNew) {
                Path dir = f.toAbsolutePath().getParent();
                if (!Files.isDirectory(dir)) Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PRIVATE_DIR));
                Files.createFile(f, PosixFilePermissions.asFileAttribute(PRIVATE_FILE));
            }
            if (Files.exists(f)) jsch.setKnownHosts(f.toString());
            return new Loaded(KnownHosts.read(f), null);
        } catch (JSchException | java.io.IOException e) {
            return new Loaded(KnownHosts.parse(java.util.List.of()), "cannot read known_hosts " + f + ": " + e.getMessage());
        }
    }

    String refusal() {
        return refusal;
    }

    @Override
    public int check(String host, byte[] key) {
        KnownHosts.Verdict v = known.check(host, key);
        if (v == KnownHosts.Verdict.KNOWN) return OK;
        String fp = fingerprint(host, key);
        if (v == KnownHosts.Verdict.REVOKED) {
            refusal = "host key for " + host + " is REVOKED in known_hosts (offered " + fp + "); refusing to connect";
            return CHANGED;
        }
        if (v == KnownHosts.Verdict.CHANGED) {
            refusal = "host key for " + host + " has CHANGED (offered " + fp
                    + "); refusing to connect: if the host was rebuilt, remove its old line from known_hosts";
            return CHANGED;
        }
        if (acceptNew) {
            try {
                delegate.add(new HostKey(host, key), null);
                known.add(host, key);
                return OK;
            } catch (JSchException e) {
                refusal = "cannot record host key for " + host + ": " + e.getMessage();
                return NOT_INCLUDED;
            }
        }
        refusal = "host key for " + host + " is not in known_hosts (offered " + fp
                + "); add it, or pass --accept-new-hostkeys to trust keys on first use";
        return NOT_INCLUDED;
    }

    private String fingerprint(String host, byte[] key) {
        try {
            HostKey hk = new HostKey(host, key);
            return hk.getType() + " " + hk.getFingerPrint(jsch);
        } catch (JSchException e) {
            return "an unreadable key";
        }
    }

    @Override
    public void add(HostKey hostkey, UserInfo ui) { delegate.add(hostkey, ui); }

    @Override
    public void remove(String host, String type) { delegate.remove(host, type); }

    @Override
    public void remove(String host, String type, byte[] key) { delegate.remove(host, type, key); }

    @Override
    public String getKnownHostsRepositoryID() { return delegate.getKnownHostsRepositoryID(); }

    @Override
    public HostKey[] getHostKey() { return delegate.getHostKey(); }

    @Override
    public HostKey[] getHostKey(String host, String type) { return delegate.getHostKey(host, type); }
}
