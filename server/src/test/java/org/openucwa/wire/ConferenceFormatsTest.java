package org.openucwa.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * The resources and events of an ad hoc conference, served over HTTP after a real escalation,
 * compared in JSON and in XML with the expected files of {@code src/test/resources/expected/}, each
 * taken from the reference page of its resource: the seed pages (participantInvitation and its
 * {@code from}) first, then onlineMeetingInvitation_ref.md, participant_ref.md,
 * conversation_ref.md, leaders_ref.md and attendees_ref.md.
 *
 * <p>The exchange runs once, before the tests (the expected files' README.md, "Conferences", says
 * which file shows what): alice and bob talk by IM; alice adds carol (addParticipant), which
 * escalates the conversation to a conference she organizes; carol accepts the
 * onlineMeetingInvitation; alice promotes bob. Each event phase is read in both formats as it
 * happens, settled (see {@link EventPhases#readSettled}) where one resource is updated twice in
 * quick succession; each resource is read at the point of the exchange its file shows, with the
 * generic and the vendor-specific media type of each format, and kept for the tests.
 */
class ConferenceFormatsTest {

  /** addParticipant_ref.md's and the seed's operationId. */
  static final String OPERATION_ID = "74cb7404e0a247d5a2d4eb0376a47dbf";

  private static TestServer server;
  private static UcwaClient alice;
  private static UcwaClient bob;
  private static UcwaClient carol;
  private static EventPhases aliceEvents;
  private static EventPhases bobEvents;
  private static EventPhases carolEvents;
  private static final Recordings recorded = new Recordings();

  /** The completed events of the participantInvitations that did not connect, by state. */
  private static Map<String, JsonNode> endings;

  @BeforeAll
  static void conference() {
    server = TestServer.start();
    alice = server.availableUnread("alice", "wire-conf-alice");
    bob = server.availableUnread("bob", "wire-conf-bob");
    carol = server.availableUnread("carol", "wire-conf-carol");
    aliceEvents = new EventPhases(alice);
    bobEvents = new EventPhases(bob);
    carolEvents = new EventPhases(carol);
    for (EventPhases e : new EventPhases[] {aliceEvents, bobEvents, carolEvents}) {
      e.readUntil("communication", "updated");
    }

    String conversation = talk();
    String invitation = addCarol(conversation);
    JsonNode meeting = carolIsInvited();
    carolAccepts(meeting);
    readConference(invitation, conversation);
    alicePromotesBob();
    endings = invitationEndings(conversation);
  }

  /** alice invites bob to IM (SendAnIM.md step 1's subject and operationId), bob accepts. */
  private static String talk() {
    UcwaClient.Response started =
        alice.postJson(
            alice.link("communication/startMessaging"),
            """
        {"importance":"Normal","subject":"Task Sample","to":"sip:bob@contoso.com",
         "operationId":"5028e824-2268-4b14-9e59-1abad65ff393"}""");
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    JsonNode incoming =
        bobEvents.readUntil("participant", "added").event("messagingInvitation", "started");
    UcwaClient.Response accepted =
        bob.post(
            incoming.at("/_embedded/messagingInvitation/_links/accept/href").asText(),
            null,
            "",
            Map.of());
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(204);
    bobEvents.readUntil("messagingInvitation", "completed");
    return aliceEvents
        .readUntil("messagingInvitation", "completed")
        .event("messagingInvitation", "completed")
        .at("/_embedded/messagingInvitation/_links/conversation/href")
        .asText();
  }

  /** addParticipant_ref.md's request; returns the participantInvitation. */
  private static String addCarol(String conversation) {
    String addParticipant =
        alice.get(conversation).json().at("/_links/addParticipant/href").asText();
    UcwaClient.Response added =
        alice.postJson(
            addParticipant,
            "{\"operationId\":\"" + OPERATION_ID + "\",\"to\":\"sip:carol@contoso.com\"}");
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    String invitation = added.header("Location");
    recorded.phase(
        "events-conf-inviter-escalated", aliceEvents.readSettled("participant", "updated"), alice);
    recorded.phase(
        "events-conf-other-escalated", bobEvents.readSettled("participant", "updated"), bob);
    JsonNode connecting = recorded.read(alice, invitation, "participantInvitation-connecting");
    recorded.read(alice, connecting.at("/_links/from/href").asText(), "from");
    return invitation;
  }

  private static JsonNode carolIsInvited() {
    recorded.phase(
        "events-conf-invitee-invited", carolEvents.readUntil("localParticipant", "added"), carol);
    JsonNode started =
        recorded.phase("events-conf-invitee-invited").event("onlineMeetingInvitation", "started");
    JsonNode meeting =
        recorded.read(carol, started.at("/link/href").asText(), "onlineMeetingInvitation-incoming");
    recorded.read(carol, meeting.at("/_links/from/href").asText(), "from-incoming");
    return meeting;
  }

  private static void carolAccepts(JsonNode meeting) {
    UcwaClient.Response accepted =
        carol.post(meeting.at("/_links/accept/href").asText(), null, "", Map.of());
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(204);
    recorded.phase(
        "events-conf-invitee-accepted",
        carolEvents.readSettled("onlineMeetingInvitation", "completed"),
        carol);
    recorded.phase(
        "events-conf-inviter-completed",
        aliceEvents.readUntil("participantInvitation", "completed"),
        alice);
    recorded.phase(
        "events-conf-other-joined", bobEvents.readUntil("participantMessaging", "added"), bob);
  }

  /** Reads the conference once carol is in, following links from what each user was given. */
  private static void readConference(String invitation, String conversation) {
    JsonNode connected = recorded.read(alice, invitation, "participantInvitation-connected");
    JsonNode conference = recorded.read(alice, conversation, "conversation-conferenced");
    recorded.read(alice, conference.at("/_links/leaders/href").asText(), "leaders");
    recorded.read(alice, conference.at("/_links/attendees/href").asText(), "attendees");
    recorded.read(
        alice, connected.at("/_links/participant/href").asText(), "participant-conference");
    EventPhases.Phase joined = recorded.phase("events-conf-invitee-accepted");
    recorded.read(
        carol,
        joined
            .event("conversation", "updated")
            .at("/_embedded/conversation/_links/localParticipant/href")
            .asText(),
        "localParticipant-conference");
    recorded.read(
        carol,
        joined
            .event("onlineMeetingInvitation", "completed")
            .at("/_embedded/onlineMeetingInvitation/_links/from/href")
            .asText(),
        "participant-conference-organizer");
  }

  /** alice promotes bob, an attendee, with the promote link of his participant. */
  private static void alicePromotesBob() {
    String bobHref =
        StreamSupport.stream(json("attendees").at("/_links/participant").spliterator(), false)
            .filter(l -> l.path("title").asText().equals("Bob Test"))
            .findFirst()
            .orElseThrow()
            .get("href")
            .asText();
    String promote = alice.get(bobHref).json().at("/_links/promote/href").asText();
    assertThat(alice.post(promote, null, "", Map.of()).status()).isEqualTo(204);
    recorded.phase("events-conf-promoted", aliceEvents.readUntil("participant", "updated"), alice);
    recorded.read(alice, bobHref, "participant-conference-leader");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /**
   * Three more participantInvitations that end otherwise: dave declines one, alice cancels another,
   * and one to a user who does not exist fails. Returns their completed events.
   */
  private static Map<String, JsonNode> invitationEndings(String conversation) {
    UcwaClient dave = server.availableUnread("dave", "wire-conf-dave");
    EventPhases daveEvents = new EventPhases(dave);
    daveEvents.readUntil("communication", "updated");
    String addParticipant =
        alice.get(conversation).json().at("/_links/addParticipant/href").asText();
    Map<String, JsonNode> ends = new HashMap<>();

    alice.postJson(addParticipant, "{\"to\":\"sip:dave@contoso.com\"}");
    JsonNode invited =
        daveEvents
            .readUntil("localParticipant", "added")
            .event("onlineMeetingInvitation", "started");
    assertThat(
            dave.post(
                    invited.at("/_embedded/onlineMeetingInvitation/_links/decline/href").asText(),
                    null,
                    "",
                    Map.of())
                .status())
        .isEqualTo(204);
    ends.put(
        "Declined",
        aliceEvents
            .readUntil("participantInvitation", "completed")
            .event("participantInvitation", "completed"));

    UcwaClient.Response again = alice.postJson(addParticipant, "{\"to\":\"sip:dave@contoso.com\"}");
    String cancel = alice.get(again.header("Location")).json().at("/_links/cancel/href").asText();
    assertThat(alice.post(cancel, null, "", Map.of()).status()).isEqualTo(204);
    ends.put(
        "Cancelled",
        aliceEvents
            .readUntil("participantInvitation", "completed")
            .event("participantInvitation", "completed"));

    alice.postJson(addParticipant, "{\"to\":\"sip:nobody@contoso.com\"}");
    ends.put(
        "Failed",
        aliceEvents
            .readUntil("participantInvitation", "completed")
            .event("participantInvitation", "completed"));
    return ends;
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_inviter_hears_its_participant_invitation_start_and_the_conversation_escalate(
      WireFormat wire) {
    recorded.assertPhase("events-conf-inviter-escalated", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_other_party_hears_the_conversation_escalate_and_the_organizer_lead(WireFormat wire) {
    recorded.assertPhase("events-conf-other-escalated", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_invitee_hears_an_online_meeting_invitation_with_its_sender(WireFormat wire) {
    recorded.assertPhase("events-conf-invitee-invited", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_invitee_hears_itself_join_the_conference_and_its_invitation_complete(WireFormat wire) {
    recorded.assertPhase("events-conf-invitee-accepted", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_inviter_hears_the_invitee_join_then_its_participant_invitation_complete(
      WireFormat wire) {
    recorded.assertPhase("events-conf-inviter-completed", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_other_party_hears_the_invitee_join(WireFormat wire) {
    recorded.assertPhase("events-conf-other-joined", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void a_leader_hears_a_promotion_as_a_participant_update(WireFormat wire) {
    recorded.assertPhase("events-conf-promoted", wire);
  }

  /** What a settled phase left out was the state the conversation passed through. */
  @Test
  void an_update_left_out_of_a_settled_phase_is_the_state_passed_through() {
    assertThat(recorded.phase("events-conf-inviter-escalated").superseded())
        .allSatisfy(e -> assertConversationIn(e, "Conferencing"));
    assertThat(recorded.phase("events-conf-other-escalated").superseded())
        .allSatisfy(e -> assertConversationIn(e, "Conferencing"));
    assertThat(recorded.phase("events-conf-invitee-accepted").superseded())
        .allSatisfy(e -> assertConversationIn(e, "Connecting"));
  }

  private static void assertConversationIn(JsonNode event, String state) {
    assertThat(event.at("/link/rel").asText()).isEqualTo("conversation");
    assertThat(event.at("/_embedded/conversation/state").asText()).isEqualTo(state);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_participant_invitation_while_connecting_can_be_cancelled_and_embeds_its_sender(
      WireFormat wire) {
    recorded.assertServed("participantInvitation-connecting", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_participant_invitation_once_connected_embeds_who_accepted_it(WireFormat wire) {
    recorded.assertServed("participantInvitation-connected", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_from_link_of_the_participant_invitation_answers_the_inviter_as_participant(
      WireFormat wire) {
    recorded.assertServed("from", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_from_link_of_an_incoming_invitation_answers_before_the_invitee_joins(WireFormat wire) {
    recorded.assertServed("from-incoming", wire);
  }

  /** docs/decisions/0002-rendering.md, "The from resource": one resource, one document. */
  @Test
  void the_embedded_from_is_what_the_from_link_answers() {
    JsonNode outgoing = json("participantInvitation-connecting");
    assertThat(json("from")).isEqualTo(outgoing.at("/_embedded/from"));
    assertThat(outgoing.at("/_links/from/href")).isEqualTo(json("from").at("/_links/self/href"));
    JsonNode incoming = json("onlineMeetingInvitation-incoming");
    assertThat(json("from-incoming")).isEqualTo(incoming.at("/_embedded/from"));
    assertThat(incoming.at("/_links/from/href"))
        .isEqualTo(json("from-incoming").at("/_links/self/href"));
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_incoming_online_meeting_invitation_can_be_accepted_or_declined(WireFormat wire) {
    recorded.assertServed("onlineMeetingInvitation-incoming", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_conferenced_conversation_links_its_leaders_attendees_and_add_participant(
      WireFormat wire) {
    recorded.assertServed("conversation-conferenced", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void leaders_list_the_organizer(WireFormat wire) {
    recorded.assertServed("leaders", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void attendees_list_the_others(WireFormat wire) {
    recorded.assertServed("attendees", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void a_leader_sees_an_attendee_with_eject_and_promote(WireFormat wire) {
    recorded.assertServed("participant-conference", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void a_leader_sees_another_leader_with_eject_and_demote(WireFormat wire) {
    recorded.assertServed("participant-conference-leader", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void an_attendee_sees_the_organizer_without_moderation_links(WireFormat wire) {
    recorded.assertServed("participant-conference-organizer", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_local_participant_in_a_conference_has_its_role(WireFormat wire) {
    recorded.assertServed("localParticipant-conference", wire);
  }

  /** InvitationState_ref.md's spellings, with the operation's Failure (OperationResource.md). */
  @Test
  void a_participant_invitation_ends_declined_cancelled_or_failed_as_the_reference_spells_it() {
    endings.forEach(
        (state, completed) -> {
          assertThat(completed.path("status").asText()).as(state).isEqualTo("Failure");
          assertThat(completed.at("/_embedded/participantInvitation/state").asText())
              .as(state)
              .isEqualTo(state);
          assertThat(completed.at("/_embedded/participantInvitation/_links/cancel").isMissingNode())
              .as(state)
              .isTrue();
        });
    assertThat(endings).containsOnlyKeys("Declined", "Cancelled", "Failed");
  }

  private static JsonNode json(String name) {
    return recorded.json(name);
  }
}
