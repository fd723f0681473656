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
 * What the invitee hears when it accepts a two-party invitation, over real HTTP in JSON and XML:
 * first its messagingInvitation {@code updated}, still Connecting but no longer offering accept or
 * decline (ReceiveAnIM.md, step 10), then the conversation connecting (step 15), and last the
 * invitation {@code completed}.
 */
class AcceptedInvitationScenarioTest {

  private static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void the_accepted_invitation_is_updated_without_accept_or_decline_before_it_completes() {
    UcwaClient alice = server.client("alice");
    alice.createApplication("accepted-a");
    alice.makeAvailable();
    UcwaClient bob = server.client("bob");
    bob.createApplication("accepted-b");
    bob.makeAvailable();
    EventPhases bobEvents = new EventPhases(bob);
    bobEvents.readUntil("communication", "updated");

    UcwaClient.Response r =
        alice.postJson(
            alice.link("communication/startMessaging"),
            "{\"to\":\"sip:bob@contoso.com\",\"message\":\"data:text/plain,Hi+Bob\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonNode invitation =
        bobEvents
            .readUntil("participant", "added")
            .event("messagingInvitation", "started")
            .at("/_embedded/messagingInvitation");
    assertThat(bob.post(invitation.at("/_links/accept/href").asText(), null, "", Map.of()).status())
        .isEqualTo(204);

    List<PhaseEvents.Both> events =
        PhaseEvents.of(bobEvents.readUntil("messagingInvitation", "completed"));
    List<String> lines = PhaseEvents.lines(events);
    assertThat(lines.get(0)).isEqualTo("communication: updated messagingInvitation");
    int completed = lines.indexOf("communication: completed messagingInvitation");
    assertThat(lines.indexOf("conversation: updated messaging")).isBetween(1, completed);
    assertThat(lines.indexOf("communication: updated conversation")).isBetween(1, completed);
    assertThat(lines.stream().filter(l -> l.endsWith("messagingInvitation"))).hasSize(2);

    PhaseEvents.Both updated = events.get(0);
    assertThat(updated.href()).isEqualTo(invitation.at("/_links/self/href").asText());
    assertThat(updated.embeds()).isTrue();
    assertThat(updated.embedded("state")).isEqualTo("Connecting");
    assertThat(updated.embedded("direction")).isEqualTo("Incoming");
    assertThat(updated.embedsLink("accept")).isFalse();
    assertThat(updated.embedsLink("decline")).isFalse();
    assertThat(updated.embedsLink("conversation")).isTrue();
    assertThat(updated.embedsLink("message")).isTrue();
    assertThat(events.get(completed).status()).isEqualTo("Success");

    // a second accept is refused: the invitation is no longer pending
    assertThat(bob.post(invitation.at("/_links/accept/href").asText(), null, "", Map.of()).status())
        .isEqualTo(409);
  }
}
