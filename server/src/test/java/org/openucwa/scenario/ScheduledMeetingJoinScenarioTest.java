package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openucwa.testing.Meetings.awaitState;
import static org.openucwa.testing.Meetings.join;
import static org.openucwa.testing.Meetings.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.EventStream;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * Joining a scheduled meeting over real HTTP, by its onlineMeetingUri or its join URL: the first to
 * join starts its conference, homed with the organizer; leaders, attendees and others enter
 * directly or wait in the lobby as the meeting's access level says, and take the role its leaders
 * list and automatic leader assignment give them.
 */
class ScheduledMeetingJoinScenarioTest {

  private TestServer server;
  private int endpoints;

  @BeforeEach
  void start() {
    server = TestServer.start(b -> b.invitationTimeout(Duration.ofSeconds(10)));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private UcwaClient available(String user) {
    return server.available(user, "join-" + (++endpoints));
  }

  private static String localRole(UcwaClient c, JsonNode conversation) {
    return c.get(conversation.at("/_links/localParticipant/href").asText())
        .json()
        .path("role")
        .asText();
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
  void leadersAttendeesAndOthersOfAnInvitedMeetingEnterAsItsListsSay() {
    UcwaClient alice = available("alice");
    UcwaClient bob = available("bob");
    UcwaClient carol = available("carol");
    UcwaClient dave = available("dave");
    JsonNode meeting =
        schedule(
            alice,
            "{\"subject\":\"Planning\",\"accessLevel\":\"Invited\","
                + "\"leaders\":[\"sip:bob@contoso.com\"],\"attendees\":[\"sip:carol@contoso.com\"]}");

    join(bob, meeting.path("joinUrl").asText());
    JsonNode bobs = awaitState(bob, "Conferenced");
    assertThat(localRole(bob, bobs)).isEqualTo("Leader");
    assertThat(
            bob.events()
                .await("onlineMeetingInvitation", "completed")
                .body()
                .get("status")
                .asText())
        .isEqualTo("Success");

    join(carol, meeting.path("onlineMeetingUri").asText());
    JsonNode carols = awaitState(carol, "Conferenced");
    assertThat(localRole(carol, carols)).isEqualTo("Attendee");
    awaitParticipant(bob, "added", "Carol Test");

    join(dave, meeting.path("onlineMeetingUri").asText());
    awaitState(dave, "InLobby");
    JsonNode daveSeen = bob.get(awaitParticipant(bob, "added", "Dave Test").href()).json();
    assertThat(daveSeen.path("inLobby").asBoolean()).isTrue();
    assertThat(bob.post(daveSeen.at("/_links/admit/href").asText(), null, "", Map.of()).status())
        .isEqualTo(204);
    JsonNode daves = awaitState(dave, "Conferenced");
    assertThat(localRole(dave, daves)).isEqualTo("Attendee");

    join(alice, meeting.path("joinUrl").asText());
    JsonNode alices = awaitState(alice, "Conferenced");
    assertThat(localRole(alice, alices)).isEqualTo("Leader");
    awaitParticipant(bob, "added", "Alice Test");
  }

  @Test
  void inALockedMeetingOnlyTheOrganizerAndListedLeadersEnterDirectly() {
    UcwaClient alice = available("alice");
    UcwaClient bob = available("bob");
    UcwaClient carol = available("carol");
    JsonNode meeting =
        schedule(
            alice,
            "{\"accessLevel\":\"Locked\",\"leaders\":[\"sip:bob@contoso.com\"],"
                + "\"attendees\":[\"sip:carol@contoso.com\"]}");

    join(alice, meeting.path("onlineMeetingUri").asText());
    awaitState(alice, "Conferenced");
    join(bob, meeting.path("onlineMeetingUri").asText());
    awaitState(bob, "Conferenced");
    join(carol, meeting.path("onlineMeetingUri").asText());

    awaitState(carol, "InLobby");
    assertThat(
            alice
                .get(awaitParticipant(alice, "added", "Carol Test").href())
                .json()
                .path("inLobby")
                .asBoolean())
        .isTrue();
  }

  @Test
  void automaticLeaderAssignmentPromotesThoseOfTheCompanyOnJoining() {
    UcwaClient alice = available("alice");
    UcwaClient carol = available("carol");
    JsonNode meeting =
        schedule(
            alice,
            "{\"accessLevel\":\"SameEnterprise\",\"automaticLeaderAssignment\":\"SameEnterprise\"}");

    join(carol, meeting.path("joinUrl").asText());

    assertThat(localRole(carol, awaitState(carol, "Conferenced"))).isEqualTo("Leader");
  }

  @Test
  void aDeletedMeetingCannotBeJoined() {
    UcwaClient alice = available("alice");
    UcwaClient bob = available("bob");
    UcwaClient.Response created =
        alice.postJson(
            alice.link("onlineMeetings/myOnlineMeetings"), "{\"accessLevel\":\"Everyone\"}");
    assertThat(alice.delete(created.header("Location")).status()).isEqualTo(204);

    join(bob, created.json().path("onlineMeetingUri").asText());

    EventStream.Event ended = bob.events().await("onlineMeetingInvitation", "completed");
    assertThat(ended.body().get("status").asText()).isEqualTo("Failure");
    assertThat(ended.body().at("/reason/subcode").asText()).isEqualTo("Ended");
  }

  @Test
  void aJoinUrlOfAnotherFormIsRefusedNamingTheParameter() {
    UcwaClient bob = available("bob");

    ErrorBody.assertJsonError(
        bob.postJson(
            bob.link("communication/joinOnlineMeeting"),
            "{\"onlineMeetingUri\":\"https://example.com/somewhere\"}"),
        400,
        "BadRequest",
        "ParameterValidationFailure");
  }

  @Test
  void theJoinUrlAnswersAPageNamingTheMeetingAndHowToJoinIt() {
    UcwaClient alice = server.client("alice");
    alice.createApplication("page");
    JsonNode meeting =
        schedule(alice, "{\"subject\":\"Budget <review> & plans\",\"description\":\"Q3\"}");
    UcwaClient anonymous = server.client("bob");

    UcwaClient.Response page =
        anonymous.send("GET", meeting.path("joinUrl").asText(), Map.of(), null);

    assertThat(page.status()).isEqualTo(200);
    assertThat(page.header("Content-Type")).startsWith("text/html");
    assertThat(page.body())
        .contains("<title>Budget &lt;review&gt; &amp; plans</title>")
        .contains(meeting.path("onlineMeetingUri").asText())
        .contains(meeting.path("conferenceId").asText())
        .contains("joinOnlineMeeting");
    assertThat(
            anonymous
                .send(
                    "GET",
                    meeting.path("joinUrl").asText().replaceAll("/[A-Z0-9]+$", "/NOSUCH1"),
                    Map.of(),
                    null)
                .status())
        .isEqualTo(404);
  }

  @Test
  void theConversationsOnlineMeetingShowsTheScheduledSettings() {
    UcwaClient alice = available("alice");
    UcwaClient carol = available("carol");
    JsonNode meeting =
        schedule(
            alice,
            "{\"subject\":\"Planning\",\"description\":\"Q4\",\"accessLevel\":\"Everyone\","
                + "\"leaders\":[\"sip:bob@contoso.com\"],\"attendees\":[\"sip:carol@contoso.com\"]}");

    join(carol, meeting.path("joinUrl").asText());
    JsonNode conversation = awaitState(carol, "Conferenced");
    JsonNode online = carol.get(conversation.at("/_links/onlineMeeting/href").asText()).json();

    assertThat(online.path("rel").asText()).isEqualTo("onlineMeeting");
    for (String same :
        List.of(
            "onlineMeetingUri",
            "onlineMeetingId",
            "organizerUri",
            "accessLevel",
            "attendees",
            "leaders",
            "automaticLeaderAssignment",
            "conferenceId",
            "description",
            "entryExitAnnouncement",
            "expirationTime",
            "lobbyBypassForPhoneUsers",
            "onlineMeetingRel",
            "phoneUserAdmission",
            "subject")) {
      assertThat(online.path(same)).as(same).isEqualTo(meeting.path(same));
    }
    assertThat(online.path("organizerName").asText()).isEqualTo("Alice Test");
    assertThat(online.at("/_links/conversation/href").asText())
        .isEqualTo(conversation.at("/_links/self/href").asText());
  }
}
