package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openucwa.scenario.ErrorBody.assertJsonError;
import static org.openucwa.testing.Participants.addParticipant;
import static org.openucwa.testing.Participants.completedOperation;
import static org.openucwa.testing.Participants.twoParty;
import static org.openucwa.testing.Participants.uris;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucwa.application.Application;
import org.openucwa.testing.EventStream;
import org.openucwa.testing.EventStream.Event;
import org.openucwa.testing.Participants;
import org.openucwa.testing.Person;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;
import org.openucwa.testing.UcwaClient.Response;

/**
 * addParticipant and the participantInvitation it starts (participantInvitation_ref.md), with
 * alice, bob, carol and dave over real HTTP: each outcome of an invitation as both the inviter and
 * the invitee see it, the input addParticipant takes, and what the members of an ad hoc conference
 * see of each other: roles, promotion and demotion, ejection, leaving. Each test has a server of
 * its own, so that no application of another test takes an invitation.
 */
class ParticipantInvitationScenarioTest {

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

  // ---- adding participants ------------------------------------------------------------------

  @Test
  void a_fourth_user_joins_a_conference_and_the_invitation_succeeds_once_they_are_in_the_roster() {
    Person alice = available("alice");
    Person bob = available("bob");
    Person carol = available("carol");
    Person dave = available("dave");
    Conference conference = conference(alice, bob, carol);

    String invitation = addParticipant(carol, conference.of(carol), dave.uri(), "add-dave");

    Event started = carol.events().await("participantInvitation", "started");
    assertThat(started.href()).isEqualTo(invitation);
    assertThat(started.embedded().get("operationId").asText()).isEqualTo("add-dave");
    assertThat(started.embedded().get("state").asText()).isEqualTo("Connecting");
    assertThat(started.embedded().get("to").asText()).isEqualTo(dave.uri());
    String cancel = started.embedded().at("/_links/cancel/href").asText();
    assertThat(cancel).isNotEmpty();
    JsonNode meeting = dave.events().await("onlineMeetingInvitation", "started").embedded();
    assertThat(meeting.at("/_embedded/from/name").asText()).isEqualTo(carol.name());
    assertThat(
            dave.client()
                .post(meeting.at("/_links/accept/href").asText(), null, "", Map.of())
                .status())
        .isEqualTo(204);

    String daves = awaitState(dave, "Conferenced").href();
    assertThat(
            dave.events()
                .await("onlineMeetingInvitation", "completed")
                .body()
                .get("status")
                .asText())
        .isEqualTo("Success");
    assertThat(
            uris(
                dave.client()
                    .get(dave.client().get(daves).json().at("/_links/participants/href").asText())
                    .json()
                    .at("/_embedded/participant")))
        .containsExactlyInAnyOrder(alice.uri(), bob.uri(), carol.uri());
    for (Person member : List.of(alice, bob, carol)) {
      awaitParticipant(member, "added", dave);
      assertThat(member.client().get(conference.of(member)).json().get("participantCount").asInt())
          .as("participantCount seen by %s", member.name())
          .isEqualTo(4);
    }

    Event completed = carol.events().await("participantInvitation", "completed");
    assertThat(completed.body().get("status").asText()).isEqualTo("Success");
    assertThat(
            indexOf(
                carol,
                e ->
                    e.rel().equals("participant")
                        && e.type().equals("added")
                        && e.body().at("/link/title").asText().equals(dave.name())))
        .as("the participant is added before the invitation completes")
        .isLessThan(indexOf(carol, e -> e == completed));
    assertThat(completed.embedded().get("state").asText()).isEqualTo("Connected");
    assertThat(completed.embedded().get("operationId").asText()).isEqualTo("add-dave");
    assertThat(completed.embedded().at("/_embedded/acceptedByParticipant/0/uri").asText())
        .isEqualTo(dave.uri());
    String participant = completed.embedded().at("/_links/participant/href").asText();
    assertThat(participant).endsWith("/participants/dave@contoso.com");
    assertThat(carol.client().get(participant).json().get("uri").asText()).isEqualTo(dave.uri());
    JsonNode read = carol.client().get(invitation).json();
    assertThat(read.get("state").asText()).isEqualTo("Connected");
    assertThat(read.at("/_links/cancel").isMissingNode()).isTrue();

    assertJsonError(
        carol.client().post(cancel, null, "", Map.of()), 409, "Conflict", "OperationNotSupported");
    assertThat(participantUris(alice, conference.of(alice))).contains(dave.uri());
  }

