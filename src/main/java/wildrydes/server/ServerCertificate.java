package wildrydes.server;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The TLS port's certificate chain and private key: from the PEM files given, else the
 * self-signed pair kept in {@code <data-dir>/tls/} (made there on first start), else, for an
 * in-memory server, a fresh self-signed pair that lives as long as the process.
 *
 * @param certificateFile where clients can find the certificate to trust; null when only in memory
 */
public record ServerCertificate(PrivateKey key, List<X509Certificate> chain, Path certificateFile) {
    static final String DIRECTORY = "tls";
    static final String CERTIFICATE_FILE = "server.crt";
    static final String KEY_FILE = "server.key";

    static ServerCertificate resolve(TlsSettings tls, ServerConfig config) {
        try {
            if (tls.certificateFile() != null) {
                return load(tls.certificateFile(), tls.privateKeyFile());
            }
            if (config.inMemory()) {
                SelfSignedCertificate.Generated made = SelfSignedCertificate.generate(Instant.now());
                return new ServerCertificate(made.keys().getPrivate(), List.of(made.certificate()), null);
            }
            Path directory = config.dataDir().resolve(DIRECTORY);
            Path certificate = directory.resolve(CERTIFICATE_FILE);
            Path key = directory.resolve(KEY_FILE);
            if (!Files.exists(certificate) || !Files.exists(key)) {
                writeSelfSigned(directory, certificate, key);
            }
            return load(certificate, key);
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new ServerStartException("Cannot set up TLS: " + e.getMessage() + ". Pass --tls-cert and --tls-key with PEM "
                    + "files (a certificate chain and an unencrypted PKCS#8 key), or --no-tls.", e);
        }
    }

    private static void writeSelfSigned(Path directory, Path certificate, Path key) throws IOException, GeneralSecurityException {
        SelfSignedCertificate.Generated made = SelfSignedCertificate.generate(Instant.now());
        Files.createDirectories(directory);
        writeAtomically(key, pem("PRIVATE KEY", made.keys().getPrivate().getEncoded()), true);
        writeAtomically(certificate, pem("CERTIFICATE", made.certificate().getEncoded()), false);
    }

    private static void writeAtomically(Path target, String text, boolean secret) throws IOException {
        Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(temporary);
        if (secret && temporary.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(temporary, text, StandardCharsets.US_ASCII);
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    static ServerCertificate load(Path certificateFile, Path keyFile) throws IOException, GeneralSecurityException {
        List<X509Certificate> chain = new ArrayList<>();
        try (InputStream in = Files.newInputStream(certificateFile)) {
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                chain.add((X509Certificate) certificate);
            }
        }
        if (chain.isEmpty()) {
            throw new IllegalArgumentException(certificateFile + " holds no PEM certificate");
        }
        byte[] pkcs8 = pemBlock(Files.readString(keyFile, StandardCharsets.US_ASCII), keyFile);
        String algorithm = chain.getFirst().getPublicKey().getAlgorithm();
        PrivateKey key = KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        return new ServerCertificate(key, List.copyOf(chain), certificateFile);
    }

    private static byte[] pemBlock(String text, Path file) {
        String begin = "-----BEGIN PRIVATE KEY-----";
        int start = text.indexOf(begin);
        int end = text.indexOf("-----END PRIVATE KEY-----");
        if (start < 0 || end < start) {
            String found = text.contains("-----BEGIN ") ? text.substring(text.indexOf("-----BEGIN "),
                    Math.min(text.length(), text.indexOf("-----BEGIN ") + 40)).split("\n")[0] : "no PEM block";
            throw new IllegalArgumentException(file + " is not an unencrypted PKCS#8 PEM key (found " + found
                    + "); convert it with: openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key.pem");
        }
        return Base64.getMimeDecoder().decode(text.substring(start + begin.length(), end));
    }
}
