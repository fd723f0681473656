package org.openucwa.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
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
  private static final Map<String, EventPhases.Phase> phases = new HashMap<>();

  /** Served documents by expected file name, then by media type. */
  private static final Map<String, Map<String, UcwaClient.Response>> served = new HashMap<>();

  private static final Map<String, WireAssert> ids = new HashMap<>();

  @BeforeAll
  static void exchange() {
    server = TestServer.start();
    alice = available("alice", "wire-im-alice");
    bob = available("bob", "wire-im-bob");
    aliceEvents = new EventPhases(alice);
    bobEvents = new EventPhases(bob);
    aliceEvents.readUntil("communication", "updated");
    bobEvents.readUntil("communication", "updated");

    String invitation = invite();
    accept();
    String message = sendMessage();
    startTyping();
    readResources(invitation, message);
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
    phase("events-im-inviter-started", aliceEvents.readUntil("messaging", "updated"), alice);
    phase("events-im-invitee-started", bobEvents.readUntil("participant", "added"), bob);
    return started.header("Location");
  }

  private static void accept() {
    String accept = incoming().at("/_embedded/messagingInvitation/_links/accept/href").asText();
    assertThat(bob.post(accept, null, "", Map.of()).status()).isEqualTo(204);
    phase(
        "events-im-inviter-accepted",
        aliceEvents.readUntil("messagingInvitation", "completed"),
        alice);
    phase("events-im-invitee-accepted", bobEvents.readUntil("message", "completed"), bob);
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
    phase("events-im-message-outgoing", aliceEvents.readUntil("message", "completed"), alice);
    phase("events-im-message-incoming", bobEvents.readUntil("message", "completed"), bob);
    return sent.header("Location");
  }

  private static void startTyping() {
    String messaging = received().at("/_embedded/message/_links/messaging/href").asText();
    String setIsTyping = bob.get(messaging).json().at("/_links/setIsTyping/href").asText();
    assertThat(bob.post(setIsTyping, null, "", Map.of()).status()).isEqualTo(204);
    phase("events-im-typing", aliceEvents.readUntil("participant", "added"), alice);
  }

  /** Reads every resource once, typingParticipants first while bob's typing lasts (6 s). */
  private static void readResources(String outgoingInvitation, String outgoingMessage) {
    read(
        alice,
        aliceMessaging().at("/_links/typingParticipants/href").asText(),
        "typingParticipants");
    JsonNode invitation = read(alice, outgoingInvitation, "messagingInvitation-outgoing");
    read(bob, incoming().at("/link/href").asText(), "messagingInvitation-incoming");
    JsonNode conversation =
        read(alice, invitation.at("/_links/conversation/href").asText(), "conversation");
    read(alice, alice.link("communication/conversations"), "conversations");
    read(alice, conversation.at("/_links/participants/href").asText(), "participants");
    read(alice, conversation.at("/_links/localParticipant/href").asText(), "localParticipant");
    read(alice, conversation.at("/_links/messaging/href").asText(), "messaging");
    read(alice, outgoingMessage, "message-outgoing");
    read(bob, received().at("/link/href").asText(), "message-incoming");
    JsonNode participant =
        read(
            bob,
            incoming()
                .at("/_embedded/messagingInvitation/_embedded/from/_links/self/href")
                .asText(),
            "participant");
    read(bob, participant.at("/_links/participantMessaging/href").asText(), "participantMessaging");
  }

  private static JsonNode incoming() {
    return phases.get("events-im-invitee-started").event("messagingInvitation", "started");
  }

  private static JsonNode aliceMessaging() {
    return phases
        .get("events-im-inviter-accepted")
        .event("messaging", "updated")
        .at("/_embedded/messaging");
  }

  private static JsonNode received() {
    return phases.get("events-im-message-incoming").event("message", "completed");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static UcwaClient available(String user, String endpointId) {
    UcwaClient c = server.client(user);
    c.createApplication(endpointId);
    c.makeAvailable();
    return c;
  }

  private static void phase(String name, EventPhases.Phase phase, UcwaClient client) {
    phases.put(name, phase);
    ids.put(name, idsOf(client));
  }

  /** GETs with the four media types and keeps the answers; returns the JSON one. */
  private static JsonNode read(UcwaClient client, String href, String name) {
    Map<String, UcwaClient.Response> answers = new LinkedHashMap<>();
    for (WireFormat wire : WireFormat.values()) {
      for (String mediaType : wire.mediaTypes()) {
        answers.put(mediaType, client.get(href, Map.of("Accept", mediaType)));
      }
    }
    served.put(name, answers);
    ids.put(name, idsOf(client));
    return answers.get(WireFormat.JSON.generic).json();
  }

  private static WireAssert idsOf(UcwaClient client) {
    return WireAssert.wire().with("app", client.application().get("id").asText());
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_inviter_hears_its_invitation_start_as_send_an_im_shows_it(WireFormat wire) {
    assertPhase("events-im-inviter-started", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_inviter_hears_the_acceptance_as_send_an_im_shows_it(WireFormat wire) {
    assertPhase("events-im-inviter-accepted", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_invitee_hears_the_invitation_with_its_sender_as_receive_an_im_shows_it(WireFormat wire) {
    assertPhase("events-im-invitee-started", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_invitee_hears_its_acceptance_and_the_first_message_as_receive_an_im_shows_it(
      WireFormat wire) {
    assertPhase("events-im-invitee-accepted", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_sender_hears_its_message_start_and_complete(WireFormat wire) {
    assertPhase("events-im-message-outgoing", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_recipient_hears_the_message_complete(WireFormat wire) {
    assertPhase("events-im-message-incoming", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_inviter_hears_the_invitee_start_typing(WireFormat wire) {
    assertPhase("events-im-typing", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_outgoing_messaging_invitation_once_accepted_embeds_who_accepted_it(WireFormat wire) {
    assertServed("messagingInvitation-outgoing", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_incoming_messaging_invitation_once_accepted_embeds_who_sent_it(WireFormat wire) {
    assertServed("messagingInvitation-incoming", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_connected_conversation_matches_the_reference_sample(WireFormat wire) {
    assertServed("conversation", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_conversations_resource_matches_the_reference_sample(WireFormat wire) {
    assertServed("conversations", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_participants_resource_embeds_the_remote_participant(WireFormat wire) {
    assertServed("participants", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void a_remote_participant_matches_the_reference_sample(WireFormat wire) {
    assertServed("participant", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_local_participant_matches_the_reference_sample(WireFormat wire) {
    assertServed("localParticipant", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void a_participant_messaging_matches_the_reference_sample(WireFormat wire) {
    assertServed("participantMessaging", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void the_connected_messaging_modality_matches_the_reference_sample(WireFormat wire) {
    assertServed("messaging", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void an_outgoing_message_matches_the_reference_sample(WireFormat wire) {
    assertServed("message-outgoing", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void an_incoming_message_matches_the_reference_sample(WireFormat wire) {
    assertServed("message-incoming", wire);
  }

  @ParameterizedTest
  @EnumSource(WireFormat.class)
  void typing_participants_list_who_is_typing(WireFormat wire) {
    assertServed("typingParticipants", wire);
  }

  private static void assertPhase(String name, WireFormat wire) {
    EventPhases.Phase phase = phases.get(name);
    wire.check(
        ids.get(name), name, wire == WireFormat.JSON ? phase.json().toString() : phase.xml());
  }

  /** Both media types of the format were answered 200, in that media type, as the file says. */
  private static void assertServed(String name, WireFormat wire) {
    for (String mediaType : wire.mediaTypes()) {
      UcwaClient.Response r = served.get(name).get(mediaType);
      assertThat(r.status()).as("GET %s as %s: %s", name, mediaType, r.body()).isEqualTo(200);
      assertThat(mediaType(r)).as("Content-Type of %s", name).isEqualTo(mediaType);
      wire.check(ids.get(name), name, r.body());
    }
  }

  private static String mediaType(UcwaClient.Response r) {
    String contentType = r.header("Content-Type");
    assertThat(contentType).as("Content-Type").isNotNull();
    int semi = contentType.indexOf(';');
    return (semi < 0 ? contentType : contentType.substring(0, semi))
        .trim()
        .toLowerCase(Locale.ROOT);
  }
}