  @Test
  void a_declined_invitation_fails_for_the_inviter_with_the_reason_declined() {
    Person alice = available("alice");
    Person bob = available("bob");
    Person carol = available("carol");
    String[] call = twoParty(alice, bob);

    String invitation = addParticipant(alice, call[0], carol.uri(), "add-carol");
    JsonNode meeting = carol.events().await("onlineMeetingInvitation", "started").embedded();
    assertThat(
            carol
                .client()
                .postJson(meeting.at("/_links/decline/href").asText(), "{\"reason\":\"Global\"}")
                .status())
        .isEqualTo(204);

    Event completed = alice.events().await("participantInvitation", "completed");
    assertThat(completed.href()).isEqualTo(invitation);
    assertThat(completed.body().get("status").asText()).isEqualTo("Failure");
    assertThat(completed.body().at("/reason/subcode").asText()).isEqualTo("Declined");
    assertThat(completed.embedded().get("state").asText()).isEqualTo("Declined");
    assertThat(alice.client().get(invitation).json().get("state").asText()).isEqualTo("Declined");
    assertThat(carol.events().await("conversation", "deleted")).isNotNull();
    assertThat(conversations(carol)).isEmpty();
    assertThat(participantUris(alice, call[0])).containsExactly(bob.uri());
  }

  @Test
  void an_unanswered_invitation_times_out_and_is_withdrawn_from_the_invitee() {
    server.close();
    server = TestServer.start(b -> b.invitationTimeout(Duration.ofSeconds(2)));
    Person alice = available("alice");
    Person bob = available("bob");
    Person carol = available("carol");
    String[] call = twoParty(alice, bob);

    String invitation = addParticipant(alice, call[0], carol.uri(), "add-carol");
    JsonNode meeting = carol.events().await("onlineMeetingInvitation", "started").embedded();
    assertThat(meeting.get("state").asText()).isEqualTo("Connecting");

    Event completed = alice.events().await("participantInvitation", "completed");
    assertThat(completed.href()).isEqualTo(invitation);
    assertThat(completed.body().get("status").asText()).isEqualTo("Failure");
    assertThat(completed.body().at("/reason/subcode").asText()).isEqualTo("Timeout");
    assertThat(alice.client().get(invitation).json().get("state").asText()).isEqualTo("Failed");

    Event withdrawn = carol.events().await("onlineMeetingInvitation", "completed");
    assertThat(withdrawn.body().get("status").asText()).isEqualTo("Failure");
    assertThat(withdrawn.body().at("/reason/subcode").asText()).isEqualTo("Timeout");
    assertThat(carol.events().await("conversation", "deleted").href())
        .isEqualTo(meeting.at("/_links/conversation/href").asText());
    assertThat(conversations(carol)).isEmpty();
    assertThat(
            carol
                .client()
                .post(meeting.at("/_links/accept/href").asText(), null, "", Map.of())
                .status())
        .as("accepting a withdrawn invitation")
        .isIn(404, 409);
  }

  @Test
  void a_canceled_invitation_fails_on_both_sides_and_cannot_be_canceled_again() {
    Person alice = available("alice");
    Person bob = available("bob");
    Person carol = available("carol");
    String[] call = twoParty(alice, bob);

    String invitation = addParticipant(alice, call[0], carol.uri(), "add-carol");
    String cancel =
        alice
            .events()
            .await("participantInvitation", "started")
            .embedded()
            .at("/_links/cancel/href")
            .asText();
    JsonNode meeting = carol.events().await("onlineMeetingInvitation", "started").embedded();
    assertThat(alice.client().post(cancel, null, "", Map.of()).status()).isEqualTo(204);

    Event completed = alice.events().await("participantInvitation", "completed");
    assertThat(completed.href()).isEqualTo(invitation);
    assertThat(completed.body().get("status").asText()).isEqualTo("Failure");
    assertThat(completed.body().at("/reason/subcode").asText()).isEqualTo("Canceled");
    JsonNode read = alice.client().get(invitation).json();
    assertThat(read.get("state").asText()).isEqualTo("Cancelled");
    assertThat(read.at("/_links/cancel").isMissingNode()).isTrue();

    Event withdrawn = carol.events().await("onlineMeetingInvitation", "completed");
    assertThat(withdrawn.body().get("status").asText()).isEqualTo("Failure");
    assertThat(withdrawn.body().at("/reason/subcode").asText()).isEqualTo("Canceled");
    assertThat(withdrawn.embedded().get("state").asText()).isEqualTo("Cancelled");
    assertThat(carol.events().await("conversation", "deleted").href())
        .isEqualTo(meeting.at("/_links/conversation/href").asText());
    assertThat(conversations(carol)).isEmpty();

    assertJsonError(
        alice.client().post(cancel, null, "", Map.of()), 409, "Conflict", "OperationNotSupported");
    assertThat(alice.events().drain()).noneMatch(e -> e.rel().equals("participantInvitation"));
  }

