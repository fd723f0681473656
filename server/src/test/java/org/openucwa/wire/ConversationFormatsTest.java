package org.openucwa.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * The resources and events of two-party instant messaging, served over HTTP after a real exchange,
 * compared in JSON and in XML with the expected files of {@code src/test/resources/expected/}, each
 * taken from the reference sample of its page (SendAnIM.md and ReceiveAnIM.md where they show it,
 * the resource's own page otherwise).
 *
 * <p>The exchange runs once, before the tests, as SendAnIM.md and ReceiveAnIM.md walk through it:
 * alice invites bob with a first message, bob accepts, alice sends "What's up?", then bob starts
 * typing (the expected files' README.md, "Instant messaging", says which file shows what). Each
 * event phase is read in both formats as it happens (see {@link EventPhases}); each resource is
 * read once the exchange is over, with the generic and the vendor-specific media type of each
 * format, and kept for the tests to compare. So no test depends on another's order or on timing,
 * and every document is the one a client saw at that point of the exchange.
 */
class ConversationFormatsTest {

  private static TestServer server;
  private static UcwaClient alice;
  private static UcwaClient bob;
  private static EventPhases aliceEvents;
  private static EventPhases bobEvents;
  private static final Recordings recorded = new Recordings();

  @BeforeAll
  static void exchange() {
    server = TestServer.start();
    alice = server.availableUnread("alice", "wire-im-alice");
    bob = server.availableUnread("bob", "wire-im-bob");
    aliceEvents = new EventPhases(alice);
    bobEvents = new EventPhases(bob);
    aliceEvents.readUntil("communication", "updated");
    bobEvents.readUntil("communication", "updated");

    String invitation = invite();
    accept();
    String message = sendMessage();
    startTyping();
    readResources(invitation, message);
    endedByTheOtherSide();
  }

  /**
   * A second conversation, carol's with dave, which dave ends: carol's events from his
   * stopMessaging to her conversation's {@code deleted} (docs/decisions/0016-conversation-end.md).
   * Two other users, so that nothing of alice's and bob's exchange (bob's typing running out) can
   * fall into the phase.
   */
  private static void endedByTheOtherSide() {
    UcwaClient carol = server.availableUnread("carol", "wire-im-carol");
    UcwaClient dave = server.availableUnread("dave", "wire-im-dave");
    EventPhases carolEvents = new EventPhases(carol);
    EventPhases daveEvents = new EventPhases(dave);
    carolEvents.readUntil("communication", "updated");
    daveEvents.readUntil("communication", "updated");
    carol.postJson(carol.link("communication/startMessaging"), "{\"to\":\"sip:dave@contoso.com\"}");
    carolEvents.readUntil("messaging", "updated");
    String accept =
        daveEvents
            .readUntil("participant", "added")
            .event("messagingInvitation", "started")
            .at("/_embedded/messagingInvitation/_links/accept/href")
            .asText();
    assertThat(dave.post(accept, null, "", Map.of()).status()).isEqualTo(204);
    carolEvents.readUntil("messagingInvitation", "completed");
    String stop =
        daveEvents
            .readUntil("messagingInvitation", "completed")
            .event("messaging", "updated")
            .at("/_embedded/messaging/_links/stopMessaging/href")
            .asText();
    assertThat(dave.post(stop, null, "", Map.of()).status()).isEqualTo(204);
    recorded.phase(
        "events-im-ended-remotely", carolEvents.readUntil("conversation", "deleted"), carol);
  }

  /** SendAnIM.md step 1's startMessaging, with a first message; returns the invitation. */
  private static String invite() {
    UcwaClient.Response started =
        alice.postJson(
            alice.link("communication/startMessaging"),
            """
        {"importance":"Normal","sessionContext":"33dc0ef6-0570-4467-bb7e-49fcbea8e944",
         "subject":"Task Sample","telemetryId":null,"to":"sip:bob@contoso.com",
         "operationId":"5028e824-2268-4b14-9e59-1abad65ff393",
         "message":"data:text/plain;charset=utf-8,Hi+Bob%0d%0a"}""");
    assertThat(started.status()).as(started.body()).isEqualTo(201);
    recorded.phase(
        "events-im-inviter-started", aliceEvents.readUntil("messaging", "updated"), alice);
    recorded.phase("events-im-invitee-started", bobEvents.readUntil("participant", "added"), bob);
    return started.header("Location");
  }

  private static void accept() {
    String accept = incoming().at("/_embedded/messagingInvitation/_links/accept/href").asText();
    assertThat(bob.post(accept, null, "", Map.of()).status()).isEqualTo(204);
    recorded.phase(
        "events-im-inviter-accepted",
        aliceEvents.readUntil("messagingInvitation", "completed"),
        alice);
    recorded.phase("events-im-invitee-accepted", bobEvents.readUntil("message", "completed"), bob);
  }

  /** SendAnIM.md step 9's sendMessage; returns the message. */
  private static String sendMessage() {
    UcwaClient.Response sent =
        alice.post(
            aliceMessaging().at("/_links/sendMessage/href").asText()
                + "?OperationContext=6b6ce55c-d4b9-4303-a61f-5813ecb2d7b1",
            "text/plain",
            "What's up?",
            Map.of());
    assertThat(sent.status()).as(sent.body()).isEqualTo(201);
    recorded.phase(
        "events-im-message-outgoing", aliceEvents.readUntil("message", "completed"), alice);
    recorded.phase("events-im-message-incoming", bobEvents.readUntil("message", "completed"), bob);
    return sent.header("Location");
  }

  private static void startTyping() {
    String messaging = received().at("/_embedded/message/_links/messaging/href").asText();
    String setIsTyping = bob.get(messaging).json().at("/_links/setIsTyping/href").asText();
    assertThat(bob.post(setIsTyping, null, "", Map.of()).status()).isEqualTo(204);
    recorded.phase("events-im-typing", aliceEvents.readUntil("participant", "added"), alice);
  }

  /** Reads every resource once, typingParticipants first while bob's typing lasts (6 s). */
  private static void readResources(String outgoingInvitation, String outgoingMessage) {
    recorded.read(
        alice,
        aliceMessaging().at("/_links/typingParticipants/href").asText(),
        "typingParticipants");
    JsonNode invitation = recorded.read(alice, outgoingInvitation, "messagingInvitation-outgoing");
    recorded.read(bob, incoming().at("/link/href").asText(), "messagingInvitation-incoming");
    JsonNode conversation =
        recorded.read(alice, invitation.at("/_links/conversation/href").asText(), "conversation");
    recorded.read(alice, alice.link("communication/conversations"), "conversations");
    recorded.read(alice, conversation.at("/_links/participants/href").asText(), "participants");
    recorded.read(
        alice, conversation.at("/_links/localParticipant/href").asText(), "localParticipant");
    recorded.read(alice, conversation.at("/_links/messaging/href").asText(), "messaging");
    recorded.read(alice, outgoingMessage, "message-outgoing");
    recorded.read(bob, received().at("/link/href").asText(), "message-incoming");
    JsonNode participant =
        recorded.read(
            bob,
            incoming()
                .at("/_embedded/messagingInvitation/_embedded/from/_links/self/href")
                .asText(),
            "participant");
    recorded.read(
        bob, participant.at("/_links/participantMessaging/href").asText(), "participantMessaging");
  }

  private static JsonNode incoming() {
    return recorded.phase("events-im-invitee-started").event("messagingInvitation", "started");
  }

  private static JsonNode aliceMessaging() {
    return recorded
        .phase("events-im-inviter-accepted")
        .event("messaging", "updated")
        .at("/_embedded/messaging");
  }

  private static JsonNode received() {
    return recorded.phase("events-im-message-incoming").event("message", "completed");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_inviter_hears_its_invitation_start_as_send_an_im_shows_it(WireFormat wire) {
    recorded.assertPhase("events-im-inviter-started", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_inviter_hears_the_acceptance_as_send_an_im_shows_it(WireFormat wire) {
    recorded.assertPhase("events-im-inviter-accepted", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_invitee_hears_the_invitation_with_its_sender_as_receive_an_im_shows_it(WireFormat wire) {
    recorded.assertPhase("events-im-invitee-started", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_invitee_hears_its_acceptance_and_the_first_message_as_receive_an_im_shows_it(
      WireFormat wire) {
    recorded.assertPhase("events-im-invitee-accepted", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_sender_hears_its_message_start_and_complete(WireFormat wire) {
    recorded.assertPhase("events-im-message-outgoing", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_recipient_hears_the_message_complete(WireFormat wire) {
    recorded.assertPhase("events-im-message-incoming", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_inviter_hears_the_invitee_start_typing(WireFormat wire) {
    recorded.assertPhase("events-im-typing", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_side_that_stays_hears_the_conversation_disconnect_before_it_is_deleted(WireFormat wire) {
    recorded.assertPhase("events-im-ended-remotely", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_outgoing_messaging_invitation_once_accepted_embeds_who_accepted_it(WireFormat wire) {
    recorded.assertServed("messagingInvitation-outgoing", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_incoming_messaging_invitation_once_accepted_embeds_who_sent_it(WireFormat wire) {
    recorded.assertServed("messagingInvitation-incoming", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_connected_conversation_matches_the_reference_sample(WireFormat wire) {
    recorded.assertServed("conversation", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_conversations_resource_matches_the_reference_sample(WireFormat wire) {
    recorded.assertServed("conversations", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_participants_resource_embeds_the_remote_participant(WireFormat wire) {
    recorded.assertServed("participants", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void a_remote_participant_matches_the_reference_sample(WireFormat wire) {
    recorded.assertServed("participant", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_local_participant_matches_the_reference_sample(WireFormat wire) {
    recorded.assertServed("localParticipant", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void a_participant_messaging_matches_the_reference_sample(WireFormat wire) {
    recorded.assertServed("participantMessaging", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_connected_messaging_modality_matches_the_reference_sample(WireFormat wire) {
    recorded.assertServed("messaging", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void an_outgoing_message_matches_the_reference_sample(WireFormat wire) {
    recorded.assertServed("message-outgoing", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void an_incoming_message_matches_the_reference_sample(WireFormat wire) {
    recorded.assertServed("message-incoming", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void typing_participants_list_who_is_typing(WireFormat wire) {
    recorded.assertServed("typingParticipants", wire);
  }
}
