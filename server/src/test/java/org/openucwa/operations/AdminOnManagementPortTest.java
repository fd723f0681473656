package org.openucwa.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * The operator's API on the management port: without a token while that port listens on loopback
 * (its default), with the {@code --admin-token} bearer token when it listens elsewhere, and off
 * there without a token; the main port's route keeps asking for the token.
 */
class AdminOnManagementPortTest {

  private static final String TOKEN = "an-admin-token-of-some-length";
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private static HttpResponse<String> get(String url, String bearer) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String management(TestServer server) {
    return "http://127.0.0.1:" + server.server().managementPort().orElseThrow();
  }

  /** alice invites bob, who has no application: one invitation in the record, refused. */
  private static void oneInvitation(TestServer server, String managementUrl) throws Exception {
    UcwaClient alice = server.client("alice");
    alice.createApplication("admin-port");
    alice.makeAvailable();
    alice.postJson(alice.link("communication/startMessaging"), "{\"to\":\"sip:bob@contoso.com\"}");
    alice.events().await("messagingInvitation", "completed");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
    while (Instant.now().isBefore(deadline)) {
      JsonNode record =
          JSON.readTree(
              get(managementUrl + "/admin/invitations?user=alice@contoso.com", TOKEN).body());
      if (record.path("invitations").size() == 1) {
        return;
      }
      Thread.sleep(50);
    }
  }

  @Test
  void on_a_loopback_management_port_the_admin_api_needs_no_token_and_the_main_port_still_does()
      throws Exception {
    try (TestServer server = TestServer.start(b -> b.managementPort(0).adminToken(TOKEN))) {
      String management = management(server);
      oneInvitation(server, management);

      HttpResponse<String> open =
          get(management + "/admin/invitations?user=alice@contoso.com", null);
      assertThat(open.statusCode()).isEqualTo(200);
      JsonNode invitations = JSON.readTree(open.body()).get("invitations");
      assertThat(invitations).hasSize(1);
      assertThat(invitations.get(0).get("invitee").asText()).isEqualTo("sip:bob@contoso.com");
      assertThat(invitations.get(0).at("/reason/subcode").asText())
          .isEqualTo("TemporarilyUnavailable");
      assertThat(get(management + "/admin/store", null).statusCode()).isEqualTo(200);
      HttpResponse<String> bad = get(management + "/admin/invitations?limit=0", null);
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(bad.body()).get("code").asText()).isEqualTo("BadRequest");
      assertThat(get(management + "/admin/nothing", null).statusCode()).isEqualTo(404);
      // nothing of the UCWA API is served on the management port
      assertThat(get(management + "/ucwa/oauth/v1/applications", null).statusCode()).isEqualTo(404);

      assertThat(get(server.url() + "/admin/invitations", null).statusCode()).isEqualTo(401);
      HttpResponse<String> main =
          get(server.url() + "/admin/invitations?user=alice@contoso.com", TOKEN);
      assertThat(main.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(main.body()).get("invitations")).hasSize(1);
    }
  }

  @Test
  void off_loopback_the_management_port_asks_for_the_admin_token() throws Exception {
    try (TestServer server =
        TestServer.start(b -> b.managementPort(0).managementBind("0.0.0.0").adminToken(TOKEN))) {
      String management = management(server);

      HttpResponse<String> refused = get(management + "/admin/invitations", null);
      assertThat(refused.statusCode()).isEqualTo(401);
      assertThat(refused.headers().firstValue("www-authenticate").orElse("")).startsWith("Bearer");
      assertThat(get(management + "/admin/invitations", "wrong-token-of-some-length").statusCode())
          .isEqualTo(401);
      assertThat(get(management + "/admin/invitations", TOKEN).statusCode()).isEqualTo(200);
      assertThat(get(management + "/health/live", null).statusCode()).isEqualTo(200);
    }
    try (TestServer server = TestServer.start(b -> b.managementPort(0).managementBind("0.0.0.0"))) {
      assertThat(get(management(server) + "/admin/invitations", null).statusCode()).isEqualTo(404);
    }
  }
}