  @Test
  void inviting_an_unknown_user_fails_at_once_with_destination_not_found() {
    Person alice = available("alice");
    Person bob = available("bob");
    String[] call = twoParty(alice, bob);

    String invitation = addParticipant(alice, call[0], "sip:nobody@contoso.com", "add-nobody");

    Event completed = alice.events().await("participantInvitation", "completed");
    assertThat(completed.href()).isEqualTo(invitation);
    assertThat(completed.body().get("status").asText()).isEqualTo("Failure");
    assertThat(completed.body().at("/reason/subcode").asText()).isEqualTo("DestinationNotFound");
    assertThat(completed.embedded().get("operationId").asText()).isEqualTo("add-nobody");
    assertThat(alice.client().get(invitation).json().get("state").asText()).isEqualTo("Failed");
  }

  @Test
  void inviting_a_user_with_no_available_application_fails_promptly() {
    Person alice = available("alice");
    Person bob = available("bob");
    Person dave = signedInOnly("dave");
    String[] call = twoParty(alice, bob);

    Instant asked = Instant.now();
    String invitation = addParticipant(alice, call[0], dave.uri(), "add-dave");

    Event completed = alice.events().await("participantInvitation", "completed");
    assertThat(Duration.between(asked, Instant.now())).isLessThan(Duration.ofSeconds(10));
    assertThat(completed.href()).isEqualTo(invitation);
    assertThat(completed.body().get("status").asText()).isEqualTo("Failure");
    assertThat(completed.body().at("/reason/subcode").asText()).isEqualTo("TemporarilyUnavailable");
    assertThat(dave.events().drain()).noneMatch(e -> e.rel().equals("onlineMeetingInvitation"));
  }

  @Test
  void inviting_a_member_or_oneself_is_a_conflict_that_changes_nothing() {
    Person alice = available("alice");
    Person bob = available("bob");
    Person carol = available("carol");
    String[] call = twoParty(alice, bob);
    String add = alice.client().get(call[0]).json().at("/_links/addParticipant/href").asText();
    alice.events().drain();
    bob.events().drain();

    for (String to : List.of(bob.uri(), "sip:BOB@contoso.com", alice.uri())) {
      assertJsonError(
          alice.client().postJson(add, "{\"to\":\"" + to + "\"}"),
          409,
          "Conflict",
          "AlreadyExists");
    }

    assertThat(alice.events().drain()).isEmpty();
    assertThat(bob.events().drain()).isEmpty();
    assertThat(alice.client().get(call[0]).json().get("state").asText()).isEqualTo("Connected");

    Conference conference = conference(alice, bob, carol);
    String inConference =
        carol.client().get(conference.of(carol)).json().at("/_links/addParticipant/href").asText();
    carol.events().drain();
    for (String to : List.of(alice.uri(), bob.uri(), carol.uri())) {
      assertJsonError(
          carol.client().postJson(inConference, "{\"to\":\"" + to + "\"}"),
          409,
          "Conflict",
          "AlreadyExists");
    }
    assertThat(carol.events().drain()).isEmpty();
    assertThat(participantUris(alice, conference.of(alice)))
        .containsExactlyInAnyOrder(bob.uri(), carol.uri());
  }

