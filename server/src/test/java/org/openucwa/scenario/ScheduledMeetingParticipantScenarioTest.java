package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openucwa.testing.Meetings.awaitStateEvent;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.EventStream.Event;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;
import org.openucwa.wire.WireAssert;

/**
 * addParticipant inside a scheduled meeting: the organizer, in the meeting's conference, invites
 * someone the meeting does not list; the participantInvitation (with its {@code from}: the
 * organizer's participant) ends as the invitee answers — accepted, declined, unanswered or canceled
 * — and the invitee who accepts enters the meeting's conference directly (an Invited meeting admits
 * those invited with addParticipant) as an attendee. The invitation is read in JSON and XML and
 * compared with the files of participantInvitation_ref.md's sample (the same files as for an ad hoc
 * conference: the inviter joined with the sample's subject and operation id).
 */
class ScheduledMeetingParticipantScenarioTest {

  private static final String OPERATION = "74cb7404e0a247d5a2d4eb0376a47dbf";

  private TestServer server;
  private int endpoints;

  @AfterEach
  void stop() {
    server.close();
  }

  private UcwaClient available(String user) {
    return server.available(user, "scheduled-add-" + (++endpoints));
  }

  /**
   * Alice schedules an Invited meeting that lists bob as a leader and joins it; her conversation.
   */
  private Meeting aliceInHerMeeting(UcwaClient alice) {
    UcwaClient.Response r =
        alice.postJson(
            alice.link("onlineMeetings/myOnlineMeetings"),
            "{\"subject\":\"Quarterly sales numbers\",\"accessLevel\":\"Invited\","
                + "\"leaders\":[\"sip:bob@contoso.com\"]}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    JsonNode meeting = r.json();
    UcwaClient.Response joined =
        alice.postJson(
            alice.link("communication/joinOnlineMeeting"),
            "{\"onlineMeetingUri\":\""
                + meeting.path("onlineMeetingUri").asText()
                + "\",\"subject\":\"Task Sample\",\"operationId\":\"join\"}");
    assertThat(joined.status()).as(joined.body()).isEqualTo(201);
    String conversation = awaitStateEvent(alice, "Conferenced").href();
    alice.events().await("onlineMeetingInvitation", "completed");
    return new Meeting(meeting, conversation);
  }

  private record Meeting(JsonNode scheduled, String conversation) {
    String uri() {
      return scheduled.path("onlineMeetingUri").asText();
    }
  }

  private static String addParticipant(UcwaClient by, String conversation, String to) {
    String add = by.get(conversation).json().at("/_links/addParticipant/href").asText();
    assertThat(add).as("addParticipant in the scheduled meeting's conversation").isNotEmpty();
    UcwaClient.Response r =
        by.postJson(add, "{\"to\":\"" + to + "\",\"operationId\":\"" + OPERATION + "\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(r.header("Location")).isNotBlank();
    return r.header("Location");
  }

  /** The invitee's onlineMeetingInvitation, checked to name the scheduled meeting and alice. */
  private static JsonNode invited(UcwaClient invitee, Meeting meeting) {
    JsonNode invitation = invitee.events().await("onlineMeetingInvitation", "started").embedded();
    assertThat(invitation.path("onlineMeetingUri").asText()).isEqualTo(meeting.uri());
    assertThat(invitation.at("/_embedded/from/name").asText()).isEqualTo("Alice Test");
    assertThat(invitation.path("state").asText()).isEqualTo("Connecting");
    return invitation;
  }

  private static void assertServed(UcwaClient reader, String href, String file) {
    WireAssert wire =
        WireAssert.wire()
            .with("app", reader.application().get("id").asText())
            .with("host", reader.resolve(""));
    wire.assertMatchesJsonFile(file, reader.get(href, Map.of("Accept", "application/json")).body());
    wire.assertMatchesXmlFile(file, reader.get(href, Map.of("Accept", "application/xml")).body());
  }

  @Test
  void anAcceptedInvitationBringsTheInviteeIntoTheMeetingAsAnAttendee() {
    server = TestServer.start();
    UcwaClient alice = available("alice");
    UcwaClient carol = available("carol");
    Meeting meeting = aliceInHerMeeting(alice);

    String invitation = addParticipant(alice, meeting.conversation(), "sip:carol@contoso.com");

    Event started = alice.events().await("participantInvitation", "started");
    assertThat(started.href()).isEqualTo(invitation);
    assertThat(started.embedded().at("/_embedded/from/uri").asText())
        .isEqualTo("sip:alice@contoso.com");
    assertThat(started.embedded().at("/_embedded/from/organizer").asBoolean()).isTrue();
    assertServed(alice, invitation, "participantInvitation-connecting");
    String from = alice.get(invitation).json().at("/_links/from/href").asText();
    assertThat(alice.get(from).json())
        .isEqualTo(alice.get(invitation).json().at("/_embedded/from"));

    JsonNode offered = invited(carol, meeting);
    assertThat(carol.post(offered.at("/_links/accept/href").asText(), null, "", Map.of()).status())
        .isEqualTo(204);

    JsonNode carols = awaitStateEvent(carol, "Conferenced").embedded();
    assertThat(
            carol
                .events()
                .await("onlineMeetingInvitation", "completed")
                .body()
                .path("status")
                .asText())
        .isEqualTo("Success");
    assertThat(
            carol
                .get(carols.at("/_links/localParticipant/href").asText())
                .json()
                .path("role")
                .asText())
        .isEqualTo("Attendee");
    assertThat(
            carol
                .get(carols.at("/_links/onlineMeeting/href").asText())
                .json()
                .path("onlineMeetingId")
                .asText())
        .isEqualTo(meeting.scheduled().path("onlineMeetingId").asText());

    Event completed = alice.events().await("participantInvitation", "completed");
    assertThat(completed.href()).isEqualTo(invitation);
    assertThat(completed.body().path("status").asText()).isEqualTo("Success");
    assertThat(completed.embedded().at("/_embedded/acceptedByParticipant/0/uri").asText())
        .isEqualTo("sip:carol@contoso.com");
    assertServed(alice, invitation, "participantInvitation-connected");
    assertThat(participantUris(alice, meeting.conversation())).contains("sip:carol@contoso.com");
  }

  @Test
  void aDeclinedInvitationFailsWithTheReasonDeclinedAndLeavesTheMeetingAsItWas() {
    server = TestServer.start();
    UcwaClient alice = available("alice");
    UcwaClient dave = available("dave");
    Meeting meeting = aliceInHerMeeting(alice);

    String invitation = addParticipant(alice, meeting.conversation(), "sip:dave@contoso.com");
    JsonNode offered = invited(dave, meeting);
    assertThat(
            dave.postJson(offered.at("/_links/decline/href").asText(), "{\"reason\":\"Global\"}")
                .status())
        .isEqualTo(204);

    Event completed = alice.events().await("participantInvitation", "completed");
    assertThat(completed.href()).isEqualTo(invitation);
    assertThat(completed.body().path("status").asText()).isEqualTo("Failure");
    assertThat(completed.body().at("/reason/subcode").asText()).isEqualTo("Declined");
    assertThat(alice.get(invitation).json().path("state").asText()).isEqualTo("Declined");
    assertThat(dave.events().await("conversation", "deleted")).isNotNull();
    assertThat(participantUris(alice, meeting.conversation()))
        .doesNotContain("sip:dave@contoso.com");
  }

  @Test
  void anUnansweredInvitationTimesOutAndIsWithdrawnFromTheInvitee() {
    server = TestServer.start(b -> b.invitationTimeout(Duration.ofSeconds(2)));
    UcwaClient alice = available("alice");
    UcwaClient carol = available("carol");
    Meeting meeting = aliceInHerMeeting(alice);

    String invitation = addParticipant(alice, meeting.conversation(), "sip:carol@contoso.com");
    JsonNode offered = invited(carol, meeting);

    Event completed = alice.events().await("participantInvitation", "completed");
    assertThat(completed.href()).isEqualTo(invitation);
    assertThat(completed.body().path("status").asText()).isEqualTo("Failure");
    assertThat(completed.body().at("/reason/subcode").asText()).isEqualTo("Timeout");
    assertThat(alice.get(invitation).json().path("state").asText()).isEqualTo("Failed");
    Event withdrawn = carol.events().await("onlineMeetingInvitation", "completed");
    assertThat(withdrawn.body().at("/reason/subcode").asText()).isEqualTo("Timeout");
    assertThat(carol.events().await("conversation", "deleted").href())
        .isEqualTo(offered.at("/_links/conversation/href").asText());
    assertThat(participantUris(alice, meeting.conversation()))
        .doesNotContain("sip:carol@contoso.com");
  }

  @Test
  void aCanceledInvitationFailsOnBothSidesAndTheMeetingGoesOn() {
    server = TestServer.start();
    UcwaClient alice = available("alice");
    UcwaClient bob = available("bob");
    UcwaClient carol = available("carol");
    Meeting meeting = aliceInHerMeeting(alice);
    UcwaClient.Response bobJoins =
        bob.postJson(
            bob.link("communication/joinOnlineMeeting"),
            "{\"onlineMeetingUri\":\"" + meeting.scheduled().path("joinUrl").asText() + "\"}");
    assertThat(bobJoins.status()).isEqualTo(201);
    String bobs = awaitStateEvent(bob, "Conferenced").href();

    String invitation = addParticipant(bob, bobs, "sip:carol@contoso.com");
    Event started = bob.events().await("participantInvitation", "started");
    assertThat(started.embedded().at("/_embedded/from/uri").asText())
        .isEqualTo("sip:bob@contoso.com");
    assertThat(started.embedded().at("/_embedded/from/role").asText()).isEqualTo("Leader");
    JsonNode offered = carol.events().await("onlineMeetingInvitation", "started").embedded();
    assertThat(offered.path("onlineMeetingUri").asText()).isEqualTo(meeting.uri());
    assertThat(offered.at("/_embedded/from/name").asText()).isEqualTo("Bob Test");
    assertThat(
            bob.post(started.embedded().at("/_links/cancel/href").asText(), null, "", Map.of())
                .status())
        .isEqualTo(204);

    Event completed = bob.events().await("participantInvitation", "completed");
    assertThat(completed.href()).isEqualTo(invitation);
    assertThat(completed.body().at("/reason/subcode").asText()).isEqualTo("Canceled");
    assertThat(bob.get(invitation).json().path("state").asText()).isEqualTo("Cancelled");
    Event withdrawn = carol.events().await("onlineMeetingInvitation", "completed");
    assertThat(withdrawn.body().at("/reason/subcode").asText()).isEqualTo("Canceled");
    assertThat(carol.events().await("conversation", "deleted").href())
        .isEqualTo(offered.at("/_links/conversation/href").asText());
    assertThat(participantUris(alice, meeting.conversation()))
        .containsExactlyInAnyOrder("sip:bob@contoso.com");
  }

  private static List<String> participantUris(UcwaClient viewer, String conversation) {
    String href = viewer.get(conversation).json().at("/_links/participants/href").asText();
    List<String> out = new ArrayList<>();
    viewer
        .get(href)
        .json()
        .at("/_embedded/participant")
        .forEach(p -> out.add(p.path("uri").asText()));
    return out;
  }
}
