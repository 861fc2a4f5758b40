package dev.rigger.lab.k8s;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * TEST STAND-IN: the cluster PKI of the lab's kubeadm (CA, API serving cert, admin client cert),
 * made with the openssl CLI, and the TLS contexts of the API stand-in and its clients.
 */
final class Pki {
    private Pki() {}

    static void openssl(List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("openssl");
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (p.waitFor() != 0) throw new IOException("openssl " + String.join(" ", args) + " failed: " + out.strip());
        } catch (InterruptedException e) { Thread.currentThread().interrupt(); throw new IOException(e); }
    }

    static void makeCa(Path dir) throws IOException {
        Files.createDirectories(dir);
        openssl(List.of("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.resolve("ca.key").toString(),
                "-out", dir.resolve("ca.crt").toString(), "-days", "3650", "-subj", "/CN=kubernetes",
                "-addext", "keyUsage=critical,digitalSignature,keyEncipherment,keyCertSign", "-addext", "basicConstraints=critical,CA:TRUE"));
    }

    /** A certificate signed by dir/ca.{crt,key}: name.crt/name.key; ext is an openssl extension section body. */
    static void makeSigned(Path dir, String name, String subject, String ext) throws IOException {
        Path csr = dir.resolve(name + ".csr"), extFile = dir.resolve(name + ".ext");
        openssl(List.of("req", "-newkey", "rsa:2048", "-nodes", "-keyout", dir.resolve(name + ".key").toString(),
                "-out", csr.toString(), "-subj", subject));
        Files.writeString(extFile, ext);
        openssl(List.of("x509", "-req", "-in", csr.toString(), "-CA", dir.resolve("ca.crt").toString(),
                "-CAkey", dir.resolve("ca.key").toString(), "-CAcreateserial", "-days", "365",
                "-out", dir.resolve(name + ".crt").toString(), "-extfile", extFile.toString()));
        Files.deleteIfExists(csr);
        Files.deleteIfExists(extFile);
        Files.deleteIfExists(dir.resolve("ca.srl"));
    }

    static X509Certificate cert(String pem) throws IOException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) { throw new IOException("not a PEM certificate: " + e.getMessage(), e); }
    }

    /** kubeadm's CA pin: sha256 of the CA certificate's DER SubjectPublicKeyInfo. */
    static String caHash(String caPem) throws IOException {
        try {
            byte[] spki = cert(caPem).getPublicKey().getEncoded();
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(spki));
        } catch (java.security.NoSuchAlgorithmException e) { throw new IllegalStateException(e); }
    }

    static SSLContext serverContext(Path certFile, Path keyFile) throws Exception {
        X509Certificate cert = cert(Files.readString(certFile));
        String keyPem = Files.readString(keyFile).replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(keyPem)));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("apiserver", key, new char[0], new java.security.cert.Certificate[] {cert});
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, new char[0]);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    /** A client context that trusts the given CA, or everything when caPem is null (kubeadm join's discovery). */
    static SSLContext clientContext(String caPem) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        if (caPem == null) {
            TrustManager all = new X509TrustManager() {
                @Override public void checkClientTrusted(X509Certificate[] c, String a) { }
                @Override public void checkServerTrusted(X509Certificate[] c, String a) { }
                @Override public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
            };
            ctx.init(null, new TrustManager[] {all}, null);
            return ctx;
        }
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("ca", cert(caPem));
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
