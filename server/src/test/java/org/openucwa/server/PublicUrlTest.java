package org.openucwa.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.TestServer;

/** --public-url: absolute links name the host clients reach, not the bound address. */
class PublicUrlTest {

  @Test
  void discovery_links_and_the_token_challenge_use_the_public_url() throws Exception {
    try (TestServer server =
        TestServer.start(b -> b.publicUrl("https://lyncdiscover.contoso.com/"))) {
      HttpClient http = HttpClient.newHttpClient();
      String root =
          http.send(
                  HttpRequest.newBuilder(URI.create(server.url() + "/")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      HttpResponse<String> user =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(
                          server.url() + "/Autodiscover/AutodiscoverService.svc/root/oauth/user"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());

      assertThat(root)
          .contains(
              "\"user\":{\"href\":\"https://lyncdiscover.contoso.com/Autodiscover/"
                  + "AutodiscoverService.svc/root/oauth/user\"}");
      assertThat(user.headers().firstValue("WWW-Authenticate"))
          .hasValueSatisfying(
              h ->
                  assertThat(h)
                      .startsWith(
                          "MsRtcOAuth href=\"https://lyncdiscover.contoso.com/WebTicket/oauthtoken\""));
      assertThat(server.server().url()).isEqualTo("https://lyncdiscover.contoso.com/");
    }
  }
}