  @Test
  void two_invitations_pending_at_once_are_tracked_each_on_its_own() {
    Person alice = available("alice");
    Person bob = available("bob");
    Person carol = available("carol");
    Person dave = available("dave");
    String[] call = twoParty(alice, bob);

    String toCarol = addParticipant(alice, call[0], carol.uri(), "add-carol");
    String toDave = addParticipant(alice, call[0], dave.uri(), "add-dave");
    assertThat(toCarol).isNotEqualTo(toDave);

    JsonNode carolsInvitation =
        carol.events().await("onlineMeetingInvitation", "started").embedded();
    JsonNode davesInvitation = dave.events().await("onlineMeetingInvitation", "started").embedded();
    assertThat(davesInvitation.get("onlineMeetingUri").asText())
        .isEqualTo(carolsInvitation.get("onlineMeetingUri").asText());
    assertThat(
            dave.client()
                .post(davesInvitation.at("/_links/decline/href").asText(), null, "", Map.of())
                .status())
        .isEqualTo(204);
    assertThat(
            carol
                .client()
                .post(carolsInvitation.at("/_links/accept/href").asText(), null, "", Map.of())
                .status())
        .isEqualTo(204);

    Event carolDone = alice.events().await(completedOperation(toCarol), WITHIN);
    Event daveDone =
        alice.events().all().stream()
            .filter(completedOperation(toDave))
            .findFirst()
            .orElseGet(() -> alice.events().await(completedOperation(toDave), WITHIN));
    assertThat(carolDone.body().get("status").asText()).isEqualTo("Success");
    assertThat(carolDone.embedded().get("operationId").asText()).isEqualTo("add-carol");
    assertThat(daveDone.body().get("status").asText()).isEqualTo("Failure");
    assertThat(daveDone.body().at("/reason/subcode").asText()).isEqualTo("Declined");
    assertThat(daveDone.embedded().get("operationId").asText()).isEqualTo("add-dave");
    assertThat(alice.client().get(toCarol).json().get("state").asText()).isEqualTo("Connected");
    assertThat(alice.client().get(toDave).json().get("state").asText()).isEqualTo("Declined");

    awaitParticipant(bob, "added", carol);
    assertThat(participantUris(alice, call[0])).containsExactlyInAnyOrder(bob.uri(), carol.uri());
    assertThat(conversations(dave)).isEmpty();
  }

  @Test
  void an_invitation_pending_when_the_inviter_leaves_fails_and_is_withdrawn() {
    Person alice = available("alice");
    Person bob = available("bob");
    Person dave = available("dave");
    String[] call = twoParty(alice, bob);

    String invitation = addParticipant(alice, call[0], dave.uri(), "add-dave");
    JsonNode meeting = dave.events().await("onlineMeetingInvitation", "started").embedded();
    awaitState(alice, "Conferenced");
    assertThat(alice.client().post(stopMessaging(alice, call[0]), null, "", Map.of()).status())
        .isEqualTo(204);

    Event completed = alice.events().await("participantInvitation", "completed");
    assertThat(completed.href()).isEqualTo(invitation);
    assertThat(completed.body().get("status").asText()).isEqualTo("Failure");
    assertThat(completed.body().at("/reason").isMissingNode()).isFalse();
    assertThat(alice.events().await("conversation", "deleted").href()).isEqualTo(call[0]);

    Event withdrawn = dave.events().await("onlineMeetingInvitation", "completed");
    assertThat(withdrawn.body().get("status").asText()).isEqualTo("Failure");
    assertThat(dave.events().await("conversation", "deleted").href())
        .isEqualTo(meeting.at("/_links/conversation/href").asText());
    assertThat(conversations(dave)).isEmpty();
    awaitParticipant(bob, "deleted", alice);
  }

  @Test
  void the_started_event_carries_the_operation_id_even_when_it_comes_before_the_201()
      throws InterruptedException {
    Person alice = available("alice");
    Person bob = available("bob");
    Person carol = available("carol");
    String[] call = twoParty(alice, bob);
    String add = alice.client().get(call[0]).json().at("/_links/addParticipant/href").asText();

    EventStream.Held pending = alice.events().hold();
    awaitHeld(alice);
    Response created =
        alice
            .client()
            .postJson(add, "{\"to\":\"" + carol.uri() + "\",\"operationId\":\"early-bird\"}");
    pending.join();

    assertThat(created.status()).as(created.body()).isEqualTo(201);
    Event started = alice.events().await("participantInvitation", "started");
    assertThat(started.embedded().get("operationId").asText()).isEqualTo("early-bird");
    assertThat(started.href()).isEqualTo(created.header("Location"));
  }

  // ---- the input addParticipant takes ---------------------------------------------------------

