package org.openucwa.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.TestServer;

/**
 * Without --public-url absolute links are built from the Host header, so only the host names the
 * server is configured for are accepted: its bound address, the loopback names and --allowed-hosts
 * (for instance the lyncdiscover name of the domain). Any other gets 400 and no link names it.
 */
class AllowedHostsTest {

  private static final String USER = "/Autodiscover/AutodiscoverService.svc/root/oauth/user";

  private static String get(TestServer server, String path, String host) throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.server().port())) {
      s.setSoTimeout(5000);
      String raw = "GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n";
      s.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
      s.shutdownOutput();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void aForeignHostIsRefusedAndNamedInNoLinkOrChallenge() throws IOException {
    try (TestServer server = TestServer.start()) {
      String root = get(server, "/", "evil.example");
      String challenge = get(server, USER, "evil.example:443");

      assertThat(root).startsWith("HTTP/1.1 400").contains("\"code\":\"BadRequest\"");
      assertThat(challenge).startsWith("HTTP/1.1 400").doesNotContain("evil.example");
    }
  }

  @Test
  void theBoundAddressAndTheLoopbackNamesAreServedWithAnyPort() throws IOException {
    try (TestServer server = TestServer.start()) {
      int port = server.server().port();
      for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "LOCALHOST", "[::1]")) {
        String root = get(server, "/", host);

        assertThat(root).as(host).startsWith("HTTP/1.1 200").contains("\"href\":\"http://" + host);
      }
    }
  }

  @Test
  void theDomainsDiscoveryNamesAreServedAndLinkedTo() throws IOException {
    try (TestServer server = TestServer.start()) {
      for (String host : List.of("lyncdiscover.contoso.com", "lyncdiscoverinternal.contoso.com")) {
        String root = get(server, "/", host);
        String challenge = get(server, USER, host);

        assertThat(root)
            .startsWith("HTTP/1.1 200")
            .contains("\"href\":\"http://" + host + USER + "\"");
        assertThat(challenge)
            .contains("MsRtcOAuth href=\"http://" + host + "/WebTicket/oauthtoken\"");
      }
      assertThat(get(server, "/", "lyncdiscover.fabrikam.com")).startsWith("HTTP/1.1 400");
    }
  }

  @Test
  void anAllowedHostIsServedAndLinkedTo() throws IOException {
    try (TestServer server =
        TestServer.start(b -> b.allowedHosts(List.of("lyncweb.contoso.com")))) {
      String root = get(server, "/", "LYNCWEB.contoso.com:4443");
      String other = get(server, "/", "lyncweb.fabrikam.com");

      assertThat(root)
          .startsWith("HTTP/1.1 200")
          .contains("\"href\":\"http://LYNCWEB.contoso.com:4443" + USER + "\"");
      assertThat(other).startsWith("HTTP/1.1 400");
    }
  }

  @Test
  void withAPublicUrlAnyHostIsServedAndTheLinksNameThePublicUrl() throws IOException {
    try (TestServer server =
        TestServer.start(b -> b.publicUrl("https://lyncdiscover.contoso.com"))) {
      String root = get(server, "/", "evil.example");

      assertThat(root)
          .startsWith("HTTP/1.1 200")
          .contains("https://lyncdiscover.contoso.com" + USER)
          .doesNotContain("evil.example");
    }
  }

  @Test
  void theFlagAndItsVariableGiveTheList() {
    ServerConfig fromFlag =
        Flags.parse(new String[] {"--allowed-hosts", "a.example, b.example"}, Map.of());
    ServerConfig fromEnv = Flags.parse(new String[0], Map.of("UCWA_ALLOWED_HOSTS", "c.example"));

    assertThat(fromFlag.allowedHosts()).containsExactly("a.example", "b.example");
    assertThat(fromEnv.allowedHosts()).containsExactly("c.example");
  }
}
