package org.openucwa.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throw-away certificate for HTTPS tests, made by {@code openssl} as an administrator would make
 * one: a PEM certificate for the given host names (and 127.0.0.1) and its unencrypted PEM key.
 */
public record SelfSignedCertificate(Path cert, Path key) {

  /**
   * Makes a certificate in {@code dir} for these DNS names, or nothing when openssl is not
   * installed.
   */
  public static Optional<SelfSignedCertificate> create(Path dir, List<String> dnsNames)
      throws IOException, InterruptedException {
    Path cert = dir.resolve("cert.pem");
    Path key = dir.resolve("key.pem");
    Path log = dir.resolve("openssl.log");
    String names =
        dnsNames.stream()
            .map(n -> "DNS:" + n)
            .collect(Collectors.joining(",", "IP:127.0.0.1,", ""));
    Process openssl;
    try {
      openssl =
          new ProcessBuilder(
                  "openssl",
                  "req",
                  "-x509",
                  "-newkey",
                  "rsa:2048",
                  "-nodes",
                  "-keyout",
                  key.toString(),
                  "-out",
                  cert.toString(),
                  "-days",
                  "1",
                  "-subj",
                  "/CN=" + dnsNames.get(0),
                  "-addext",
                  "subjectAltName=" + names)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      return Optional.empty();
    }
    if (!openssl.waitFor(60, TimeUnit.SECONDS) || openssl.exitValue() != 0) {
      throw new IllegalStateException("openssl failed: " + Files.readString(log));
    }
    return Optional.of(new SelfSignedCertificate(cert, key));
  }

  /** A TLS context that trusts this certificate and no other. */
  public SSLContext trustingContext() throws IOException, GeneralSecurityException {
    KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(cert)) {
      trust.setCertificateEntry(
          "server", CertificateFactory.getInstance("X.509").generateCertificate(in));
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    return tls;
  }
}
