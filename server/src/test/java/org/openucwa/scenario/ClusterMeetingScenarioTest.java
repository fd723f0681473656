package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.EventStream;
import org.openucwa.testing.EventStream.Event;
import org.openucwa.testing.Meetings;
import org.openucwa.testing.Participants;
import org.openucwa.testing.TestCluster;
import org.openucwa.testing.UcwaClient;

/**
 * Meetings across the nodes of a three-node cluster, the conference focused on its organizer's
 * node: a locked ad hoc meeting's lobby, whose leader admits one invitee and turns another away,
 * each on another node; a scheduled meeting joined by its URI by users homed on other nodes than
 * its organizer (before the organizer is in it), one of them waiting in the lobby; and an anonymous
 * guest homed on another node than the meeting's organizer, waiting in the lobby, admitted, and
 * chatting. The events are those of a single node.
 */
class ClusterMeetingScenarioTest {

  private static final Duration WITHIN = Duration.ofSeconds(20);

  private static TestCluster cluster;
  private static final Set<String> used = new HashSet<>();

  @BeforeAll
  static void start() {
    cluster = TestCluster.start(3, b -> b.invitationTimeout(Duration.ofSeconds(15)));
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void a_leader_admits_and_rejects_invitees_of_other_nodes_from_the_lobby() {
    Person organizer = available(0);
    Person admitted = available(1);
    Person rejected = available(2);
    JsonNode meeting = startMeeting(organizer, "Locked");
    String add = meeting.at("/_links/addParticipant/href").asText();

    organizer.client.postJson(add, "{\"to\":\"" + admitted.uri + "\",\"operationId\":\"one\"}");
    JsonNode invitation = admitted.events().await("onlineMeetingInvitation", "started").embedded();
    admitted.client.post(invitation.at("/_links/accept/href").asText(), null, "", Map.of());
    awaitState(admitted, "InLobby");
    Event waiting = awaitParticipant(organizer, "added", admitted.name);
    JsonNode seen = organizer.client.get(waiting.href()).json();
    assertThat(seen.get("inLobby").asBoolean()).isTrue();
    assertThat(
            organizer
                .client
                .get(meeting.at("/_links/lobby/href").asText())
                .json()
                .at("/_embedded/participant/0/name")
                .asText())
        .isEqualTo(admitted.name);
    assertThat(organizer.events().await("participantInvitation", "updated").embedded().get("state"))
        .hasToString("\"Connecting\"");

    assertThat(
            organizer
                .client
                .post(seen.at("/_links/admit/href").asText(), null, "", Map.of())
                .status())
        .isEqualTo(204);
    awaitState(admitted, "Conferenced");
    Event success = organizer.events().await("participantInvitation", "completed");
    assertThat(success.body().get("status").asText()).isEqualTo("Success");
    assertThat(organizer.client.get(waiting.href()).json().get("inLobby").asBoolean()).isFalse();

    organizer.client.postJson(add, "{\"to\":\"" + rejected.uri + "\",\"operationId\":\"two\"}");
    JsonNode second = rejected.events().await("onlineMeetingInvitation", "started").embedded();
    rejected.client.post(second.at("/_links/accept/href").asText(), null, "", Map.of());
    awaitState(rejected, "InLobby");
    JsonNode rejectedSeen =
        organizer.client.get(awaitParticipant(organizer, "added", rejected.name).href()).json();
    assertThat(
            organizer
                .client
                .post(rejectedSeen.at("/_links/reject/href").asText(), null, "", Map.of())
                .status())
        .isEqualTo(204);

    Event denied = organizer.events().await("participantInvitation", "completed");
    assertThat(denied.body().get("status").asText()).isEqualTo("Failure");
    assertThat(denied.body().at("/reason/subcode").asText()).isEqualTo("Denied");
    assertThat(
            rejected
                .events()
                .await("conversation", "deleted")
                .body()
                .at("/reason/subcode")
                .asText())
        .isEqualTo("Denied");
    // the admitted member, on a third node, never saw the rejected one enter
    assertThat(admitted.events().all())
        .noneMatch(
            e ->
                e.rel().equals("participant")
                    && e.body().at("/link/title").asText().equals(rejected.name));
  }

  @Test
  void users_of_other_nodes_join_a_scheduled_meeting_by_its_uri_before_its_organizer() {
    Person organizer = available(0);
    Person leader = available(1);
    Person attendee = available(2);
    Person uninvited = available(1);
    JsonNode meeting =
        schedule(
            organizer,
            "{\"subject\":\"Planning\",\"accessLevel\":\"Invited\",\"leaders\":[\""
                + leader.uri
                + "\"],\"attendees\":[\""
                + attendee.uri
                + "\"]}");

    join(leader, meeting.path("joinUrl").asText(), null);
    JsonNode leaders = awaitState(leader, "Conferenced").embedded();
    assertThat(localRole(leader, leaders)).isEqualTo("Leader");
    assertThat(
            leader
                .events()
                .await("onlineMeetingInvitation", "completed")
                .body()
                .get("status")
                .asText())
        .isEqualTo("Success");

    join(attendee, meeting.path("onlineMeetingUri").asText(), null);
    JsonNode attendees = awaitState(attendee, "Conferenced").embedded();
    assertThat(localRole(attendee, attendees)).isEqualTo("Attendee");
    awaitParticipant(leader, "added", attendee.name);

    join(uninvited, meeting.path("onlineMeetingUri").asText(), null);
    awaitState(uninvited, "InLobby");
    JsonNode waiting =
        leader.client.get(awaitParticipant(leader, "added", uninvited.name).href()).json();
    assertThat(waiting.path("inLobby").asBoolean()).isTrue();
    assertThat(
            leader
                .client
                .post(waiting.at("/_links/admit/href").asText(), null, "", Map.of())
                .status())
        .isEqualTo(204);
    awaitState(uninvited, "Conferenced");

    join(organizer, meeting.path("onlineMeetingUri").asText(), null);
    JsonNode organizers = awaitState(organizer, "Conferenced").embedded();
    assertThat(localRole(organizer, organizers)).isEqualTo("Leader");
    for (Person member : new Person[] {leader, attendee, uninvited}) {
      awaitParticipant(member, "added", organizer.name);
    }
  }

  @Test
  void a_guest_homed_on_another_node_waits_in_the_lobby_is_admitted_and_chats() {
    Person organizer = available(0);
    JsonNode meeting =
        schedule(organizer, "{\"subject\":\"Open house\",\"accessLevel\":\"SameEnterprise\"}");
    join(organizer, meeting.path("onlineMeetingUri").asText(), null);
    String conversation = awaitState(organizer, "Conferenced").href();

    UcwaClient guest = guestHomedAwayFrom(0, meeting);
    guest.createAnonApplication();
    Person visitor = new Person("guest", "Visitor from Fabrikam", "", guest);
    join(visitor, meeting.path("joinUrl").asText(), visitor.name);

    awaitState(visitor, "InLobby");
    JsonNode seen =
        organizer.client.get(awaitParticipant(organizer, "added", visitor.name).href()).json();
    assertThat(seen.path("anonymous").asBoolean()).isTrue();
    assertThat(seen.path("inLobby").asBoolean()).isTrue();
    assertThat(
            organizer
                .client
                .post(seen.at("/_links/admit/href").asText(), null, "", Map.of())
                .status())
        .isEqualTo(204);

    JsonNode guests = awaitState(visitor, "Conferenced").embedded();
    String send =
        guest
            .get(guests.at("/_links/messaging/href").asText())
            .json()
            .at("/_links/sendMessage/href")
            .asText();
    assertThat(guest.post(send, "text/plain", "hello from outside", Map.of()).status())
        .isEqualTo(201);
    Event heard = awaitIncoming(organizer);
    assertThat(heard.embedded().at("/_links/plainMessage/href").asText())
        .endsWith(",hello+from+outside");
    assertThat(heard.embedded().at("/_links/participant/title").asText()).isEqualTo(visitor.name);

    String reply =
        organizer
            .client
            .get(organizer.client.get(conversation).json().at("/_links/messaging/href").asText())
            .json()
            .at("/_links/sendMessage/href")
            .asText();
    organizer.client.post(reply, "text/plain", "welcome", Map.of());
    Event answer = awaitIncoming(visitor);
    assertThat(answer.embedded().at("/_links/plainMessage/href").asText()).endsWith(",welcome");
    assertThat(answer.embedded().at("/_links/participant/title").asText())
        .isEqualTo(organizer.name);
  }

  // ---- helpers --------------------------------------------------------------------------------

  private record Person(String user, String name, String uri, UcwaClient client) {
    EventStream events() {
      return client.events();
    }
  }

  /** A user homed on {@code home}, signed in through another node, available for messaging. */
  private static Person available(int home) {
    String user = cluster.homedOn(home, 1, used).get(0);
    used.add(user);
    UcwaClient c = cluster.client(user, (home + 1) % cluster.size());
    c.signIn();
    assertThat(c.base()).isEqualTo(cluster.url(home));
    c.createApplication("meeting-" + user);
    c.makeAvailable();
    c.events().drain();
    return new Person(user, TestCluster.displayName(user), "sip:" + user + "@contoso.com", c);
  }

  /**
   * A guest of the meeting whose token was issued by the organizer's node and who is homed on
   * another: each grant makes a new guest, homed as the engine's partitioning places it, so grants
   * are taken until one lands elsewhere; the guest follows its user resource's redirect home.
   */
  private static UcwaClient guestHomedAwayFrom(int node, JsonNode meeting) {
    for (int attempt = 0; attempt < 30; attempt++) {
      UcwaClient guest = UcwaClient.of(cluster.url(node), "nobody", "");
      Meetings.signInAsGuest(guest, meeting);
      if (guest.followRedirect()) {
        assertThat(guest.base()).isNotEqualTo(cluster.url(node));
        return guest;
      }
    }
    throw new AssertionError("no guest was homed away from node " + node + " in 30 grants");
  }

  private static JsonNode startMeeting(Person organizer, String accessLevel) {
    UcwaClient.Response r =
        organizer.client.postJson(
            organizer.client.link("communication/startOnlineMeeting"),
            "{\"subject\":\"Standup\",\"operationId\":\"meet\",\"accessLevel\":\""
                + accessLevel
                + "\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
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

  private static JsonNode schedule(Person organizer, String body) {
    return Meetings.schedule(organizer.client, body);
  }

  private static void join(Person p, String uriOrUrl, String displayName) {
    Meetings.join(p.client, uriOrUrl, displayName);
  }

  private static Event awaitState(Person p, String state) {
    return Meetings.awaitStateEvent(p.client, state, WITHIN);
  }

  private static String localRole(Person p, JsonNode conversation) {
    return p.client
        .get(conversation.at("/_links/localParticipant/href").asText())
        .json()
        .path("role")
        .asText();
  }

  private static Event awaitParticipant(Person viewer, String type, String title) {
    return Participants.awaitParticipant(viewer.client, type, title, WITHIN);
  }

  private static Event awaitIncoming(Person p) {
    return p.events()
        .await(
            e ->
                e.rel().equals("message")
                    && e.type().equals("completed")
                    && e.embedded().path("direction").asText().equals("Incoming"),
            WITHIN);
  }
}
