package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * {@code --invitation-record off}: invitations go on as before, nothing of them is recorded, the
 * operator's query says the record is off, and the conversation history is still kept.
 */
class InvitationRecordOffScenarioTest {

  private static final String ADMIN = "admin-token-of-the-operator";

  @Test
  void invitations_are_not_recorded_and_the_admin_query_says_so() throws Exception {
    try (TestServer server = TestServer.start(b -> b.adminToken(ADMIN).invitationRecord(false))) {
      UcwaClient alice = server.available("alice", "record-off-1");
      UcwaClient bob = server.available("bob", "record-off-2");

      UcwaClient.Response r =
          alice.postJson(
              alice.link("communication/startMessaging"),
              "{\"to\":\"sip:bob@contoso.com\",\"operationId\":\"op-unrecorded\"}");
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      JsonNode incoming = bob.events().await("messagingInvitation", "started").embedded();
      bob.post(incoming.at("/_links/accept/href").asText(), null, "", Map.of());
      alice.events().await("messagingInvitation", "completed");

      // the history of the same flow is written; the record, written the same way, is not
      Instant deadline = Instant.now().plusSeconds(30);
      while (server.server().historyWrites().written() == 0 && Instant.now().isBefore(deadline)) {
        Thread.sleep(50);
      }
      assertThat(server.server().historyWrites().written()).isPositive();
      assertThat(server.server().invitationWrites().written()).isZero();
      assertThat(server.server().invitationWrites().pending()).isZero();

      HttpResponse<String> answer =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(server.url() + "/admin/invitations"))
                      .header("Authorization", "Bearer " + ADMIN)
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(404);
      JsonNode body = new ObjectMapper().readTree(answer.body());
      assertThat(body.get("code").asText()).isEqualTo("NotFound");
      assertThat(body.get("message").asText()).contains("--invitation-record off");
    }
  }
}
