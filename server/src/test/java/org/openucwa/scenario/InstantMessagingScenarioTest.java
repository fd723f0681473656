package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.EventStream;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/** Two users talk over real HTTP, as SendAnIM.md and ReceiveAnIM.md walk through it. */
class InstantMessagingScenarioTest {

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
  void an_invitation_accepted_lets_messages_flow_both_ways_until_one_side_stops() {
    UcwaClient alice = server.available("alice", "im-accept-a");
    UcwaClient bob = server.available("bob", "im-accept-b");

    UcwaClient.Response started =
        alice.postJson(
            alice.link("communication/startMessaging"),
            "{\"to\":\"sip:bob@contoso.com\",\"subject\":\"Task Sample\",\"importance\":\"Normal\","
                + "\"operationId\":\"op-1\",\"sessionContext\":\"ctx\",\"telemetryId\":null,"
                + "\"message\":\"data:text/plain,Hello+Bob\"}");
    assertThat(started.status()).isEqualTo(201);
    String invitationHref = started.header("Location");

    EventStream.Event outgoing = alice.events().await("messagingInvitation", "started");
    assertThat(outgoing.sender()).isEqualTo("communication");
    assertThat(outgoing.href()).isEqualTo(invitationHref);
    assertThat(outgoing.embedded().get("operationId").asText()).isEqualTo("op-1");
    assertThat(outgoing.embedded().get("state").asText()).isEqualTo("Connecting");
    assertThat(alice.events().await("conversation", "added").embedded().get("state").asText())
        .isEqualTo("Connecting");
    alice.events().await("localParticipant", "added");
    assertThat(alice.events().await("messaging", "updated").embedded().get("state").asText())
        .isEqualTo("Connecting");

    EventStream.Event incoming = bob.events().await("messagingInvitation", "started");
    JsonNode invitation = incoming.embedded();
    assertThat(invitation.get("direction").asText()).isEqualTo("Incoming");
    assertThat(invitation.at("/_embedded/from/name").asText()).isEqualTo("Alice Test");
    assertThat(invitation.at("/_embedded/from/_links/contact/href").asText())
        .endsWith("/people/alice@contoso.com");
    assertThat(invitation.at("/_links/message/href").asText())
        .isEqualTo("data:text/plain;charset=utf-8,Hello+Bob");
    assertThat(invitation.get("subject").asText()).isEqualTo("Task Sample");
    assertThat(bob.events().await("conversation", "added").embedded().get("state").asText())
        .isEqualTo("Incoming");

    assertThat(bob.post(invitation.at("/_links/accept/href").asText(), null, "", Map.of()).status())
        .isEqualTo(204);

    JsonNode conversation = alice.events().await("conversation", "updated").embedded();
    assertThat(conversation.get("state").asText()).isEqualTo("Connected");
    assertThat(conversation.get("activeModalities").get(0).asText()).isEqualTo("Messaging");
    assertThat(alice.events().await("participant", "added").body().at("/link/title").asText())
        .isEqualTo("Bob Test");
    JsonNode messaging = alice.events().await("messaging", "updated").embedded();
    assertThat(messaging.get("state").asText()).isEqualTo("Connected");
    assertThat(messaging.at("/_links/sendMessage/href").asText()).isNotEmpty();
    assertThat(messaging.at("/_links/stopMessaging/href").asText()).isNotEmpty();
    EventStream.Event completed = alice.events().await("messagingInvitation", "completed");
    assertThat(completed.body().get("status").asText()).isEqualTo("Success");
    assertThat(completed.embedded().at("/_embedded/acceptedByParticipant/0/uri").asText())
        .isEqualTo("sip:bob@contoso.com");

    EventStream.Event firstMessage = bob.events().await("message", "completed");
    assertThat(firstMessage.embedded().at("/_links/plainMessage/href").asText())
        .isEqualTo("data:text/plain;charset=utf-8,Hello+Bob");

    String aliceConversation = conversation.at("/_links/self/href").asText();
    JsonNode aliceMessaging = alice.get(aliceConversation + "/messaging").json();
    UcwaClient.Response sent =
        alice.post(
            aliceMessaging.at("/_links/sendMessage/href").asText() + "?operationId=m1",
            "text/plain",
            "What's up?",
            Map.of());
    assertThat(sent.status()).isEqualTo(201);
    assertThat(alice.events().await("message", "started").embedded().get("direction").asText())
        .isEqualTo("Outgoing");
    assertThat(alice.events().await("message", "completed").body().get("status").asText())
        .isEqualTo("Success");
    EventStream.Event received = bob.events().await("message", "completed");
    assertThat(received.embedded().at("/_links/plainMessage/href").asText())
        .isEqualTo("data:text/plain;charset=utf-8,What%27s+up%3F");
    assertThat(received.embedded().at("/_links/participant/title").asText())
        .isEqualTo("Alice Test");

    String bobConversation =
        bob.events().all().stream()
            .filter(e -> e.rel().equals("conversation"))
            .findFirst()
            .orElseThrow()
            .href();
    JsonNode bobMessaging = bob.get(bobConversation + "/messaging").json();
    assertThat(
            bob.post(
                    bobMessaging.at("/_links/sendMessage/href").asText(),
                    "text/html",
                    "<b>fine</b>",
                    Map.of())
                .status())
        .isEqualTo(201);
    assertThat(
            alice
                .events()
                .await(
                    e ->
                        e.rel().equals("message")
                            && e.embedded().path("direction").asText().equals("Incoming"),
                    java.time.Duration.ofSeconds(10))
                .embedded()
                .at("/_links/htmlMessage/href")
                .asText())
        .isEqualTo("data:text/html;charset=utf-8,%3Cb%3Efine%3C%2Fb%3E");

    assertThat(
            bob.post(bobMessaging.at("/_links/stopMessaging/href").asText(), null, "", Map.of())
                .status())
        .isEqualTo(204);
    alice.events().await("conversation", "deleted");
    bob.events().await("conversation", "deleted");
    assertThat(alice.get(aliceConversation).status()).isEqualTo(404);
  }

