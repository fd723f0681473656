package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openucwa.scenario.ErrorBody.assertJsonError;
import static org.openucwa.testing.Meetings.joined;
import static org.openucwa.testing.Meetings.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.EventStream.Event;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;
import org.openucwa.wire.WireAssert;

/**
 * The conversation's onlineMeeting of a scheduled meeting (onlineMeeting_ref.md) with its links and
 * its {@code updated} event when the organizer changes the meeting, and the audience controls
 * (enable/disableAudienceMessaging, enable/disableAudienceMuteLock; conversation_ref.md's
 * audienceMessaging and audienceMute) over real HTTP.
 */
class OnlineMeetingScenarioTest {

  private static final Duration WITHIN = Duration.ofSeconds(15);
  private static final String SAMPLE_MEETING =
      """
      {"accessLevel":"Invited","attendees":["sip:carol@contoso.com","sip:dave@contoso.com"],
       "automaticLeaderAssignment":"SameEnterprise",
       "description":"We\\u0027ll be meeting to review the sales numbers for this past quarter and discuss projections for the next two quarters.",
       "entryExitAnnouncement":"Disabled","leaders":["sip:bob@contoso.com"],
       "lobbyBypassForPhoneUsers":"Disabled","phoneUserAdmission":"Disabled",
       "subject":"Quarterly sales numbers"}""";

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
    return server.available(user, "online-meeting-" + (++endpoints));
  }

  @Test
  void theOnlineMeetingShowsEveryPropertyOfTheReferenceSampleAndLinksItsOrganizer() {
    UcwaClient alice = available("alice");
    UcwaClient bob = available("bob");
    JsonNode meeting = schedule(alice, SAMPLE_MEETING);
    JsonNode conversation = joined(bob, meeting.path("joinUrl").asText());
    String href = conversation.at("/_links/onlineMeeting/href").asText();

    WireAssert wire =
        WireAssert.wire()
            .with("app", bob.application().get("id").asText())
            .with("host", bob.resolve(""));
    wire.assertJson(
        expected("onlineMeeting.json", bob, meeting),
        bob.get(href, Map.of("Accept", "application/json")).body());
    wire.assertXml(
        expected("onlineMeeting.xml", bob, meeting),
        bob.get(href, Map.of("Accept", "application/xml")).body());

    JsonNode online = bob.get(href).json();
    assertThat(online.path("joinUrl")).isEqualTo(meeting.path("joinUrl"));
    String extensions = online.at("/_links/onlineMeetingExtensions/href").asText();
    wire.assertMatchesJsonFile(
        "onlineMeetingExtensions",
        bob.get(extensions, Map.of("Accept", "application/json")).body());
    wire.assertMatchesXmlFile(
        "onlineMeetingExtensions", bob.get(extensions, Map.of("Accept", "application/xml")).body());
    UcwaClient.Response organizers =
        alice.get(meeting.at("/_links/onlineMeetingExtensions/href").asText());
    assertThat(organizers.status()).isEqualTo(200);
    assertThat(organizers.json().path("rel").asText()).isEqualTo("onlineMeetingExtensions");
    assertThat(organizers.json().path("_embedded").isMissingNode()).isTrue();
    assertThat(bob.get(meeting.at("/_links/onlineMeetingExtensions/href").asText()).status())
        .as("another's meeting, by its organizer's path")
        .isEqualTo(404);
    JsonNode organizer = bob.get(online.at("/_links/organizer/href").asText()).json();
    assertThat(organizer.path("rel").asText()).isEqualTo("contact");
    assertThat(organizer.path("uri").asText()).isEqualTo("sip:alice@contoso.com");
    assertThat(organizer.path("name").asText()).isEqualTo("Alice Test");
  }

  @Test
  void whenTheOrganizerChangesTheMeetingItsMembersHearTheOnlineMeetingUpdated() {
    UcwaClient alice = available("alice");
    UcwaClient bob = available("bob");
    JsonNode meeting = schedule(alice, SAMPLE_MEETING);
    JsonNode conversation = joined(bob, meeting.path("onlineMeetingUri").asText());
    String onlineMeeting = conversation.at("/_links/onlineMeeting/href").asText();

    UcwaClient.Response put =
        alice.put(
            meeting.at("/_links/self/href").asText(),
            "application/json",
            "{\"subject\":\"Quarterly sales, revised\",\"accessLevel\":\"Everyone\"}",
            Map.of("If-Match", "*"));
    assertThat(put.status()).as(put.body()).isEqualTo(200);

    Event updated =
        bob.events()
            .await(e -> e.rel().equals("onlineMeeting") && e.type().equals("updated"), WITHIN);
    assertThat(updated.href()).isEqualTo(onlineMeeting);
    assertThat(updated.sender()).isEqualTo("conversation");
    assertThat(updated.body().at("/in/href").asText())
        .isEqualTo(conversation.at("/_links/self/href").asText());
    JsonNode now = bob.get(onlineMeeting).json();
    assertThat(now.path("subject").asText()).isEqualTo("Quarterly sales, revised");
    assertThat(now.path("accessLevel").asText()).isEqualTo("Everyone");
  }

  @Test
  void aLeaderDisablesAudienceMessagingAndAttendeesMessagesAreRefusedUntilItIsEnabledAgain() {
    UcwaClient alice = available("alice");
    UcwaClient carol = available("carol");
    JsonNode meeting = schedule(alice, "{\"accessLevel\":\"SameEnterprise\"}");
    JsonNode alices = joined(alice, meeting.path("onlineMeetingUri").asText());
    JsonNode carols = joined(carol, meeting.path("onlineMeetingUri").asText());
    String aliceConversation = alices.at("/_links/self/href").asText();
    String carolConversation = carols.at("/_links/self/href").asText();
    alice.events().await(e -> e.rel().equals("participant") && e.type().equals("added"), WITHIN);

    JsonNode leaderView = alice.get(aliceConversation).json();
    assertThat(leaderView.path("audienceMessaging").asText()).isEqualTo("Enabled");
    assertThat(leaderView.path("audienceMute").asText()).isEqualTo("Disabled");
    String disable = leaderView.at("/_links/disableAudienceMessaging/href").asText();
    assertThat(disable).endsWith("/messaging/disableAudienceMessaging");
    assertThat(leaderView.at("/_links/enableAudienceMessaging").isMissingNode()).isTrue();
    JsonNode attendeeView = carol.get(carolConversation).json();
    assertThat(attendeeView.path("audienceMessaging").asText()).isEqualTo("Enabled");
    assertThat(attendeeView.at("/_links/disableAudienceMessaging").isMissingNode()).isTrue();
    assertJsonError(
        carol.post(carolConversation + "/messaging/disableAudienceMessaging", null, "", Map.of()),
        403,
        "Forbidden",
        "AttendeeNotAllowed");

    assertThat(alice.post(disable, null, "", Map.of()).status()).isEqualTo(204);

    for (UcwaClient member : new UcwaClient[] {alice, carol}) {
      member
          .events()
          .await(
              e ->
                  e.rel().equals("conversation")
                      && e.type().equals("updated")
                      && e.embedded().path("audienceMessaging").asText().equals("Disabled"),
              WITHIN);
    }
    String enable =
        alice.get(aliceConversation).json().at("/_links/enableAudienceMessaging/href").asText();
    assertThat(enable).endsWith("/messaging/enableAudienceMessaging");
    String carolSend = sendLink(carol, carolConversation);
    assertJsonError(
        carol.post(carolSend, "text/plain", "may I?", Map.of()),
        403,
        "Forbidden",
        "AttendeeNotAllowed");
    assertThat(
            alice
                .post(sendLink(alice, aliceConversation), "text/plain", "leaders only", Map.of())
                .status())
        .isEqualTo(201);
    assertThat(awaitIncoming(carol).embedded().at("/_links/plainMessage/href").asText())
        .endsWith(",leaders+only");

    assertThat(alice.post(enable, null, "", Map.of()).status()).isEqualTo(204);
    carol
        .events()
        .await(
            e ->
                e.rel().equals("conversation")
                    && e.embedded().path("audienceMessaging").asText().equals("Enabled"),
            WITHIN);
    assertThat(carol.post(carolSend, "text/plain", "thanks", Map.of()).status()).isEqualTo(201);
    assertThat(awaitIncoming(alice).embedded().at("/_links/plainMessage/href").asText())
        .endsWith(",thanks");
  }

  @Test
  void aLeaderLocksAndUnlocksTheAudiencesMuteWhichEveryMemberSees() {
    UcwaClient alice = available("alice");
    UcwaClient carol = available("carol");
    JsonNode meeting = schedule(alice, "{\"accessLevel\":\"SameEnterprise\"}");
    String aliceConversation =
        joined(alice, meeting.path("onlineMeetingUri").asText()).at("/_links/self/href").asText();
    String carolConversation =
        joined(carol, meeting.path("onlineMeetingUri").asText()).at("/_links/self/href").asText();

    String lock =
        alice.get(aliceConversation).json().at("/_links/enableAudienceMuteLock/href").asText();
    assertThat(lock).endsWith("/enableAudienceMuteLock");
    assertThat(alice.post(lock, null, "", Map.of()).status()).isEqualTo(204);

    carol
        .events()
        .await(
            e ->
                e.rel().equals("conversation")
                    && e.embedded().path("audienceMute").asText().equals("Enabled"),
            WITHIN);
    assertThat(carol.get(carolConversation).json().path("audienceMute").asText())
        .isEqualTo("Enabled");
    alice
        .events()
        .await(
            e ->
                e.rel().equals("conversation")
                    && e.embedded().path("audienceMute").asText().equals("Enabled"),
            WITHIN);
    JsonNode leaderView = alice.get(aliceConversation).json();
    assertThat(leaderView.at("/_links/enableAudienceMuteLock").isMissingNode()).isTrue();
    String unlock = leaderView.at("/_links/disableAudienceMuteLock/href").asText();
    assertThat(alice.post(unlock, null, "", Map.of()).status()).isEqualTo(204);
    carol
        .events()
        .await(
            e ->
                e.rel().equals("conversation")
                    && e.embedded().path("audienceMute").asText().equals("Disabled"),
            WITHIN);
    assertJsonError(
        carol.post(carolConversation + "/enableAudienceMuteLock", null, "", Map.of()),
        403,
        "Forbidden",
        "AttendeeNotAllowed");
  }

  /** An expected file with {meeting} and {host} inside longer values replaced. */
  private static String expected(String file, UcwaClient reader, JsonNode meeting) {
    try (InputStream in =
        OnlineMeetingScenarioTest.class.getResourceAsStream("/expected/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .replace("{meeting}", meeting.path("onlineMeetingId").asText())
          .replace("{host}/meet", reader.resolve("") + "/meet");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sendLink(UcwaClient c, String conversation) {
    return c.get(c.get(conversation).json().at("/_links/messaging/href").asText())
        .json()
        .at("/_links/sendMessage/href")
        .asText();
  }

  private static Event awaitIncoming(UcwaClient c) {
    return c.events()
        .await(
            e ->
                e.rel().equals("message")
                    && e.embedded().path("direction").asText().equals("Incoming"),
            WITHIN);
  }
}
