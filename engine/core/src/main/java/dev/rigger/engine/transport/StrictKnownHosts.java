package dev.rigger.engine.transport;

import com.jcraft.jsch.HostKey;
import com.jcraft.jsch.HostKeyRepository;
import com.jcraft.jsch.JSch;
import com.jcraft.jsch.JSchException;
import com.jcraft.jsch.UserInfo;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * known_hosts checked like OpenSSH: an unknown key is refused (or added with accept-new), a
 * changed key is always refused. The refusal says why, with the key's fingerprint, because
 * JSch's own message does not.
 */
final class StrictKnownHosts implements HostKeyRepository {
    private final JSch jsch;
    private final HostKeyRepository delegate;
    private final boolean acceptNew;
    private volatile String refusal;

    /**
     * @param jsch      the client whose repository holds the known_hosts already read (see {@link #load})
     * @param loadError why known_hosts could not be read, or null
     */
    StrictKnownHosts(JSch jsch, boolean acceptNew, String loadError) {
        this.jsch = jsch;
        this.acceptNew = acceptNew;
        this.delegate = jsch.getHostKeyRepository();
        this.refusal = loadError;
    }

    /**
     * Reads known_hosts into {@code jsch} once, for every connection it will make; returns why
     * it could not, or null.
     */
    static String load(JSch jsch, Path file, boolean acceptNew) {
        Path f = file != null ? file : Path.of(System.getProperty("user.home"), ".ssh", "known_hosts");
        try {
            if (!Files.exists(f) && acceptNew) {
                Files.createDirectories(f.toAbsolutePath().getParent());
                Files.createFile(f);
            }
            if (Files.exists(f)) jsch.setKnownHosts(f.toString());
            return null;
        } catch (JSchException | java.io.IOException e) {
            return "cannot read known_hosts " + f + ": " + e.getMessage();
        }
    }

    String refusal() {
        return refusal;
    }

    @Override
    public int check(String host, byte[] key) {
        int r = delegate.check(host, key);
        if (r == OK) return OK;
        String fp = fingerprint(host, key);
        if (r == CHANGED) {
            refusal = "host key for " + host + " has CHANGED (offered " + fp
                    + "); refusing to connect: if the host was rebuilt, remove its old line from known_hosts";
            return CHANGED;
        }
        if (acceptNew) {
            try {
                delegate.add(new HostKey(host, key), null);
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