  @Test
  void invalid_parameters_are_refused_naming_the_parameter_and_change_nothing() {
    Person alice = available("alice");
    Person bob = available("bob");
    Person carol = available("carol");
    String[] call = twoParty(alice, bob);
    String add = alice.client().get(call[0]).json().at("/_links/addParticipant/href").asText();
    alice.events().drain();
    bob.events().drain();
    carol.events().drain();

    Map<String, String> refused =
        Map.of(
            "{\"to\":\"" + carol.uri() + "\",\"operationId\":\"" + "o".repeat(51) + "\"}",
            "operationId",
            "{\"to\":\"carol\"}",
            "to",
            "{\"to\":\"sip:carol@contoso.com;transport=tcp\"}",
            "to",
            "{\"operationId\":\"no-to\"}",
            "to",
            "{\"to\":\"\"}",
            "to");
    refused.forEach(
        (body, parameter) -> {
          ErrorBody e =
              assertJsonError(
                  alice.client().postJson(add, body),
                  400,
                  "BadRequest",
                  "ParameterValidationFailure");
          assertThat(e.parameters()).as("parameters of %s", body).containsKey(parameter);
        });
    ErrorBody xml =
        assertJsonError(
            alice
                .client()
                .post(
                    add,
                    "application/xml",
                    input(Map.of("operationId", "x")),
                    Map.of("Accept", "application/json")),
            400,
            "BadRequest",
            "ParameterValidationFailure");
    assertThat(xml.parameters()).containsKey("to");
    for (Person p : List.of(alice, bob, carol)) {
      assertThat(p.events().drain()).as("events of %s", p.name()).isEmpty();
    }
    assertThat(alice.client().get(call[0]).json().get("state").asText()).isEqualTo("Connected");

    assertThat(
            alice
                .client()
                .postJson(
                    add,
                    "{\"to\":\"" + carol.uri() + "\",\"operationId\":\"" + "o".repeat(50) + "\"}")
                .status())
        .as("50 characters are allowed")
        .isEqualTo(201);
    assertThat(
            alice
                .events()
                .await("participantInvitation", "started")
                .embedded()
                .get("operationId")
                .asText())
        .hasSize(50);
    assertThat(carol.events().await("onlineMeetingInvitation", "started")).isNotNull();
  }

  @Test
  void add_participant_takes_json_xml_or_query_parameters() {
    Person alice = available("alice");
    Person bob = available("bob");
    Person carol = available("carol");
    Person dave = available("dave");
    String[] call = twoParty(alice, bob);
    String add = alice.client().get(call[0]).json().at("/_links/addParticipant/href").asText();

    Response json =
        alice
            .client()
            .postJson(add, "{\"To\":\"" + carol.uri() + "\",\"OperationId\":\"by-json\"}");
    assertThat(json.status()).as(json.body()).isEqualTo(201);
    Event byJson = alice.events().await("participantInvitation", "started");
    assertThat(byJson.embedded().get("to").asText()).isEqualTo(carol.uri());
    assertThat(byJson.embedded().get("operationId").asText()).isEqualTo("by-json");
    carol.events().await("onlineMeetingInvitation", "started");
    alice.client().post(byJson.embedded().at("/_links/cancel/href").asText(), null, "", Map.of());
    carol.events().await("onlineMeetingInvitation", "completed");

    Response xml =
        alice
            .client()
            .post(
                add,
                "application/xml",
                input(Map.of("operationId", "by-xml", "to", dave.uri())),
                Map.of());
    assertThat(xml.status()).as(xml.body()).isEqualTo(201);
    Event byXml = alice.events().await("participantInvitation", "started");
    assertThat(byXml.href()).isEqualTo(xml.header("Location"));
    assertThat(byXml.embedded().get("to").asText()).isEqualTo(dave.uri());
    assertThat(byXml.embedded().get("operationId").asText()).isEqualTo("by-xml");
    assertThat(dave.events().await("onlineMeetingInvitation", "started")).isNotNull();

    Response query =
        alice
            .client()
            .post(
                UcwaClient.withQuery(
                    add,
                    "to="
                        + URLEncoder.encode(carol.uri(), StandardCharsets.UTF_8)
                        + "&operationId=by-query"),
                null,
                "",
                Map.of());
    assertThat(query.status()).as(query.body()).isEqualTo(201);
    Event byQuery = alice.events().await("participantInvitation", "started");
    assertThat(byQuery.href()).isEqualTo(query.header("Location"));
    assertThat(byQuery.embedded().get("to").asText()).isEqualTo(carol.uri());
    assertThat(byQuery.embedded().get("operationId").asText()).isEqualTo("by-query");
    assertThat(carol.events().await("onlineMeetingInvitation", "started")).isNotNull();
  }

