package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openucwa.scenario.ErrorBody.assertJsonError;
import static org.openucwa.testing.Meetings.awaitStateEvent;
import static org.openucwa.testing.Meetings.join;
import static org.openucwa.testing.Meetings.schedule;
import static org.openucwa.testing.Meetings.signInAsGuest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.EventStream.Event;
import org.openucwa.testing.Participants;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * Anonymous meeting join over real HTTP (AuthenticationInUCWA.md, anonApplications_ref.md,
 * joinOnlineMeeting_ref.md): a guest with no account takes a token for one scheduled meeting with
 * the anonymous meeting grant, creates its application with anonApplications, joins with a display
 * name, waits in the lobby unless anyone may enter, is admitted or rejected by a leader, and chats
 * in that meeting; its token opens nothing else and stops working once the meeting is deleted.
 */
class AnonymousJoinScenarioTest {

  private static final Duration WITHIN = Duration.ofSeconds(15);

  private TestServer server;
  private int endpoints;

  @BeforeEach
  void start() {
    server = TestServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private UcwaClient available(String user) {
    return server.available(user, "anon-" + (++endpoints));
  }

  private UcwaClient guest() {
    return UcwaClient.of(server.url(), "nobody", "");
  }

  private static Event awaitParticipant(UcwaClient c, String type, String title) {
    return Participants.awaitParticipant(c, type, title, WITHIN);
  }

  /** The organizer of a running meeting and the meeting; the organizer is in its conference. */
  private record Running(UcwaClient alice, JsonNode meeting, String conversation) {}

  private Running aliceIn(String accessLevel) {
    UcwaClient alice = available("alice");
    JsonNode meeting =
        schedule(alice, "{\"subject\":\"Open house\",\"accessLevel\":\"" + accessLevel + "\"}");
    join(alice, meeting.path("onlineMeetingUri").asText(), null);
    String conversation = awaitStateEvent(alice, "Conferenced").href();
    return new Running(alice, meeting, conversation);
  }

  private static UcwaClient guestWithApplication(UcwaClient guest, JsonNode meeting) {
    signInAsGuest(guest, meeting);
    guest.createAnonApplication();
    return guest;
  }

  @Test
  void aGuestWaitsInTheLobbyIsAdmittedAndChatsInTheMeeting() {
    Running r = aliceIn("SameEnterprise");
    UcwaClient guest = guest();

    UcwaClient.Response token = signInAsGuest(guest, r.meeting());
    assertThat(token.json().path("token_type").asText()).isEqualTo("Bearer");
    assertThat(token.json().path("expires_in").asInt()).isEqualTo(3600);
    assertThat(token.json().path("ms_rtc_identityscope").asText()).isEqualTo("anonymous");
    JsonNode user = guest.get(guest.userHref()).json();
    assertThat(user.at("/_links/anonApplications/href").asText()).endsWith("/anonApplications");
    assertThat(user.at("/_links/applications").isMissingNode()).isTrue();
    JsonNode app = guest.createAnonApplication();
    assertThat(app.path("rel").asText()).isEqualTo("application");
    assertThat(app.path("culture").asText()).isEqualTo("en-us");
    assertThat(app.at("/_embedded/me").isMissingNode()).isTrue();
    assertThat(app.at("/_embedded/people").isMissingNode()).isTrue();
    assertThat(app.at("/_embedded/communication/_links/joinOnlineMeeting/href").asText())
        .isNotEmpty();
    assertThat(app.at("/_embedded/communication/_links/startMessaging").isMissingNode()).isTrue();

    join(guest, r.meeting().path("joinUrl").asText(), "Visitor from Fabrikam");

    JsonNode waiting = awaitStateEvent(guest, "InLobby").embedded();
    assertThat(waiting.path("state").asText()).isEqualTo("InLobby");
    JsonNode seen =
        r.alice().get(awaitParticipant(r.alice(), "added", "Visitor from Fabrikam").href()).json();
    assertThat(seen.path("anonymous").asBoolean()).isTrue();
    assertThat(seen.path("inLobby").asBoolean()).isTrue();
    assertThat(seen.path("sourceNetwork").asText()).isEqualTo("PublicCloud");
    assertThat(seen.path("uri").asText()).endsWith("@anonymous.invalid");
    assertThat(seen.at("/_links/contact").isMissingNode()).isTrue();
    assertThat(
            r.alice()
                .get(seen.at("/_links/self/href").asText(), Map.of("Accept", "application/xml"))
                .body())
        .contains("<property name=\"anonymous\">True</property>")
        .contains("<property name=\"sourceNetwork\">PublicCloud</property>");
    assertThat(r.alice().post(seen.at("/_links/admit/href").asText(), null, "", Map.of()).status())
        .isEqualTo(204);

    JsonNode guests = awaitStateEvent(guest, "Conferenced").embedded();
    JsonNode local = guest.get(guests.at("/_links/localParticipant/href").asText()).json();
    assertThat(local.path("name").asText()).isEqualTo("Visitor from Fabrikam");
    assertThat(local.path("anonymous").asBoolean()).isTrue();
    assertThat(local.path("role").asText()).isEqualTo("Attendee");
    assertThat(local.at("/_links/me").isMissingNode()).isTrue();
    assertThat(participantUris(guest, guests.at("/_links/self/href").asText()))
        .containsExactly("sip:alice@contoso.com");

    String guestMessaging =
        guest
            .get(guests.at("/_links/messaging/href").asText())
            .json()
            .at("/_links/sendMessage/href")
            .asText();
    assertThat(guest.post(guestMessaging, "text/plain", "hello from outside", Map.of()).status())
        .isEqualTo(201);
    Event heard = awaitIncoming(r.alice());
    assertThat(heard.embedded().at("/_links/plainMessage/href").asText())
        .endsWith(",hello+from+outside");
    assertThat(heard.embedded().at("/_links/participant/title").asText())
        .isEqualTo("Visitor from Fabrikam");

    String aliceMessaging =
        r.alice()
            .get(r.alice().get(r.conversation()).json().at("/_links/messaging/href").asText())
            .json()
            .at("/_links/sendMessage/href")
            .asText();
    r.alice().post(aliceMessaging, "text/plain", "welcome", Map.of());
    Event answer = awaitIncoming(guest);
    assertThat(answer.embedded().at("/_links/plainMessage/href").asText()).endsWith(",welcome");
    assertThat(answer.embedded().at("/_links/participant/title").asText()).isEqualTo("Alice Test");
  }

  @Test
  void inAMeetingOpenToEveryoneAGuestEntersDirectlyWithoutAPassword() {
    Running r = aliceIn("Everyone");
    UcwaClient guest = guest();

    UcwaClient.Response token =
        guest.signInAsGuest(r.meeting().path("onlineMeetingUri").asText(), null);
    assertThat(token.status()).as(token.body()).isEqualTo(200);
    guest.createAnonApplication();
    join(guest, r.meeting().path("onlineMeetingUri").asText(), "Walk-in");

    awaitStateEvent(guest, "Conferenced");
    JsonNode seen = r.alice().get(awaitParticipant(r.alice(), "added", "Walk-in").href()).json();
    assertThat(seen.path("anonymous").asBoolean()).isTrue();
    assertThat(seen.path("inLobby").asBoolean()).isFalse();
  }

  @Test
  void aRejectedGuestLeavesWithTheReasonDenied() {
    Running r = aliceIn("Invited");
    UcwaClient guest = guestWithApplication(guest(), r.meeting());
    join(guest, r.meeting().path("onlineMeetingUri").asText(), "Uninvited");
    awaitStateEvent(guest, "InLobby");

    JsonNode seen = r.alice().get(awaitParticipant(r.alice(), "added", "Uninvited").href()).json();
    assertThat(r.alice().post(seen.at("/_links/reject/href").asText(), null, "", Map.of()).status())
        .isEqualTo(204);

    assertThat(
            guest.events().await("conversation", "deleted").body().at("/reason/subcode").asText())
        .isEqualTo("Denied");
    assertThat(participantUris(r.alice(), r.conversation())).isEmpty();
  }

  @Test
  void theGuestTokenOpensNothingButItsMeeting() {
    Running r = aliceIn("SameEnterprise");
    JsonNode other = schedule(available("bob"), "{\"accessLevel\":\"Everyone\"}");
    UcwaClient guest = guestWithApplication(guest(), r.meeting());
    String app = guest.application().at("/_links/self/href").asText();

    assertJsonError(guest.get(r.alice().applicationsHref()), 403, "Forbidden", null);
    for (String elsewhere :
        List.of(
            app + "/me",
            app + "/people",
            app + "/people/alice@contoso.com",
            app + "/onlineMeetings",
            app + "/onlineMeetings/myOnlineMeetings",
            app + "/communication/conversationLogs")) {
      assertThat(guest.get(elsewhere).status()).as(elsewhere).isEqualTo(403);
    }
    assertThat(
            guest
                .postJson(
                    app + "/communication/messagingInvitations",
                    "{\"to\":\"sip:alice@contoso.com\"}")
                .status())
        .isEqualTo(403);
    assertThat(
            guest
                .postJson(
                    app + "/onlineMeetings/myOnlineMeetings", "{\"accessLevel\":\"Everyone\"}")
                .status())
        .isEqualTo(403);

    for (String another : List.of(other.path("onlineMeetingUri").asText(), "adhoc")) {
      assertJsonError(
          guest.postJson(
              guest.link("communication/joinOnlineMeeting"),
              "{\"onlineMeetingUri\":\"" + another + "\",\"anonymousDisplayName\":\"Sneaky\"}"),
          403,
          "Forbidden",
          null);
    }
    assertJsonError(
        guest.postJson(
            guest.link("communication/joinOnlineMeeting"),
            "{\"onlineMeetingUri\":\"" + r.meeting().path("onlineMeetingUri").asText() + "\"}"),
        400,
        "BadRequest",
        "ParameterValidationFailure");
    assertThat(conversations(guest)).isEmpty();

    UcwaClient bob = server.client("bob");
    bob.signIn();
    assertThat(
            bob.postJson(
                    guest
                        .application()
                        .at("/_links/self/href")
                        .asText()
                        .replaceFirst("/applications/.*", "/anonApplications"),
                    "{\"culture\":\"en-us\",\"userAgent\":\"x\"}")
                .status())
        .isEqualTo(403);
  }

  @Test
  void theTokenEndpointRefusesAnUnknownMeetingAWrongPasswordOrNone() {
    Running r = aliceIn("SameEnterprise");
    String uri = r.meeting().path("onlineMeetingUri").asText();

    assertThat(guest().signInAsGuest(uri.replaceAll("[A-Z0-9]{8}$", "NOSUCH01"), "NOSUCH01").body())
        .contains("\"invalid_grant\"");
    assertThat(guest().signInAsGuest(uri, "wrong").body()).contains("\"invalid_grant\"");
    assertThat(guest().signInAsGuest(uri, null).body()).contains("\"invalid_grant\"");
    assertThat(guest().signInAsGuest("sip:alice@contoso.com", "x").status()).isEqualTo(400);
    UcwaClient.Response noUri = guest().signInAsGuest("", "x");
    assertThat(noUri.status()).isEqualTo(400);
    assertThat(noUri.body()).contains("\"invalid_request\"");
    assertThat(guest().signInAsGuest(uri, r.meeting().path("conferenceId").asText()).status())
        .as("the numeric conference id is a password too")
        .isEqualTo(200);
  }

  @Test
  void theGuestTokenStopsWorkingOnceTheMeetingIsDeletedAndRenewalKeepsTheGuest() {
    Running r = aliceIn("SameEnterprise");
    UcwaClient guest = guestWithApplication(guest(), r.meeting());
    String app = guest.application().at("/_links/self/href").asText();
    String first = guest.token();
    UcwaClient renewed = guest();
    assertThat(
            renewed
                .post(
                    renewed.tokenUrl(),
                    "application/x-www-form-urlencoded",
                    UcwaClient.form(
                        Map.of(
                            "grant_type",
                            "urn:microsoft.rtc:anonmeeting",
                            "ms_rtc_conferenceuri",
                            r.meeting().path("onlineMeetingUri").asText(),
                            "password",
                            r.meeting().path("onlineMeetingId").asText(),
                            "ms_rtc_renew",
                            first)),
                    Map.of())
                .status())
        .isEqualTo(200);
    assertThat(guest.get(app).status()).isEqualTo(200);

    assertThat(r.alice().delete(r.meeting().at("/_links/self/href").asText()).status())
        .isEqualTo(204);

    assertThat(guest.get(app).status()).isEqualTo(401);
    assertThat(
            guest()
                .signInAsGuest(
                    r.meeting().path("onlineMeetingUri").asText(),
                    r.meeting().path("onlineMeetingId").asText())
                .body())
        .contains("\"invalid_grant\"");
  }

  private static Event awaitIncoming(UcwaClient c) {
    return c.events()
        .await(
            e ->
                e.rel().equals("message")
                    && e.embedded().path("direction").asText().equals("Incoming"),
            WITHIN);
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

  private static List<String> conversations(UcwaClient c) {
    List<String> out = new ArrayList<>();
    JsonNode links = c.get(c.link("communication/conversations")).json().at("/_links/conversation");
    if (links.isArray()) {
      links.forEach(l -> out.add(l.path("href").asText()));
    } else if (!links.isMissingNode()) {
      out.add(links.path("href").asText());
    }
    return out;
  }
}
