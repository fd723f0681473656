package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.EventStream;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/** Every way a messaging invitation can end other than plain acceptance, over real HTTP. */
class InvitationOutcomesScenarioTest {

  private static TestServer server;
  private static int endpoints;

  @BeforeAll
  static void start() {
    server = TestServer.start(b -> b.invitationTimeout(Duration.ofSeconds(2)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static UcwaClient app(String user, boolean available) {
    UcwaClient c = server.client(user);
    c.createApplication("outcomes-" + (++endpoints));
    if (available) {
      c.makeAvailable();
    }
    c.events().drain();
    return c;
  }

  private static String invite(UcwaClient from, String to) {
    UcwaClient.Response r =
        from.postJson(
            from.link("communication/startMessaging"),
            "{\"to\":\"" + to + "\",\"operationId\":\"op\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.header("Location");
  }

  private static JsonNode failure(UcwaClient inviter) {
    EventStream.Event done = inviter.events().await("messagingInvitation", "completed");
    assertThat(done.body().get("status").asText()).isEqualTo("Failure");
    return done.body().get("reason");
  }

  private static JsonNode incoming(UcwaClient invitee) {
    return invitee.events().await("messagingInvitation", "started").embedded();
  }

  private static void delete(UcwaClient c) {
    c.delete(c.link("self"));
  }

  @Test
  void a_declined_invitation_fails_with_subcode_declined() {
    UcwaClient alice = app("alice", true);
    UcwaClient bob = app("bob", true);
    invite(alice, "sip:bob@contoso.com");

    JsonNode inv = incoming(bob);
    assertThat(
            bob.postJson(inv.at("/_links/decline/href").asText(), "{\"reason\":\"Local\"}")
                .status())
        .isEqualTo(204);

    assertThat(failure(alice).get("subcode").asText()).isEqualTo("Declined");
    assertThat(bob.events().await("conversation", "deleted")).isNotNull();
    JsonNode conversation = alice.events().last("conversation", "updated").embedded();
    assertThat(conversation.get("state").asText()).isEqualTo("Disconnected");
    assertThat(alice.events().last("messaging", "updated").embedded().get("state").asText())
        .isEqualTo("Disconnected");
    delete(alice);
    delete(bob);
  }

  @Test
  void an_unanswered_invitation_times_out_and_is_withdrawn_from_the_invitee() {
    UcwaClient carol = app("carol", true);
    UcwaClient dave = app("dave", true);
    invite(carol, "sip:dave@contoso.com");
    String invitation = dave.events().await("messagingInvitation", "started").href();

    assertThat(failure(carol).get("subcode").asText()).isEqualTo("Timeout");
    EventStream.Event withdrawn = dave.events().await("messagingInvitation", "completed");
    assertThat(withdrawn.body().get("status").asText()).isEqualTo("Failure");
    assertThat(withdrawn.body().at("/reason/subcode").asText()).isEqualTo("Timeout");
    dave.events().await("conversation", "deleted");
    assertThat(dave.post(invitation + "/accept", null, "", Map.of()).status()).isEqualTo(409);
    delete(carol);
    delete(dave);
  }

  @Test
  void a_canceled_invitation_fails_canceled_on_both_sides_and_cannot_be_accepted_afterwards() {
    UcwaClient alice = app("alice", true);
    UcwaClient bob = app("bob", true);
    invite(alice, "sip:bob@contoso.com");
    JsonNode outgoing = alice.events().await("messagingInvitation", "started").embedded();
    JsonNode inv = incoming(bob);

    assertThat(alice.post(outgoing.at("/_links/cancel/href").asText(), null, "", Map.of()).status())
        .isEqualTo(204);

    assertThat(failure(alice).get("subcode").asText()).isEqualTo("Canceled");
    assertThat(
            bob.events()
                .await("messagingInvitation", "completed")
                .body()
                .at("/reason/subcode")
                .asText())
        .isEqualTo("Canceled");
    UcwaClient.Response late =
        alice.post(outgoing.at("/_links/cancel/href").asText(), null, "", Map.of());
    assertThat(late.status()).isEqualTo(409);
    assertThat(alice.get(outgoing.at("/_links/self/href").asText()).json().get("state").asText())
        .isEqualTo("Cancelled");
    delete(alice);
    delete(bob);
  }

  @Test
  void an_invitee_without_an_available_application_fails_promptly() {
    UcwaClient carol = app("carol", true);
    UcwaClient dave = app("dave", false);
    invite(carol, "sip:dave@contoso.com");

    assertThat(failure(carol).get("subcode").asText()).isEqualTo("TemporarilyUnavailable");
    assertThat(dave.events().drain()).noneMatch(e -> e.rel().equals("messagingInvitation"));
    delete(carol);
    delete(dave);
  }

  @Test
  void an_unknown_user_fails_with_destination_not_found() {
    UcwaClient alice = app("alice", true);
    invite(alice, "sip:nobody@contoso.com");

    assertThat(failure(alice).get("subcode").asText()).isEqualTo("DestinationNotFound");
    delete(alice);
  }

  @Test
  void inviting_oneself_or_a_malformed_uri_is_refused_and_changes_nothing() {
    UcwaClient alice = app("alice", true);
    String start = alice.link("communication/startMessaging");

    UcwaClient.Response self = alice.postJson(start, "{\"to\":\"sip:alice@contoso.com\"}");
    UcwaClient.Response malformed = alice.postJson(start, "{\"to\":\"bob\"}");
    UcwaClient.Response missing = alice.postJson(start, "{\"subject\":\"hi\"}");
    UcwaClient.Response longSubject =
        alice.postJson(
            start, "{\"to\":\"sip:bob@contoso.com\",\"subject\":\"" + "s".repeat(251) + "\"}");
    UcwaClient.Response longOperation =
        alice.postJson(
            start, "{\"to\":\"sip:bob@contoso.com\",\"operationId\":\"" + "o".repeat(51) + "\"}");
    UcwaClient.Response badMessage =
        alice.postJson(start, "{\"to\":\"sip:bob@contoso.com\",\"message\":\"hello\"}");

    for (UcwaClient.Response r :
        new UcwaClient.Response[] {
          self, malformed, missing, longSubject, longOperation, badMessage
        }) {
      assertThat(r.status()).as(r.body()).isEqualTo(400);
      assertThat(r.json().get("subcode").asText()).isEqualTo("ParameterValidationFailure");
    }
    assertThat(longSubject.json().at("/parameters/subject").isMissingNode()).isFalse();
    assertThat(longOperation.json().at("/parameters/operationId").isMissingNode()).isFalse();
    assertThat(
            alice
                .get(alice.link("communication/conversations"))
                .json()
                .at("/_links/conversation")
                .size())
        .isZero();
    assertThat(alice.events().drain()).isEmpty();
    delete(alice);
  }

  @Test
  void with_two_applications_the_invitee_gets_it_on_both_and_the_other_ends_on_accept() {
    UcwaClient alice = app("alice", true);
    UcwaClient bobDesk = app("bob", true);
    UcwaClient bobPhone = app("bob", true);
    invite(alice, "sip:bob@contoso.com");

    JsonNode onDesk = incoming(bobDesk);
    incoming(bobPhone);
    assertThat(bobDesk.post(onDesk.at("/_links/accept/href").asText(), null, "", Map.of()).status())
        .isEqualTo(204);

    EventStream.Event elsewhere = bobPhone.events().await("messagingInvitation", "completed");
    assertThat(elsewhere.body().get("status").asText()).isEqualTo("Failure");
    assertThat(elsewhere.body().at("/reason/subcode").asText()).isEqualTo("ConnectedElsewhere");
    bobPhone.events().await("conversation", "deleted");
    assertThat(
            alice.events().await("messagingInvitation", "completed").body().get("status").asText())
        .isEqualTo("Success");
    delete(alice);
    delete(bobDesk);
    delete(bobPhone);
  }

  @Test
  void typing_is_seen_by_the_other_side_and_a_failed_conversation_can_restart_messaging() {
    UcwaClient carol = app("carol", true);
    UcwaClient dave = app("dave", true);
    invite(carol, "sip:dave@contoso.com");
    JsonNode inv = incoming(dave);
    dave.post(inv.at("/_links/decline/href").asText(), null, "", Map.of());
    failure(carol);
    JsonNode messaging = carol.events().last("messaging", "updated").embedded();
    assertThat(messaging.get("state").asText()).isEqualTo("Disconnected");

    UcwaClient.Response again =
        carol.postJson(
            messaging.at("/_links/addMessaging/href").asText(), "{\"operationId\":\"again\"}");
    assertThat(again.status()).isEqualTo(201);
    assertThat(
            carol
                .events()
                .await("messagingInvitation", "started")
                .embedded()
                .get("operationId")
                .asText())
        .isEqualTo("again");
    JsonNode second = incoming(dave);
    dave.post(second.at("/_links/accept/href").asText(), null, "", Map.of());
    JsonNode connected =
        carol
            .events()
            .await(
                e ->
                    e.rel().equals("messaging")
                        && e.embedded().path("state").asText().equals("Connected"),
                Duration.ofSeconds(10))
            .embedded();

    assertThat(
            carol
                .post(connected.at("/_links/setIsTyping/href").asText(), null, "", Map.of())
                .status())
        .isEqualTo(204);

    EventStream.Event typing =
        dave.events()
            .await(
                e ->
                    e.rel().equals("participant")
                        && e.body().at("/in/rel").asText().equals("typingParticipants"),
                Duration.ofSeconds(10));
    assertThat(typing.body().at("/in/rel").asText()).isEqualTo("typingParticipants");
    assertThat(typing.body().at("/link/title").asText()).isEqualTo("Carol Test");
    String typingHref = typing.body().at("/in/href").asText();
    assertThat(dave.get(typingHref).json().at("/_links/participant/0/title").asText())
        .isEqualTo("Carol Test");

    carol.post(connected.at("/_links/stopMessaging/href").asText(), null, "", Map.of());
    dave.events().await("conversation", "deleted");
    delete(carol);
    delete(dave);
  }

  @Test
  void messages_are_refused_when_too_large_or_of_another_type_and_nothing_is_sent() {
    UcwaClient alice = app("alice", true);
    UcwaClient bob = app("bob", true);
    invite(alice, "sip:bob@contoso.com");
    bob.post(incoming(bob).at("/_links/accept/href").asText(), null, "", Map.of());
    JsonNode messaging =
        alice
            .events()
            .await(
                e ->
                    e.rel().equals("messaging")
                        && e.embedded().path("state").asText().equals("Connected"),
                Duration.ofSeconds(10))
            .embedded();
    String send = messaging.at("/_links/sendMessage/href").asText();

    UcwaClient.Response tooLarge = alice.post(send, "text/plain", "x".repeat(65_537), Map.of());
    UcwaClient.Response json = alice.post(send, "application/json", "{}", Map.of());
    UcwaClient.Response longOperation =
        alice.post(send + "?operationId=" + "o".repeat(51), "text/plain", "hi", Map.of());

    assertThat(tooLarge.status()).isEqualTo(400);
    assertThat(tooLarge.json().at("/parameters/message").isMissingNode()).isFalse();
    assertThat(json.status()).isEqualTo(415);
    assertThat(longOperation.status()).isEqualTo(400);
    assertThat(bob.events().drain()).noneMatch(e -> e.rel().equals("message"));
    delete(alice);
    delete(bob);
  }

  @Test
  void when_the_inviter_deletes_its_application_the_other_side_ends_too() {
    UcwaClient alice = app("alice", true);
    UcwaClient bob = app("bob", true);
    invite(alice, "sip:bob@contoso.com");
    bob.post(incoming(bob).at("/_links/accept/href").asText(), null, "", Map.of());
    alice.events().await("messagingInvitation", "completed");

    delete(alice);

    EventStream.Event gone = bob.events().await("conversation", "deleted");
    assertThat(gone.body().at("/reason/subcode").asText()).isEqualTo("CallTerminated");
    delete(bob);
  }
}
