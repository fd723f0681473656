package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;
import org.openucwa.wire.EventPhases;

/**
 * The events of a conference's roster and invitations that the reference pages list, over real HTTP
 * in JSON and XML: arrivals in and departures from the lobby with {@code in: lobby} (lobby_ref.md),
 * role changes with {@code in: leaders}/{@code in: attendees} (leaders_ref.md, attendees_ref.md),
 * the onlineMeetingInvitation's {@code updated} while it waits (onlineMeetingInvitation_ref.md),
 * and no event twice: participant_ref.md's first {@code added} without {@code in}, the others each
 * naming their collection once.
 */
class ConferenceEventsScenarioTest {

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
    c.createApplication("conf-events-" + user);
    c.makeAvailable();
    EventPhases events = new EventPhases(c);
    events.readUntil("communication", "updated");
    return new Side(c, events);
  }

  /** alice starts a Locked meeting (only she gets in directly); returns its conversation. */
  private static JsonNode lockedMeeting(Side alice) {
    UcwaClient.Response r =
        alice
            .client()
            .postJson(
                alice.client().link("communication/startOnlineMeeting"),
                "{\"subject\":\"Review\",\"accessLevel\":\"Locked\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return alice
        .events()
        .readSettled("onlineMeetingInvitation", "completed")
        .event("conversation", "updated")
        .at("/_embedded/conversation");
  }

  /** alice invites the user, who accepts; returns the user's settled phase until InLobby. */
  private static List<PhaseEvents.Both> inviteIntoLobby(
      Side alice, JsonNode meeting, Side invitee, String uri) {
    alice
        .client()
        .postJson(meeting.at("/_links/addParticipant/href").asText(), "{\"to\":\"" + uri + "\"}");
    alice.events().readUntil("participantInvitation", "started");
    JsonNode invitation =
        invitee
            .events()
            .readUntil("localParticipant", "added")
            .event("onlineMeetingInvitation", "started")
            .at("/_embedded/onlineMeetingInvitation");
    assertThat(
            invitee
                .client()
                .post(invitation.at("/_links/accept/href").asText(), null, "", Map.of())
                .status())
        .isEqualTo(204);
    return PhaseEvents.of(
        invitee
            .events()
            .readSettledUntil(
                "conversation updated InLobby",
                e ->
                    e.at("/link/rel").asText().equals("conversation")
                        && e.at("/_embedded/conversation/state").asText().equals("InLobby")));
  }

  @Test
  void lobby_arrivals_and_departures_are_participant_events_in_the_lobby() {
    Side alice = available("alice");
    Side bob = available("bob");
    Side carol = available("carol");
    JsonNode meeting = lockedMeeting(alice);

    List<PhaseEvents.Both> bobWaits = inviteIntoLobby(alice, meeting, bob, "sip:bob@contoso.com");
    assertThat(PhaseEvents.lines(bobWaits))
        .containsExactly(
            "communication: updated onlineMeetingInvitation",
            "communication: updated conversation",
            "conversation: added onlineMeeting in conversation");
    PhaseEvents.Both waiting = bobWaits.get(0);
    assertThat(waiting.embedded("state")).isEqualTo("Connecting");
    assertThat(waiting.embedsLink("accept")).isFalse();
    assertThat(waiting.embedsLink("decline")).isFalse();

    List<PhaseEvents.Both> arrival =
        PhaseEvents.of(alice.events().readUntil("participantInvitation", "updated"));
    assertThat(PhaseEvents.lines(arrival))
        .containsExactly(
            "conversation: added participant",
            "conversation: added participant in lobby",
            "communication: updated participantInvitation");
    assertThat(arrival.get(1).href()).isEqualTo(arrival.get(0).href()).endsWith("/bob@contoso.com");
    assertThat(arrival.get(1).json().at("/in/href").asText())
        .isEqualTo(meeting.at("/_links/lobby/href").asText());
    assertThat(arrival.get(1).xml().getElementsByTagNameNS("*", "in").item(0))
        .extracting(n -> n.getAttributes().getNamedItem("href").getNodeValue())
        .isEqualTo(meeting.at("/_links/lobby/href").asText());

    JsonNode bobSeen = alice.client().get(arrival.get(0).href()).json();
    alice.client().post(bobSeen.at("/_links/admit/href").asText(), null, "", Map.of());
    List<PhaseEvents.Both> admitted =
        PhaseEvents.of(alice.events().readUntil("participantInvitation", "completed"));
    assertThat(PhaseEvents.lines(admitted))
        .containsExactly(
            "conversation: deleted participant in lobby",
            "conversation: updated participant",
            "conversation: added participant in attendees",
            "conversation: added participantMessaging in participant",
            "communication: completed participantInvitation");
    assertNoEventTwice(admitted);
    List<PhaseEvents.Both> bobIn =
        PhaseEvents.of(bob.events().readSettled("onlineMeetingInvitation", "completed"));
    assertThat(PhaseEvents.lines(bobIn))
        .contains("communication: completed onlineMeetingInvitation");
    assertNoEventTwice(bobIn);

    inviteIntoLobby(alice, meeting, carol, "sip:carol@contoso.com");
    List<PhaseEvents.Both> carolArrives =
        PhaseEvents.of(alice.events().readUntil("participantInvitation", "updated"));
    assertThat(PhaseEvents.lines(carolArrives))
        .containsExactly(
            "conversation: added participant",
            "conversation: added participant in lobby",
            "communication: updated participantInvitation");
    JsonNode carolSeen = alice.client().get(carolArrives.get(0).href()).json();
    alice.client().post(carolSeen.at("/_links/reject/href").asText(), null, "", Map.of());
    List<PhaseEvents.Both> rejected =
        PhaseEvents.of(alice.events().readUntil("participantInvitation", "completed"));
    assertThat(PhaseEvents.lines(rejected))
        .containsExactly(
            "conversation: deleted participant in lobby",
            "conversation: deleted participant",
            "communication: completed participantInvitation");
    assertThat(rejected.get(1).reasonSubcode()).isEqualTo("Denied");
  }

  @Test
  void a_role_change_moves_the_participant_between_attendees_and_leaders_with_in_links() {
    Side alice = available("alice");
    Side bob = available("bob");
    UcwaClient.Response r =
        alice
            .client()
            .postJson(
                alice.client().link("communication/startOnlineMeeting"),
                "{\"subject\":\"Review\",\"accessLevel\":\"SameEnterprise\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonNode meeting =
        alice
            .events()
            .readSettled("onlineMeetingInvitation", "completed")
            .event("conversation", "updated")
            .at("/_embedded/conversation");
    alice
        .client()
        .postJson(
            meeting.at("/_links/addParticipant/href").asText(), "{\"to\":\"sip:bob@contoso.com\"}");
    alice.events().readUntil("participantInvitation", "started");
    JsonNode invitation =
        bob.events()
            .readUntil("localParticipant", "added")
            .event("onlineMeetingInvitation", "started")
            .at("/_embedded/onlineMeetingInvitation");
    bob.client().post(invitation.at("/_links/accept/href").asText(), null, "", Map.of());
    List<PhaseEvents.Both> joined =
        PhaseEvents.of(alice.events().readUntil("participantInvitation", "completed"));
    assertThat(PhaseEvents.lines(joined))
        .containsExactly(
            "conversation: added participant",
            "conversation: added participant in attendees",
            "conversation: added participantMessaging in participant",
            "communication: completed participantInvitation");
    assertNoEventTwice(joined);
    bob.events().readSettled("onlineMeetingInvitation", "completed");

    JsonNode bobSeen = alice.client().get(joined.get(0).href()).json();
    alice.client().post(bobSeen.at("/_links/promote/href").asText(), null, "", Map.of());
    List<PhaseEvents.Both> promoted =
        PhaseEvents.of(alice.events().readUntil("participant", "added"));
    assertThat(PhaseEvents.lines(promoted))
        .containsExactly(
            "conversation: updated participant",
            "conversation: deleted participant in attendees",
            "conversation: added participant in leaders");
    assertThat(promoted.get(2).json().at("/in/href").asText())
        .isEqualTo(meeting.at("/_links/leaders/href").asText());

    JsonNode bobLeader = alice.client().get(joined.get(0).href()).json();
    alice.client().post(bobLeader.at("/_links/demote/href").asText(), null, "", Map.of());
    assertThat(PhaseEvents.lines(PhaseEvents.of(alice.events().readUntil("participant", "added"))))
        .containsExactly(
            "conversation: updated participant",
            "conversation: deleted participant in leaders",
            "conversation: added participant in attendees");

    String stop =
        bob.client().get(messagingOf(bob)).json().at("/_links/stopMessaging/href").asText();
    bob.client().post(stop, null, "", Map.of());
    List<PhaseEvents.Both> left =
        PhaseEvents.of(alice.events().readUntil("participant", "deleted"));
    assertThat(PhaseEvents.lines(left))
        .containsExactly(
            "conversation: deleted participantMessaging in participant",
            "conversation: deleted participant in attendees",
            "conversation: deleted participant");
    assertNoEventTwice(left);
  }

  private static String messagingOf(Side side) {
    String conversations = side.client().link("communication/conversations");
    String conversation =
        side.client().get(conversations).json().at("/_links/conversation/0/href").asText();
    return side.client().get(conversation).json().at("/_links/messaging/href").asText();
  }

  /** participant_ref.md: one first added; every further event names a different collection. */
  private static void assertNoEventTwice(List<PhaseEvents.Both> events) {
    Set<String> seen = new HashSet<>();
    for (PhaseEvents.Both e : events) {
      assertThat(seen.add(e.line() + " " + e.href())).as("twice: " + e.line()).isTrue();
    }
  }
}
