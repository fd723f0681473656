package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;
import org.openucwa.wire.EventPhases;

/**
 * The sender's events of an outgoing message, over real HTTP in JSON and XML, as SendAnIM.md step
 * 12 shows the real server's: link rel {@code message} to the message, the message embedded with
 * direction Outgoing and no body, status Success on {@code completed}; the {@code operationId} the
 * client sent echoed (message_ref.md), SendAnIM.md's {@code OperationContext} not.
 */
class OutgoingMessageScenarioTest {

  private static TestServer server;
  private static UcwaClient alice;
  private static EventPhases aliceEvents;
  private static EventPhases bobEvents;
  private static String sendMessage;

  @BeforeAll
  static void connect() {
    server = TestServer.start();
    alice = server.client("alice");
    alice.createApplication("outgoing-a");
    alice.makeAvailable();
    UcwaClient bob = server.client("bob");
    bob.createApplication("outgoing-b");
    bob.makeAvailable();
    aliceEvents = new EventPhases(alice);
    bobEvents = new EventPhases(bob);
    aliceEvents.readUntil("communication", "updated");
    bobEvents.readUntil("communication", "updated");
    alice.postJson(alice.link("communication/startMessaging"), "{\"to\":\"sip:bob@contoso.com\"}");
    JsonNode invitation =
        bobEvents
            .readUntil("participant", "added")
            .event("messagingInvitation", "started")
            .at("/_embedded/messagingInvitation");
    bob.post(invitation.at("/_links/accept/href").asText(), null, "", Map.of());
    bobEvents.readUntil("messagingInvitation", "completed");
    sendMessage =
        aliceEvents
            .readUntil("messagingInvitation", "completed")
            .event("messaging", "updated")
            .at("/_embedded/messaging/_links/sendMessage/href")
            .asText();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static UcwaClient.Response send(String query, String text) {
    UcwaClient.Response r = alice.post(sendMessage + query, "text/plain", text, Map.of());
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r;
  }

  @Test
  void the_sender_hears_its_message_started_and_completed_as_send_an_im_shows_it() {
    UcwaClient.Response sent = send("?operationId=say-1", "What's up?");

    List<PhaseEvents.Both> events = PhaseEvents.of(aliceEvents.readUntil("message", "completed"));
    assertThat(PhaseEvents.lines(events))
        .containsExactly("conversation: started message", "conversation: completed message");
    for (PhaseEvents.Both e : events) {
      assertThat(e.href()).isEqualTo(sent.header("Location"));
      assertThat(e.embeds()).isTrue();
      assertThat(e.embedded("direction")).isEqualTo("Outgoing");
      assertThat(e.embedded("operationId")).isEqualTo("say-1");
      assertThat(e.embedsLink("messaging")).isTrue();
      assertThat(e.embedsLink("plainMessage")).isFalse();
      assertThat(e.embedsLink("participant")).isFalse();
    }
    assertThat(events.get(0).status()).isEmpty();
    assertThat(events.get(1).status()).isEqualTo("Success");

    List<PhaseEvents.Both> received = PhaseEvents.of(bobEvents.readUntil("message", "completed"));
    PhaseEvents.Both incoming = received.get(received.size() - 1);
    assertThat(incoming.embedded("direction")).isEqualTo("Incoming");
    assertThat(incoming.embedsLink("plainMessage")).isTrue();
    assertThat(incoming.embedsLink("participant")).isTrue();
  }

  @Test
  void an_operation_context_is_not_echoed_as_the_operation_id() {
    send("?OperationContext=6b6ce55c-d4b9-4303-a61f-5813ecb2d7b1", "What's up?");

    List<PhaseEvents.Both> events = PhaseEvents.of(aliceEvents.readUntil("message", "completed"));
    PhaseEvents.Both completed = events.get(events.size() - 1);
    assertThat(completed.line()).isEqualTo("conversation: completed message");
    assertThat(completed.embedded("operationId")).isEmpty();
    assertThat(completed.status()).isEqualTo("Success");
    bobEvents.readUntil("message", "completed");
  }
}
