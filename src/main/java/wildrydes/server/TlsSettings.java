package wildrydes.server;

import java.nio.file.Path;

/**
 * The TLS listener: a port (0 picks a free one) and either the PEM files of a certificate chain
 * and its PKCS#8 private key, or neither, for a self-signed certificate made on first start (kept
 * in the data directory, or only in memory with {@code --in-memory}).
 */
public record TlsSettings(int port, Path certificateFile, Path privateKeyFile) {
    public static final int DEFAULT_PORT = 4568;

    public TlsSettings {
        if ((certificateFile == null) != (privateKeyFile == null)) {
            throw new IllegalArgumentException("give both the certificate and the private key file, or neither");
        }
    }

    public static TlsSettings selfSigned(int port) {
        return new TlsSettings(port, null, null);
    }
}