  private static JsonNode connect(UcwaClient inviter, UcwaClient invitee, String to) {
    inviter.postJson(inviter.link("communication/startMessaging"), "{\"to\":\"" + to + "\"}");
    JsonNode invitation = invitee.events().await("messagingInvitation", "started").embedded();
    invitee.post(invitation.at("/_links/accept/href").asText(), null, "", Map.of());
    return inviter
        .events()
        .await(
            e ->
                e.rel().equals("messaging")
                    && e.embedded().path("state").asText().equals("Connected"),
            java.time.Duration.ofSeconds(10))
        .embedded();
  }

  @Test
  void messages_arrive_in_the_order_they_were_sent() {
    UcwaClient carol = server.available("carol", "im-order-c");
    UcwaClient dave = server.available("dave", "im-order-d");
    JsonNode messaging = connect(carol, dave, "sip:dave@contoso.com");
    String send = messaging.at("/_links/sendMessage/href").asText();

    for (int i = 0; i < 20; i++) {
      assertThat(carol.post(send, "text/plain", "message " + i, Map.of()).status()).isEqualTo(201);
    }

    java.util.List<String> received = new java.util.ArrayList<>();
    while (received.size() < 20) {
      received.add(
          dave.events()
              .await("message", "completed")
              .embedded()
              .at("/_links/plainMessage/href")
              .asText());
    }
    for (int i = 0; i < 20; i++) {
      assertThat(received.get(i)).endsWith(",message+" + i);
    }
  }

  @Test
  void another_users_token_sees_nothing_of_a_conversation() {
    UcwaClient alice = server.available("alice", "im-private-a");
    UcwaClient bob = server.available("bob", "im-private-b");
    JsonNode messaging = connect(alice, bob, "sip:bob@contoso.com");
    UcwaClient carol = server.client("carol");
    carol.signIn();

    for (String href :
        new String[] {
          messaging.at("/_links/self/href").asText(),
          messaging.at("/_links/conversation/href").asText()
        }) {
      UcwaClient.Response r = carol.get(href);
      assertThat(r.status()).isEqualTo(404);
      assertThat(r.json().get("subcode").asText()).isEqualTo("ApplicationNotFound");
      assertThat(r.body()).doesNotContain("Alice");
    }
    UcwaClient.Response send =
        carol.post(
            messaging.at("/_links/sendMessage/href").asText(), "text/plain", "intrusion", Map.of());
    assertThat(send.status()).isEqualTo(404);
    assertThat(bob.events().drain()).noneMatch(e -> e.rel().equals("message"));
  }
}
