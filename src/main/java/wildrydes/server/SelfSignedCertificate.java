package wildrydes.server;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * Makes a self-signed certificate for the local TLS port with only the JDK: an EC P-256 key and
 * an X.509 v3 certificate for {@code localhost}, {@code 127.0.0.1} and {@code ::1}, signed with
 * SHA256withECDSA, valid from a day ago for ten years.
 */
final class SelfSignedCertificate {
    static final String COMMON_NAME = "Wild Rydes Streaming local server";
    private static final String ECDSA_WITH_SHA256 = "1.2.840.10045.4.3.2";
    private static final String COMMON_NAME_OID = "2.5.4.3";
    private static final String SUBJECT_ALT_NAME_OID = "2.5.29.17";
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);

    private SelfSignedCertificate() {
    }

    record Generated(KeyPair keys, X509Certificate certificate) {
    }

    static Generated generate(Instant now) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair keys = generator.generateKeyPair();
        byte[] algorithm = Der.sequence(Der.oid(ECDSA_WITH_SHA256));
        byte[] name = Der.sequence(Der.set(Der.sequence(Der.oid(COMMON_NAME_OID), Der.utf8(COMMON_NAME))));
        byte[] tbs = Der.sequence(
                Der.explicit(0, Der.integer(BigInteger.TWO)), // version 3
                Der.integer(new BigInteger(64, new SecureRandom()).add(BigInteger.ONE)),
                algorithm,
                name,
                Der.sequence(time(now.minus(1, ChronoUnit.DAYS)), time(now.plus(3650, ChronoUnit.DAYS))),
                name,
                keys.getPublic().getEncoded(),
                Der.explicit(3, Der.sequence(subjectAltNames())));
        Signature signer = Signature.getInstance("SHA256withECDSA");
        signer.initSign(keys.getPrivate());
        signer.update(tbs);
        byte[] certificate = Der.sequence(tbs, algorithm, Der.bits(signer.sign()));
        X509Certificate parsed = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(certificate));
        parsed.verify(keys.getPublic());
        return new Generated(keys, parsed);
    }

    private static byte[] time(Instant instant) {
        return Der.tlv(Der.UTC_TIME, UTC_TIME.format(instant.truncatedTo(ChronoUnit.SECONDS)).getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] subjectAltNames() throws GeneralSecurityException {
        try {
            byte[] names = Der.sequence(
                    Der.implicit(2, "localhost".getBytes(StandardCharsets.US_ASCII)),
                    Der.implicit(7, InetAddress.getByName("127.0.0.1").getAddress()),
                    Der.implicit(7, InetAddress.getByName("::1").getAddress()));
            return Der.sequence(Der.oid(SUBJECT_ALT_NAME_OID), Der.octets(names));
        } catch (java.net.UnknownHostException e) {
            throw new GeneralSecurityException("literal addresses always parse", e);
        }
    }
}