  @Test
  void a_token_without_conversation_scopes_may_neither_add_nor_read_a_participant_invitation() {
    Person alice = available("alice");
    Person bob = available("bob");
    Person carol = available("carol");
    String[] call = twoParty(alice, bob);
    String add = alice.client().get(call[0]).json().at("/_links/addParticipant/href").asText();
    alice.events().drain();
    carol.events().drain();
    UcwaClient limited = server.client("alice").scope("Contacts.ReadWrite");
    limited.createApplication(alice.client().application().get("endpointId").asText());

    assertJsonError(
        limited.postJson(add, "{\"to\":\"" + carol.uri() + "\"}"), 403, "Forbidden", null);
    assertThat(alice.events().drain()).isEmpty();
    assertThat(carol.events().drain()).isEmpty();

    String invitation = addParticipant(alice, call[0], carol.uri(), "add-carol");
    assertJsonError(limited.get(invitation), 403, "Forbidden", null);
    assertThat(alice.client().get(invitation).status()).isEqualTo(200);
  }

  // ---- roles and moderation -----------------------------------------------------------------

  @Test
  void the_organizer_leads_and_a_promotion_or_demotion_is_seen_by_everyone() {
    Person alice = available("alice");
    Person bob = available("bob");
    Person carol = available("carol");
    Conference conference = conference(alice, bob, carol);

    JsonNode aliceHerself = local(alice, conference.of(alice));
    assertThat(aliceHerself.get("role").asText()).isEqualTo("Leader");
    assertThat(aliceHerself.get("organizer").asBoolean()).isTrue();
    JsonNode bobHimself = local(bob, conference.of(bob));
    assertThat(bobHimself.get("role").asText()).isEqualTo("Attendee");
    assertThat(bobHimself.get("organizer").asBoolean()).isFalse();
    for (Person viewer : List.of(alice, bob, carol)) {
      String mine = conference.of(viewer);
      assertThat(roleMembers(viewer, mine, "leaders"))
          .as("leaders seen by %s", viewer.name())
          .containsExactly(alice.name());
      assertThat(roleMembers(viewer, mine, "attendees"))
          .as("attendees seen by %s", viewer.name())
          .containsExactlyInAnyOrder(bob.name(), carol.name());
      for (JsonNode p : participants(viewer, mine)) {
        boolean organizer = p.get("uri").asText().equals(alice.uri());
        assertThat(p.get("role").asText()).isEqualTo(organizer ? "Leader" : "Attendee");
        assertThat(p.get("organizer").asBoolean()).isEqualTo(organizer);
      }
    }
    JsonNode bobSeenByAlice = participant(alice, conference.of(alice), bob.uri());
    assertThat(bobSeenByAlice.at("/_links/eject/href").asText()).isNotEmpty();
    assertThat(bobSeenByAlice.at("/_links/demote").isMissingNode()).isTrue();
    for (JsonNode p : participants(bob, conference.of(bob))) {
      assertThat(p.at("/_links/eject").isMissingNode()).as("an attendee may not eject").isTrue();
      assertThat(p.at("/_links/promote").isMissingNode()).isTrue();
      assertThat(p.at("/_links/demote").isMissingNode()).isTrue();
    }

    assertThat(
            alice
                .client()
                .post(bobSeenByAlice.at("/_links/promote/href").asText(), null, "", Map.of())
                .status())
        .isEqualTo(204);

    assertThat(
            bob.events()
                .await(
                    e -> e.rel().equals("localParticipant") && e.type().equals("updated"), WITHIN)
                .embedded()
                .get("role")
                .asText())
        .isEqualTo("Leader");
    for (Person other : List.of(alice, carol)) {
      awaitParticipant(other, "updated", bob);
      assertThat(participant(other, conference.of(other), bob.uri()).get("role").asText())
          .isEqualTo("Leader");
    }
    assertThat(roleMembers(carol, conference.of(carol), "leaders"))
        .containsExactlyInAnyOrder(alice.name(), bob.name());
    JsonNode carolSeenByBob = participant(bob, conference.of(bob), carol.uri());
    String eject = carolSeenByBob.at("/_links/eject/href").asText();
    assertThat(eject).isNotEmpty();
    assertThat(carolSeenByBob.at("/_links/promote/href").asText()).isNotEmpty();
    JsonNode aliceSeenByBob = participant(bob, conference.of(bob), alice.uri());
    assertThat(aliceSeenByBob.at("/_links/demote").isMissingNode())
        .as("the organizer cannot be demoted")
        .isTrue();
    String demote =
        participant(alice, conference.of(alice), bob.uri()).at("/_links/demote/href").asText();

    assertThat(alice.client().post(demote, null, "", Map.of()).status()).isEqualTo(204);

    assertThat(
            bob.events()
                .await(
                    e -> e.rel().equals("localParticipant") && e.type().equals("updated"), WITHIN)
                .embedded()
                .get("role")
                .asText())
        .isEqualTo("Attendee");
    for (Person other : List.of(alice, carol)) {
      awaitParticipant(other, "updated", bob);
      assertThat(participant(other, conference.of(other), bob.uri()).get("role").asText())
          .isEqualTo("Attendee");
    }
    assertThat(
            participant(bob, conference.of(bob), carol.uri()).at("/_links/eject").isMissingNode())
        .isTrue();
    assertJsonError(
        bob.client().post(eject, null, "", Map.of()), 403, "Forbidden", "AttendeeNotAllowed");
    assertThat(carol.events().drain())
        .noneMatch(e -> e.type().equals("deleted") && e.body().path("in").isMissingNode());
    assertThat(participantUris(alice, conference.of(alice))).contains(carol.uri());
  }

