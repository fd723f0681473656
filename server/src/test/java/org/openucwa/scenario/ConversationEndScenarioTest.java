package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;
import org.openucwa.wire.EventPhases;

/**
 * The end of a two-party conversation as the side that stays hears it, over real HTTP in JSON and
 * XML: messaging and the conversation disconnect first (conversation_ref.md and messaging_ref.md's
 * updated events, the messaging offering addMessaging as its page shows it), then the participants,
 * the local participant and the conversation are deleted — whichever side ended it.
 */
class ConversationEndScenarioTest {

  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private record Side(UcwaClient client, EventPhases events) {}

  private Side available(String user) {
    UcwaClient c = server.client(user);
    c.createApplication("end-" + user);
    c.makeAvailable();
    EventPhases events = new EventPhases(c);
    events.readUntil("communication", "updated");
    return new Side(c, events);
  }

  /** alice invites bob, bob accepts; returns each side's messaging resource href. */
  private static String[] connect(Side alice, Side bob) {
    UcwaClient.Response r =
        alice
            .client()
            .postJson(
                alice.client().link("communication/startMessaging"),
                "{\"to\":\"sip:bob@contoso.com\",\"operationId\":\"end\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    alice.events().readUntil("messaging", "updated");
    JsonNode invitation =
        bob.events()
            .readUntil("participant", "added")
            .event("messagingInvitation", "started")
            .at("/_embedded/messagingInvitation");
    bob.client().post(invitation.at("/_links/accept/href").asText(), null, "", Map.of());
    String aliceMessaging =
        alice
            .events()
            .readUntil("messagingInvitation", "completed")
            .event("messaging", "updated")
            .at("/link/href")
            .asText();
    String bobMessaging =
        bob.events()
            .readUntil("messagingInvitation", "completed")
            .event("messaging", "updated")
            .at("/link/href")
            .asText();
    return new String[] {aliceMessaging, bobMessaging};
  }

  private static void stop(Side side, String messaging) {
    String stop = side.client().get(messaging).json().at("/_links/stopMessaging/href").asText();
    assertThat(side.client().post(stop, null, "", Map.of()).status()).isEqualTo(204);
  }

  @Test
  void when_the_invitee_ends_the_inviter_hears_the_conversation_disconnect_before_it_is_deleted() {
    Side alice = available("alice");
    Side bob = available("bob");
    String[] messaging = connect(alice, bob);

    stop(bob, messaging[1]);

    assertRemainingSideHears(alice.events().readUntil("conversation", "deleted"), "bob");
    assertEndingSideHears(bob.events().readUntil("conversation", "deleted"), "alice");
  }

  @Test
  void when_the_inviter_ends_the_invitee_hears_the_conversation_disconnect_before_it_is_deleted() {
    Side alice = available("alice");
    Side bob = available("bob");
    String[] messaging = connect(alice, bob);

    stop(alice, messaging[0]);

    assertRemainingSideHears(bob.events().readUntil("conversation", "deleted"), "alice");
    assertEndingSideHears(alice.events().readUntil("conversation", "deleted"), "bob");
  }

  @Test
  void when_the_other_party_leaves_while_typing_it_stops_typing_for_the_reason_it_left() {
    Side alice = available("alice");
    Side bob = available("bob");
    String[] messaging = connect(alice, bob);
    String setIsTyping =
        bob.client().get(messaging[1]).json().at("/_links/setIsTyping/href").asText();
    assertThat(bob.client().post(setIsTyping, null, "", Map.of()).status()).isEqualTo(204);
    assertThat(PhaseEvents.lines(PhaseEvents.of(alice.events().readUntil("participant", "added"))))
        .containsExactly("conversation: added participant in typingParticipants");

    stop(bob, messaging[1]);

    List<PhaseEvents.Both> events =
        PhaseEvents.of(alice.events().readUntil("conversation", "deleted"));
    assertThat(PhaseEvents.lines(events))
        .containsExactly(
            "conversation: updated messaging",
            "communication: updated conversation",
            "conversation: deleted participantMessaging in participant",
            "conversation: deleted participant in typingParticipants",
            "conversation: deleted participant",
            "conversation: deleted participantMessaging in localParticipant",
            "conversation: deleted localParticipant",
            "communication: deleted conversation");
    for (PhaseEvents.Both left : events.subList(2, 5)) {
      assertThat(left.href()).contains("/participants/bob@contoso.com");
      assertThat(left.reasonCode()).as(left.line()).isEqualTo("Gone");
      assertThat(left.reasonSubcode()).as(left.line()).isEqualTo("CallTerminated");
    }
  }

  private static void assertRemainingSideHears(EventPhases.Phase phase, String other) {
    List<PhaseEvents.Both> events = PhaseEvents.of(phase);
    assertThat(PhaseEvents.lines(events))
        .containsExactly(
            "conversation: updated messaging",
            "communication: updated conversation",
            "conversation: deleted participantMessaging in participant",
            "conversation: deleted participant",
            "conversation: deleted participantMessaging in localParticipant",
            "conversation: deleted localParticipant",
            "communication: deleted conversation");

    PhaseEvents.Both messaging = events.get(0);
    assertThat(messaging.embedded("state")).isEqualTo("Disconnected");
    assertThat(messaging.embedsLink("addMessaging")).isTrue();
    assertThat(messaging.embedsLink("stopMessaging")).isFalse();
    assertThat(messaging.embedsLink("sendMessage")).isFalse();
    assertThat(messaging.reasonSubcode()).isEqualTo("CallTerminated");

    PhaseEvents.Both conversation = events.get(1);
    assertThat(conversation.embedded("state")).isEqualTo("Disconnected");
    assertThat(conversation.embedsLink("addParticipant")).isFalse();
    assertThat(conversation.embedsLink("localParticipant")).isFalse();
    assertThat(conversation.reasonSubcode()).isEqualTo("CallTerminated");

    assertThat(events.get(2).reasonSubcode())
        .as("the participantMessaging goes for the reason its participant left (0062)")
        .isEqualTo("CallTerminated");
    assertThat(events.get(3).href()).endsWith("/participants/" + other + "@contoso.com");
    assertThat(events.get(3).embeds()).isFalse();
    assertThat(events.get(6).embeds()).isFalse();
    assertThat(events.get(6).reasonSubcode()).isEqualTo("CallTerminated");
  }

  /** The side that ended hears the same order: its conversation disconnects, then goes away. */
  private static void assertEndingSideHears(EventPhases.Phase phase, String other) {
    List<PhaseEvents.Both> events = PhaseEvents.of(phase);
    assertThat(PhaseEvents.lines(events))
        .containsExactly(
            "conversation: updated messaging",
            "communication: updated conversation",
            "conversation: deleted participantMessaging in participant",
            "conversation: deleted participant",
            "conversation: deleted participantMessaging in localParticipant",
            "conversation: deleted localParticipant",
            "communication: deleted conversation");
    assertThat(events.get(1).embedded("state")).isEqualTo("Disconnected");
    assertThat(events.get(3).href()).endsWith("/participants/" + other + "@contoso.com");
  }
}
