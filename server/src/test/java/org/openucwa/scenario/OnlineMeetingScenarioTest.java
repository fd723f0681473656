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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucwa.meeting.MeetingCustomization;
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

  /** onlineMeeting_ref.md's disclaimer, onlineMeetingInvitationCustomization_ref.md's values. */
  static final MeetingCustomization SAMPLE_CUSTOMIZATION =
      new MeetingCustomization(
          Optional.of("Meeting Confidentiality"),
          Optional.of("The matters of this meeting are confidential."),
          Optional.of("http://meet.contoso.com/firstimehelp.html"),
          Optional.of("The information contained in this meeting invitation is confidential."),
          Optional.of("http://meet.contoso.com/help"),
          Optional.of("http://meet.contoso.com/disclaimer.html"),
          Optional.of("http://meet.contoso.com/companylogo.png"),
          Optional.empty());

  private TestServer server;
  private int endpoints;

  @BeforeEach
  void start() {
    server = TestServer.start(b -> b.meetingCustomization(SAMPLE_CUSTOMIZATION));
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
    assertThat(bob.get(meeting.path("joinUrl").asText()).body())
        .as("the join page shows the disclaimer")
        .contains("Meeting Confidentiality", "The matters of this meeting are confidential.");
    JsonNode organizer = bob.get(online.at("/_links/organizer/href").asText()).json();
    assertThat(organizer.path("rel").asText()).isEqualTo("contact");
    assertThat(organizer.path("uri").asText()).isEqualTo("sip:alice@contoso.com");
    assertThat(organizer.path("name").asText()).isEqualTo("Alice Test");
  }

  @Test
  void aMeetNowMeetingsOnlineMeetingShowsItsAccessLevelAndTheSettingsOfAnAdHocMeeting() {
    UcwaClient alice = available("alice");
    UcwaClient.Response r =
        alice.postJson(
            alice.link("communication/startOnlineMeeting"),
            "{\"subject\":\"Team sync\",\"operationId\":\"now\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String conversation =
        alice
            .events()
            .await("onlineMeetingInvitation", "completed")
            .embedded()
            .at("/_links/conversation/href")
            .asText();
    String href = alice.get(conversation).json().at("/_links/onlineMeeting/href").asText();
    JsonNode online = alice.get(href).json();

    WireAssert wire =
        WireAssert.wire()
            .with("app", alice.application().get("id").asText())
            .with("host", alice.resolve(""));
    wire.assertJson(
        expected("onlineMeeting-adhoc.json", alice, online),
        alice.get(href, Map.of("Accept", "application/json")).body());
    wire.assertXml(
        expected("onlineMeeting-adhoc.xml", alice, online),
        alice.get(href, Map.of("Accept", "application/xml")).body());
  }

  @Test
  void anAdHocMeetingsMembersSeeTheAccessLevelItsFocusAdmitsBy() {
    UcwaClient alice = available("alice");
    UcwaClient bob = available("bob");
    UcwaClient carol = available("carol");
    available("dave");

    // a Locked meet-now: bob, invited, waits in the lobby and reads why
    alice.postJson(
        alice.link("communication/startOnlineMeeting"),
        "{\"subject\":\"Locked\",\"accessLevel\":\"Locked\"}");
    String locked =
        alice
            .events()
            .await("onlineMeetingInvitation", "completed")
            .embedded()
            .at("/_links/conversation/href")
            .asText();
    String add = alice.get(locked).json().at("/_links/addParticipant/href").asText();
    assertThat(alice.postJson(add, "{\"to\":\"sip:bob@contoso.com\"}").status()).isEqualTo(201);
    JsonNode invitation = bob.events().await("onlineMeetingInvitation", "started").embedded();
    bob.post(invitation.at("/_links/accept/href").asText(), null, "", Map.of());
    awaitConversationUpdated(bob, "state", "InLobby");
    JsonNode waiting =
        bob.get(
                bob.get(invitation.at("/_links/conversation/href").asText())
                    .json()
                    .at("/_links/onlineMeeting/href")
                    .asText())
            .json();
    assertThat(waiting.path("accessLevel").asText()).isEqualTo("Locked");
    assertAdHoc(waiting);

    // an escalated two-party conversation: SameEnterprise, for the other party too
    carol.postJson(
        carol.link("communication/startMessaging"), "{\"to\":\"sip:alice@contoso.com\"}");
    JsonNode im = alice.events().await("messagingInvitation", "started").embedded();
    alice.post(im.at("/_links/accept/href").asText(), null, "", Map.of());
    String twoParty =
        carol
            .events()
            .await("messagingInvitation", "completed")
            .embedded()
            .at("/_links/conversation/href")
            .asText();
    String escalate = carol.get(twoParty).json().at("/_links/addParticipant/href").asText();
    assertThat(carol.postJson(escalate, "{\"to\":\"sip:dave@contoso.com\"}").status())
        .isEqualTo(201);
    String aliceSide = im.at("/_links/conversation/href").asText();
    alice
        .events()
        .await(
            e ->
                e.rel().equals("conversation")
                    && e.type().equals("updated")
                    && e.href().equals(aliceSide)
                    && e.embedded().path("state").asText().equals("Conferenced"),
            WITHIN);
    JsonNode escalated =
        alice.get(alice.get(aliceSide).json().at("/_links/onlineMeeting/href").asText()).json();
    assertThat(escalated.path("organizerUri").asText()).isEqualTo("sip:carol@contoso.com");
    assertThat(escalated.path("accessLevel").asText()).isEqualTo("SameEnterprise");
    assertAdHoc(escalated);
  }

  /** What every ad hoc meeting shows beside its access level (decision 0063). */
  private static void assertAdHoc(JsonNode online) {
    assertThat(online.path("leaders").isArray()).isTrue();
    assertThat(online.path("leaders")).isEmpty();
    assertThat(online.path("attendees").isArray()).isTrue();
    assertThat(online.path("attendees")).isEmpty();
    for (String disabled :
        List.of(
            "automaticLeaderAssignment",
            "entryExitAnnouncement",
            "lobbyBypassForPhoneUsers",
            "phoneUserAdmission",
            "largeMeeting")) {
      assertThat(online.path(disabled).asText()).as(disabled).isEqualTo("Disabled");
    }
    for (String scheduledOnly :
        List.of("joinUrl", "conferenceId", "description", "expirationTime", "onlineMeetingRel")) {
      assertThat(online.has(scheduledOnly)).as(scheduledOnly).isFalse();
    }
  }

  @Test
  void joiningAScheduledMeetingAnswersAnOutgoingOnlineMeetingInvitationLikeTheReferenceSample() {
    UcwaClient alice = available("alice");
    UcwaClient bob = available("bob");
    JsonNode meeting = schedule(alice, SAMPLE_MEETING);
    UcwaClient.Response r =
        bob.postJson(
            bob.link("communication/joinOnlineMeeting"),
            "{\"onlineMeetingUri\":\""
                + meeting.path("onlineMeetingUri").asText()
                + "\",\"operationId\":\"74cb7404e0a247d5a2d4eb0376a47dbf\","
                + "\"subject\":\"Quarterly sales numbers\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    bob.events().await("onlineMeetingInvitation", "completed");

    WireAssert wire = WireAssert.wire().with("app", bob.application().get("id").asText());
    wire.assertJson(
        expected("onlineMeetingInvitation-outgoing.json", bob, meeting),
        bob.get(r.header("Location"), Map.of("Accept", "application/json")).body());
    wire.assertXml(
        expected("onlineMeetingInvitation-outgoing.xml", bob, meeting),
        bob.get(r.header("Location"), Map.of("Accept", "application/xml")).body());
  }

  @Test
  void theOnlineMeetingsHubLinksTheInvitationCustomizationTheOperatorConfigured() {
    UcwaClient alice = available("alice");
    String href = alice.link("onlineMeetings/onlineMeetingInvitationCustomization");

    WireAssert wire = WireAssert.wire().with("app", alice.application().get("id").asText());
    wire.assertMatchesJsonFile(
        "onlineMeetingInvitationCustomization",
        alice.get(href, Map.of("Accept", "application/json")).body());
    wire.assertMatchesXmlFile(
        "onlineMeetingInvitationCustomization",
        alice.get(href, Map.of("Accept", "application/xml")).body());
  }

  @Test
  void withNothingConfiguredTheCustomizationIsEmptyAndNoMeetingHasADisclaimer() {
    try (TestServer plain = TestServer.start()) {
      UcwaClient alice = plain.client("alice");
      alice.createApplication("no-customization");
      alice.makeAvailable();
      JsonNode customization =
          alice.get(alice.link("onlineMeetings/onlineMeetingInvitationCustomization")).json();
      assertThat(customization.path("rel").asText())
          .isEqualTo("onlineMeetingInvitationCustomization");
      assertThat(customization.properties())
          .extracting(Map.Entry::getKey)
          .containsExactlyInAnyOrder("rel", "_links");
      JsonNode meeting = schedule(alice, "{\"subject\":\"Plain\"}");
      alice.events().drain();
      JsonNode conversation = joined(alice, meeting.path("onlineMeetingUri").asText());
      JsonNode online = alice.get(conversation.at("/_links/onlineMeeting/href").asText()).json();
      assertThat(online.has("disclaimerTitle")).isFalse();
      assertThat(online.has("disclaimerBody")).isFalse();
    }
  }

  @Test
  void joiningAMeetingAddsTheConversationsOnlineMeetingAfterTheConversation() {
    UcwaClient alice = available("alice");
    UcwaClient bob = available("bob");
    JsonNode meeting = schedule(alice, SAMPLE_MEETING);
    JsonNode conversation = joined(bob, meeting.path("onlineMeetingUri").asText());
    String self = conversation.at("/_links/self/href").asText();

    List<Event> seen = bob.events().all();
    Event added =
        seen.stream()
            .filter(e -> e.rel().equals("onlineMeeting") && e.type().equals("added"))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no onlineMeeting added; seen: " + seen));
    assertThat(added.sender()).isEqualTo("conversation");
    assertThat(added.href()).isEqualTo(conversation.at("/_links/onlineMeeting/href").asText());
    assertThat(added.body().at("/in/rel").asText()).isEqualTo("conversation");
    assertThat(added.body().at("/in/href").asText()).isEqualTo(self);
    assertThat(added.body().path("_embedded").isMissingNode())
        .as("the page's sample embeds nothing")
        .isTrue();
    assertThat(seen.indexOf(added))
        .as("after the conversation that links it")
        .isGreaterThan(
            seen.indexOf(
                seen.stream()
                    .filter(e -> e.rel().equals("conversation") && e.type().equals("added"))
                    .findFirst()
                    .orElseThrow()));
    assertThat(seen.stream().filter(e -> e.rel().equals("onlineMeeting")).count())
        .as("added once, however often the roster arrives")
        .isEqualTo(1);
    assertThat(bob.get(added.href()).status()).isEqualTo(200);
  }

  @Test
  void escalatingATwoPartyConversationAddsItsOnlineMeetingForEveryMember() {
    UcwaClient alice = available("alice");
    UcwaClient bob = available("bob");
    UcwaClient carol = available("carol");
    alice.postJson(alice.link("communication/startMessaging"), "{\"to\":\"sip:bob@contoso.com\"}");
    JsonNode invitation = bob.events().await("messagingInvitation", "started").embedded();
    bob.post(invitation.at("/_links/accept/href").asText(), null, "", Map.of());
    String conversation =
        alice
            .events()
            .await("messagingInvitation", "completed")
            .embedded()
            .at("/_links/conversation/href")
            .asText();
    assertThat(alice.get(conversation).json().at("/_links/onlineMeeting").isMissingNode())
        .as("a two-party conversation has no onlineMeeting")
        .isTrue();
    String add = alice.get(conversation).json().at("/_links/addParticipant/href").asText();
    assertThat(alice.postJson(add, "{\"to\":\"sip:carol@contoso.com\"}").status()).isEqualTo(201);
    JsonNode meeting = carol.events().await("onlineMeetingInvitation", "started").embedded();
    carol.post(meeting.at("/_links/accept/href").asText(), null, "", Map.of());

    for (UcwaClient member : new UcwaClient[] {alice, bob, carol}) {
      Event added =
          member
              .events()
              .await(e -> e.rel().equals("onlineMeeting") && e.type().equals("added"), WITHIN);
      assertThat(added.sender()).isEqualTo("conversation");
      assertThat(member.get(added.href()).json().path("onlineMeetingUri").asText())
          .isEqualTo(meeting.path("onlineMeetingUri").asText());
    }
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
      awaitConversationUpdated(member, "audienceMessaging", "Disabled");
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
    awaitConversationUpdated(carol, "audienceMessaging", "Enabled");
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

    awaitConversationUpdated(carol, "audienceMute", "Enabled");
    assertThat(carol.get(carolConversation).json().path("audienceMute").asText())
        .isEqualTo("Enabled");
    awaitConversationUpdated(alice, "audienceMute", "Enabled");
    JsonNode leaderView = alice.get(aliceConversation).json();
    assertThat(leaderView.at("/_links/enableAudienceMuteLock").isMissingNode()).isTrue();
    String unlock = leaderView.at("/_links/disableAudienceMuteLock/href").asText();
    assertThat(alice.post(unlock, null, "", Map.of()).status()).isEqualTo(204);
    awaitConversationUpdated(carol, "audienceMute", "Disabled");
    assertJsonError(
        carol.post(carolConversation + "/enableAudienceMuteLock", null, "", Map.of()),
        403,
        "Forbidden",
        "AttendeeNotAllowed");
  }

  /**
   * Waits for the member's conversation {@code updated} event showing {@code property} at {@code
   * value}.
   */
  private static void awaitConversationUpdated(UcwaClient member, String property, String value) {
    member
        .events()
        .await(
            e ->
                e.rel().equals("conversation")
                    && e.type().equals("updated")
                    && e.embedded().path(property).asText().equals(value),
            WITHIN);
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
