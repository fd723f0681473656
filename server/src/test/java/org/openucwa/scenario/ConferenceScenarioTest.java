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

/** addParticipant over real HTTP: escalation to a conference, its roster and its messages. */
class ConferenceScenarioTest {

  private static TestServer server;
  private static int endpoints;

  @BeforeAll
  static void start() {
    server = TestServer.start(b -> b.invitationTimeout(Duration.ofSeconds(3)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static UcwaClient available(String user) {
    return server.available(user, "conference-" + (++endpoints));
  }

  /** alice invites bob, bob accepts; returns alice's conversation href. */
  static String twoParty(UcwaClient alice, UcwaClient bob, String bobUri) {
    alice.postJson(alice.link("communication/startMessaging"), "{\"to\":\"" + bobUri + "\"}");
    JsonNode inv = bob.events().await("messagingInvitation", "started").embedded();
    bob.post(inv.at("/_links/accept/href").asText(), null, "", Map.of());
    return alice
        .events()
        .await("messagingInvitation", "completed")
        .embedded()
        .at("/_links/conversation/href")
        .asText();
  }

  static EventStream.Event awaitState(UcwaClient c, String state) {
    return c.events()
        .await(
            e ->
                e.rel().equals("conversation") && e.embedded().path("state").asText().equals(state),
            Duration.ofSeconds(15));
  }

  @Test
  void adding_a_third_user_escalates_to_a_conference_that_all_three_share() {
    UcwaClient alice = available("alice");
    UcwaClient bob = available("bob");
    UcwaClient carol = available("carol");
    String conversation = twoParty(alice, bob, "sip:bob@contoso.com");
    JsonNode before = alice.get(conversation).json();
    String threadId = before.get("threadId").asText();

    UcwaClient.Response added =
        alice.postJson(
            before.at("/_links/addParticipant/href").asText(),
            "{\"to\":\"sip:carol@contoso.com\",\"operationId\":\"add-carol\"}");

    assertThat(added.status()).as(added.body()).isEqualTo(201);
    String invitationHref = added.header("Location");
    EventStream.Event started = alice.events().await("participantInvitation", "started");
    assertThat(started.href()).isEqualTo(invitationHref);
    assertThat(started.embedded().get("operationId").asText()).isEqualTo("add-carol");
    assertThat(started.embedded().get("state").asText()).isEqualTo("Connecting");
    assertThat(started.embedded().get("direction").asText()).isEqualTo("Outgoing");
    assertThat(started.embedded().at("/_embedded/from/uri").asText())
        .isEqualTo("sip:alice@contoso.com");
    JsonNode aliceConference = awaitState(alice, "Conferenced").embedded();
    assertThat(aliceConference.get("threadId").asText()).isEqualTo(threadId);
    assertThat(aliceConference.at("/_links/leaders/href").asText()).isNotEmpty();
    assertThat(awaitState(bob, "Conferenced").embedded().get("threadId").asText())
        .isEqualTo(threadId);

    JsonNode meeting = carol.events().await("onlineMeetingInvitation", "started").embedded();
    assertThat(meeting.get("direction").asText()).isEqualTo("Incoming");
    assertThat(meeting.get("onlineMeetingUri").asText()).contains("app:conf:focus:id:");
    assertThat(meeting.at("/_embedded/from/name").asText()).isEqualTo("Alice Test");
    assertThat(meeting.get("threadId").asText()).isEqualTo(threadId);
    assertThat(meeting.get("availableModalities").get(0).asText()).isEqualTo("Messaging");
    assertThat(carol.post(meeting.at("/_links/accept/href").asText(), null, "", Map.of()).status())
        .isEqualTo(204);

    JsonNode carolConversation = awaitState(carol, "Conferenced").embedded();
    assertThat(
            carol
                .events()
                .await("onlineMeetingInvitation", "completed")
                .body()
                .get("status")
                .asText())
        .isEqualTo("Success");
    JsonNode roster = carol.get(carolConversation.at("/_links/participants/href").asText()).json();
    assertThat(roster.at("/_embedded/participant"))
        .extracting(p -> p.get("uri").asText())
        .containsExactlyInAnyOrder("sip:alice@contoso.com", "sip:bob@contoso.com");

    EventStream.Event carolAdded =
        alice
            .events()
            .await(
                e ->
                    e.rel().equals("participant")
                        && e.type().equals("added")
                        && e.body().at("/link/title").asText().equals("Carol Test"),
                Duration.ofSeconds(10));
    assertThat(carolAdded).isNotNull();
    EventStream.Event completed = alice.events().await("participantInvitation", "completed");
    assertThat(completed.body().get("status").asText()).isEqualTo("Success");
    assertThat(completed.embedded().at("/_embedded/acceptedByParticipant/0/uri").asText())
        .isEqualTo("sip:carol@contoso.com");
    assertThat(completed.embedded().at("/_links/participant/href").asText())
        .endsWith("/participants/carol@contoso.com");
    assertThat(alice.get(invitationHref).json().get("state").asText()).isEqualTo("Connected");

    bob.events()
        .await(
            e ->
                e.rel().equals("participant")
                    && e.type().equals("added")
                    && e.body().at("/link/title").asText().equals("Carol Test"),
            Duration.ofSeconds(10));
    JsonNode bobMessaging =
        bob.get(bob.events().last("conversation", "updated").href() + "/messaging").json();
    bob.post(
        bobMessaging.at("/_links/sendMessage/href").asText(), "text/plain", "hi all", Map.of());
    for (UcwaClient other : new UcwaClient[] {alice, carol}) {
      EventStream.Event m =
          other
              .events()
              .await(
                  e ->
                      e.rel().equals("message")
                          && e.embedded().path("direction").asText().equals("Incoming"),
                  Duration.ofSeconds(10));
      assertThat(m.embedded().at("/_links/plainMessage/href").asText()).endsWith(",hi+all");
      assertThat(m.embedded().at("/_links/participant/title").asText()).isEqualTo("Bob Test");
    }
  }

  @Test
  void when_two_members_invite_the_same_user_canceling_one_leaves_the_other_standing() {
    UcwaClient alice = available("alice");
    UcwaClient bob = available("bob");
    UcwaClient dave = available("dave");
    String conversation = twoParty(alice, bob, "sip:bob@contoso.com");
    alice.postJson(
        alice.get(conversation).json().at("/_links/addParticipant/href").asText(),
        "{\"to\":\"sip:dave@contoso.com\"}");
    String fromAlice = alice.events().await("participantInvitation", "started").href();
    JsonNode bobConversation = awaitState(bob, "Conferenced").embedded();
    UcwaClient.Response byBob =
        bob.postJson(
            bobConversation.at("/_links/addParticipant/href").asText(),
            "{\"to\":\"sip:dave@contoso.com\"}");
    assertThat(byBob.status()).as(byBob.body()).isEqualTo(201);
    JsonNode first = dave.events().await("onlineMeetingInvitation", "started").embedded();
    JsonNode second = dave.events().await("onlineMeetingInvitation", "started").embedded();
    JsonNode bobs = first.at("/_embedded/from/name").asText().equals("Bob Test") ? first : second;

    alice.post(fromAlice + "/cancel", null, "", Map.of());

    EventStream.Event withdrawn = dave.events().await("onlineMeetingInvitation", "completed");
    assertThat(withdrawn.embedded().at("/_embedded/from/name").asText()).isEqualTo("Alice Test");
    assertThat(withdrawn.body().at("/reason/subcode").asText()).isEqualTo("Canceled");
    assertThat(dave.get(bobs.at("/_links/self/href").asText()).json().get("state").asText())
        .isEqualTo("Connecting");
    assertThat(dave.post(bobs.at("/_links/accept/href").asText(), null, "", Map.of()).status())
        .isEqualTo(204);
    assertThat(
            bob.events().await("participantInvitation", "completed").body().get("status").asText())
        .isEqualTo("Success");
  }
}