  @Test
  void an_ejected_participant_leaves_with_the_reason_ejected_and_everyone_sees_it() {
    Person alice = available("alice");
    Person bob = available("bob");
    Person carol = available("carol");
    Conference conference = conference(alice, bob, carol);

    String eject =
        participant(alice, conference.of(alice), carol.uri()).at("/_links/eject/href").asText();
    assertThat(alice.client().post(eject, null, "", Map.of()).status()).isEqualTo(204);

    Event gone = carol.events().await("conversation", "deleted");
    assertThat(gone.href()).isEqualTo(conference.of(carol));
    assertThat(gone.body().at("/reason/subcode").asText()).isEqualTo("Ejected");
    assertThat(conversations(carol)).isEmpty();
    for (Person other : List.of(alice, bob)) {
      Event deleted = awaitParticipant(other, "deleted", carol);
      assertThat(deleted.body().at("/reason/subcode").asText()).isEqualTo("Ejected");
      assertThat(participantUris(other, conference.of(other))).doesNotContain(carol.uri());
    }
  }

  @Test
  void whoever_leaves_is_seen_leaving_and_the_conference_ends_with_its_last_member() {
    Person alice = available("alice");
    Person bob = available("bob");
    Person carol = available("carol");
    Conference conference = conference(alice, bob, carol);
    String add =
        alice.client().get(conference.of(alice)).json().at("/_links/addParticipant/href").asText();

    assertThat(
            bob.client().post(stopMessaging(bob, conference.of(bob)), null, "", Map.of()).status())
        .isEqualTo(204);
    assertThat(bob.events().await("conversation", "deleted").href()).isEqualTo(conference.of(bob));
    for (Person other : List.of(alice, carol)) {
      awaitParticipant(other, "deleted", bob);
      assertThat(participantUris(other, conference.of(other))).doesNotContain(bob.uri());
    }

    assertThat(
            alice
                .client()
                .post(stopMessaging(alice, conference.of(alice)), null, "", Map.of())
                .status())
        .isEqualTo(204);
    awaitParticipant(carol, "deleted", alice);
    assertThat(participantUris(carol, conference.of(carol))).isEmpty();

    assertThat(
            carol
                .client()
                .post(stopMessaging(carol, conference.of(carol)), null, "", Map.of())
                .status())
        .isEqualTo(204);
    carol.events().await("conversation", "deleted");
    for (Person p : List.of(alice, bob, carol)) {
      assertThat(conversations(p)).as("conversations of %s", p.name()).isEmpty();
    }
    assertThat(alice.client().postJson(add, "{\"to\":\"sip:dave@contoso.com\"}").status())
        .isEqualTo(404);
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** Each member's conversation of one conference, by user URI. */
  private record Conference(Map<String, String> conversations) {
    String of(Person p) {
      return conversations.get(p.uri());
    }
  }

  private Person signedInOnly(String user) {
    UcwaClient c = server.client(user);
    String endpoint = "invitations-" + (++endpoints);
    c.createApplication(endpoint);
    String display = Character.toUpperCase(user.charAt(0)) + user.substring(1) + " Test";
    return new Person(display, "sip:" + user + "@contoso.com", c);
  }

  private Person available(String user) {
    Person p = signedInOnly(user);
    p.client().makeAvailable();
    return p;
  }

  /** a and b in a call, a adds c, c accepts; returns once everyone sees everyone. */
  private Conference conference(Person a, Person b, Person c) {
    String[] call = twoParty(a, b);
    addParticipant(a, call[0], c.uri(), "add-" + c.name());
    JsonNode meeting = c.events().await("onlineMeetingInvitation", "started").embedded();
    c.client().post(meeting.at("/_links/accept/href").asText(), null, "", Map.of());
    String cs = awaitState(c, "Conferenced").href();
    c.events().await("onlineMeetingInvitation", "completed");
    a.events().await("participantInvitation", "completed");
    awaitParticipant(b, "added", c);
    return new Conference(Map.of(a.uri(), call[0], b.uri(), call[1], c.uri(), cs));
  }

  private static Event awaitState(Person p, String state) {
    return p.events()
        .await(
            e ->
                e.rel().equals("conversation") && e.embedded().path("state").asText().equals(state),
            WITHIN);
  }

  private static Event awaitParticipant(Person viewer, String type, Person who) {
    return Participants.awaitParticipant(viewer, type, who, WITHIN);
  }

  private static int indexOf(Person p, Predicate<Event> match) {
    List<Event> all = p.events().all();
    for (int i = 0; i < all.size(); i++) {
      if (match.test(all.get(i))) {
        return i;
      }
    }
    throw new AssertionError("no such event; seen: " + all);
  }

  private static String stopMessaging(Person p, String conversation) {
    String messaging = p.client().get(conversation).json().at("/_links/messaging/href").asText();
    return p.client().get(messaging).json().at("/_links/stopMessaging/href").asText();
  }

  private static List<String> conversations(Person p) {
    JsonNode links =
        p.client()
            .get(p.client().link("communication/conversations"))
            .json()
            .at("/_links/conversation");
    return hrefs(links);
  }

  private static List<JsonNode> participants(Person viewer, String conversation) {
    String href = viewer.client().get(conversation).json().at("/_links/participants/href").asText();
    List<JsonNode> out = new ArrayList<>();
    viewer.client().get(href).json().at("/_embedded/participant").forEach(out::add);
    return out;
  }

  private static List<String> participantUris(Person viewer, String conversation) {
    return participants(viewer, conversation).stream().map(p -> p.get("uri").asText()).toList();
  }

  private static JsonNode participant(Person viewer, String conversation, String uri) {
    return participants(viewer, conversation).stream()
        .filter(p -> p.get("uri").asText().equals(uri))
        .findFirst()
        .orElseThrow(() -> new AssertionError(uri + " is not in " + conversation));
  }

  private static JsonNode local(Person p, String conversation) {
    return p.client()
        .get(p.client().get(conversation).json().at("/_links/localParticipant/href").asText())
        .json();
  }

  /** The titles of the participant links of leaders or attendees. */
  private static List<String> roleMembers(Person viewer, String conversation, String rel) {
    String href = viewer.client().get(conversation).json().at("/_links/" + rel + "/href").asText();
    List<String> titles = new ArrayList<>();
    viewer
        .client()
        .get(href)
        .json()
        .at("/_links/participant")
        .forEach(l -> titles.add(l.get("title").asText()));
    return titles;
  }

  private static List<String> hrefs(JsonNode links) {
    List<String> out = new ArrayList<>();
    if (links.isArray()) {
      links.forEach(l -> out.add(l.get("href").asText()));
    } else if (!links.isMissingNode()) {
      out.add(links.get("href").asText());
    }
    return out;
  }

  /** An XML {@code <input>} of these properties, as addParticipant_ref.md shows it. */
  private static String input(Map<String, String> properties) {
    StringBuilder b =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<input xmlns=\""
                + ErrorBody.UCWA_NS
                + "\">");
    properties.forEach(
        (k, v) ->
            b.append("<property name=\"").append(k).append("\">").append(v).append("</property>"));
    return b.append("</input>").toString();
  }

  /** Waits until the server holds a P-GET of the person's application. */
  private void awaitHeld(Person p) throws InterruptedException {
    Application app = server.server().applications().applicationsOf(p.uri()).getFirst();
    Instant deadline = Instant.now().plus(WITHIN);
    while (app.events().idleFor().isPresent()) {
      assertThat(Instant.now()).as("a held P-GET").isBefore(deadline);
      Thread.sleep(5);
    }
  }
}
