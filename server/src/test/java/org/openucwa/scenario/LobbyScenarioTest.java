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

/** Ad hoc meetings started directly, joined by their URI, and their lobby, over real HTTP. */
class LobbyScenarioTest {

  private static TestServer server;
  private static int endpoints;

  @BeforeAll
  static void start() {
    server = TestServer.start(b -> b.invitationTimeout(Duration.ofSeconds(10)));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static UcwaClient available(String user) {
    return server.available(user, "lobby-" + (++endpoints));
  }

  private static JsonNode startMeeting(UcwaClient organizer, String accessLevel) {
    UcwaClient.Response r =
        organizer.postJson(
            organizer.link("communication/startOnlineMeeting"),
            "{\"subject\":\"Standup\",\"operationId\":\"meet\",\"accessLevel\":\""
                + accessLevel
                + "\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    EventStream.Event started = organizer.events().await("onlineMeetingInvitation", "started");
    assertThat(started.embedded().get("operationId").asText()).isEqualTo("meet");
    assertThat(
            organizer
                .events()
                .await("onlineMeetingInvitation", "completed")
                .body()
                .get("status")
                .asText())
        .isEqualTo("Success");
    return organizer.events().last("conversation", "updated").embedded();
  }

  private static EventStream.Event awaitParticipant(UcwaClient c, String type, String title) {
    return c.events()
        .await(
            e ->
                e.rel().equals("participant")
                    && e.type().equals(type)
                    && e.body().at("/link/title").asText().equals(title),
            Duration.ofSeconds(10));
  }

  @Test
  void in_a_locked_meeting_invitees_wait_in_the_lobby_until_a_leader_admits_or_rejects_them() {
    UcwaClient alice = available("alice");
    UcwaClient bob = available("bob");
    UcwaClient carol = available("carol");
    JsonNode meeting = startMeeting(alice, "Locked");
    assertThat(meeting.get("state").asText()).isEqualTo("Conferenced");
    String add = meeting.at("/_links/addParticipant/href").asText();

    alice.postJson(add, "{\"to\":\"sip:bob@contoso.com\",\"operationId\":\"bob\"}");
    JsonNode bobInvitation = bob.events().await("onlineMeetingInvitation", "started").embedded();
    bob.post(bobInvitation.at("/_links/accept/href").asText(), null, "", Map.of());

    assertThat(
            bob.events()
                .await(
                    e ->
                        e.rel().equals("conversation")
                            && e.embedded().path("state").asText().equals("InLobby"),
                    Duration.ofSeconds(10)))
        .isNotNull();
    EventStream.Event waiting = awaitParticipant(alice, "added", "Bob Test");
    JsonNode bobSeen = alice.get(waiting.href()).json();
    assertThat(bobSeen.get("inLobby").asBoolean()).isTrue();
    assertThat(
            alice
                .get(meeting.at("/_links/lobby/href").asText())
                .json()
                .at("/_links/participant/0/title")
                .asText())
        .isEqualTo("Bob Test");
    EventStream.Event updated = alice.events().await("participantInvitation", "updated");
    assertThat(updated.embedded().get("state").asText()).isEqualTo("Connecting");
    assertThat(updated.embedded().at("/_links/participant/title").asText()).isEqualTo("Bob Test");
    assertThat(alice.events().drain())
        .noneMatch(e -> e.rel().equals("participantInvitation") && e.type().equals("completed"));

    assertThat(alice.post(bobSeen.at("/_links/admit/href").asText(), null, "", Map.of()).status())
        .isEqualTo(204);

    bob.events()
        .await(
            e ->
                e.rel().equals("conversation")
                    && e.embedded().path("state").asText().equals("Conferenced"),
            Duration.ofSeconds(10));
    EventStream.Event admitted = alice.events().await("participantInvitation", "completed");
    assertThat(admitted.body().get("status").asText()).isEqualTo("Success");
    assertThat(alice.get(waiting.href()).json().get("inLobby").asBoolean()).isFalse();

    alice.postJson(add, "{\"to\":\"sip:carol@contoso.com\"}");
    JsonNode carolInvitation =
        carol.events().await("onlineMeetingInvitation", "started").embedded();
    carol.post(carolInvitation.at("/_links/accept/href").asText(), null, "", Map.of());
    String carolHref = awaitParticipant(alice, "added", "Carol Test").href();
    JsonNode carolSeen = alice.get(carolHref).json();

    assertThat(
            alice.post(carolSeen.at("/_links/reject/href").asText(), null, "", Map.of()).status())
        .isEqualTo(204);

    EventStream.Event denied = alice.events().await("participantInvitation", "completed");
    assertThat(denied.body().get("status").asText()).isEqualTo("Failure");
    assertThat(denied.body().at("/reason/subcode").asText()).isEqualTo("Denied");
    assertThat(
            carol.events().await("conversation", "deleted").body().at("/reason/subcode").asText())
        .isEqualTo("Denied");
  }

  @Test
  void anyone_of_the_company_can_join_a_meeting_by_its_uri() {
    UcwaClient dave = available("dave");
    UcwaClient alice = available("alice");
    JsonNode meeting = startMeeting(dave, "SameEnterprise");
    String uri =
        dave.get(meeting.at("/_links/onlineMeeting/href").asText())
            .json()
            .get("onlineMeetingUri")
            .asText();

    UcwaClient.Response joined =
        alice.postJson(
            alice.link("communication/joinOnlineMeeting"),
            "{\"onlineMeetingUri\":\"" + uri + "\",\"operationId\":\"join\"}");

    assertThat(joined.status()).isEqualTo(201);
    assertThat(
            alice
                .events()
                .await("onlineMeetingInvitation", "completed")
                .body()
                .get("status")
                .asText())
        .isEqualTo("Success");
    awaitParticipant(dave, "added", "Alice Test");
    UcwaClient.Response bad =
        alice.postJson(
            alice.link("communication/joinOnlineMeeting"), "{\"onlineMeetingUri\":\"sip:nobody\"}");
    assertThat(bad.status()).isEqualTo(400);
  }

  @Test
  void an_application_that_ends_while_waiting_in_the_lobby_takes_its_user_out_of_the_meeting() {
    UcwaClient carol = available("carol");
    UcwaClient bob = available("bob");
    JsonNode meeting = startMeeting(carol, "Locked");
    String uri =
        carol
            .get(meeting.at("/_links/onlineMeeting/href").asText())
            .json()
            .get("onlineMeetingUri")
            .asText();
    bob.postJson(
        bob.link("communication/joinOnlineMeeting"), "{\"onlineMeetingUri\":\"" + uri + "\"}");
    JsonNode waiting =
        bob.events()
            .await(
                e ->
                    e.rel().equals("conversation")
                        && e.embedded().path("state").asText().equals("InLobby"),
                Duration.ofSeconds(10))
            .embedded();
    awaitParticipant(carol, "added", "Bob Test");

    assertThat(waiting.get("state").asText()).isEqualTo("InLobby");
    assertThat(bob.delete(bob.link("self")).status()).isEqualTo(204);

    awaitParticipant(carol, "deleted", "Bob Test");
    assertThat(
            carol
                .get(meeting.at("/_links/lobby/href").asText())
                .json()
                .at("/_links/participant")
                .size())
        .isZero();
  }
}
