package org.openucwa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openucwa.testing.SelfSignedCertificate;
import org.openucwa.testing.TestServer;

/** --tls-cert and --tls-key: the server speaks HTTPS with a PEM certificate and key. */
class TlsTest {

  @Test
  void with_a_pem_certificate_and_key_the_server_serves_https(@TempDir Path dir) throws Exception {
    Optional<SelfSignedCertificate> made = SelfSignedCertificate.create(dir, List.of("localhost"));
    assumeTrue(made.isPresent(), "openssl is not installed");
    SelfSignedCertificate cert = made.get();

    try (TestServer server = TestServer.start(b -> b.tls(cert.cert(), cert.key()))) {
      HttpClient client = HttpClient.newBuilder().sslContext(cert.trustingContext()).build();

      HttpResponse<String> r =
          client.send(
              HttpRequest.newBuilder(
                      URI.create("https://127.0.0.1:" + server.server().port() + "/"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("\"href\":\"https://127.0.0.1:");
      assertThat(server.server().url()).startsWith("https://");
    }
  }
}
