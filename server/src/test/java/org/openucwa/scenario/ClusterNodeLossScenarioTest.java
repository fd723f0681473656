package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.EventStream;
import org.openucwa.testing.EventStream.Event;
import org.openucwa.testing.TestCluster;
import org.openucwa.testing.UcwaClient;
import org.openucwa.testing.UcwaClient.Response;
import org.openucwa.wire.EventPhases;

/**
 * A node of a three-node cluster killed while invitations to and from its users are pending and
 * while one of its users is in a conference focused elsewhere: the surviving side's invitations
 * fail and are withdrawn with the reason Unreachable, the conference's other members see the lost
 * user leave, and the lost user signs in again on a surviving node.
 */
class ClusterNodeLossScenarioTest {

  private static final Duration WITHIN = Duration.ofSeconds(40);

  private TestCluster cluster;
  private final Set<String> used = new HashSet<>();

  @BeforeEach
  void start() {
    cluster = TestCluster.start(3);
  }

  @AfterEach
  void stop() {
    cluster.close();
  }

  @Test
  void a_killed_nodes_users_fail_their_invitations_leave_conferences_and_are_homed_again() {
    Person organizer = available(0);
    Person member = available(1);
    Person lost = available(2);
    Person caller = available(0);
    Person called = available(1);
    Person partner = available(1);

    // a live conference focused on node 0 with the lost user in it
    organizer.client.postJson(
        organizer.client.link("communication/startMessaging"), "{\"to\":\"" + member.uri + "\"}");
    JsonNode inv = member.events().await("messagingInvitation", "started").embedded();
    member.client.post(inv.at("/_links/accept/href").asText(), null, "", Map.of());
    String call =
        organizer
            .events()
            .await("messagingInvitation", "completed")
            .embedded()
            .at("/_links/conversation/href")
            .asText();
    String add = organizer.client.get(call).json().at("/_links/addParticipant/href").asText();
    assertThat(organizer.client.postJson(add, "{\"to\":\"" + lost.uri + "\"}").status())
        .isEqualTo(201);
    JsonNode meeting = lost.events().await("onlineMeetingInvitation", "started").embedded();
    lost.client.post(meeting.at("/_links/accept/href").asText(), null, "", Map.of());
    organizer.events().await("participantInvitation", "completed");
    awaitParticipant(member, "added", lost);

    // a two-party conversation between partner (node 1) and the lost user
    partner.client.postJson(
        partner.client.link("communication/startMessaging"), "{\"to\":\"" + lost.uri + "\"}");
    JsonNode chat =
        lost.events()
            .await(
                e ->
                    is(e, "messagingInvitation", "started")
                        && e.embedded().at("/_embedded/from/name").asText().equals(partner.name),
                WITHIN)
            .embedded();
    lost.client.post(chat.at("/_links/accept/href").asText(), null, "", Map.of());
    assertThat(
            partner
                .events()
                .await("messagingInvitation", "completed")
                .body()
                .get("status")
                .asText())
        .isEqualTo("Success");

    // pending: caller (node 0) invites the lost user, the lost user invites called (node 1)
    caller.client.postJson(
        caller.client.link("communication/startMessaging"), "{\"to\":\"" + lost.uri + "\"}");
    lost.events()
        .await(
            e ->
                e.rel().equals("messagingInvitation")
                    && e.type().equals("started")
                    && e.embedded().at("/_embedded/from/name").asText().equals(caller.name),
            WITHIN);
    lost.client.postJson(
        lost.client.link("communication/startMessaging"), "{\"to\":\"" + called.uri + "\"}");
    called.events().await("messagingInvitation", "started");

    cluster.kill(2);

    Event failed = caller.events().await(e -> is(e, "messagingInvitation", "completed"), WITHIN);
    assertThat(failed.body().get("status").asText()).isEqualTo("Failure");
    assertThat(failed.body().at("/reason/code").asText()).isEqualTo("Gone");
    assertThat(failed.body().at("/reason/subcode").asText()).isEqualTo("Unreachable");

    Event withdrawn = called.events().await(e -> is(e, "messagingInvitation", "completed"), WITHIN);
    assertThat(withdrawn.body().get("status").asText()).isEqualTo("Failure");
    assertThat(withdrawn.body().at("/reason/subcode").asText()).isEqualTo("Unreachable");

    // the conference's other members and the two-party partner see the lost user leave, with the
    // reason of a server-initiated change (EventChannelDetails.md)
    for (Person survivor : new Person[] {organizer, member, partner}) {
      Event left =
          survivor
              .events()
              .await(
                  e ->
                      is(e, "participant", "deleted")
                          && e.body().path("in").isMissingNode()
                          && e.body().at("/link/title").asText().equals(lost.name),
                  WITHIN);
      assertThat(left.body().at("/reason/code").asText()).as(left.toString()).isEqualTo("Gone");
      assertThat(left.body().at("/reason/subcode").asText()).isEqualTo("Unreachable");
    }
    Event ended = partner.events().await(e -> is(e, "conversation", "deleted"), WITHIN);
    assertThat(ended.body().at("/reason/subcode").asText()).isEqualTo("Unreachable");

    // the lost user is homed again on a surviving node and signs in there
    cluster.awaitSettled();
    UcwaClient again = cluster.client(lost.user, 0);
    again.signIn();
    assertThat(again.base()).isIn(cluster.url(0), cluster.url(1));
    again.createApplication("after-loss");
    Response me = again.get(again.link("me/self"));
    assertThat(me.status()).isEqualTo(200);
  }

  /**
   * Everything a surviving member hears of a lost user's leaving carries the one reason, in JSON
   * and XML (EventChannelDetails.md: a server-initiated change carries its reason; decision 0062):
   * the lost users' participantMessaging, their leaving the leaders, the attendees and the lobby,
   * and the participant itself. The organizer (on the focus's node) is a leader and sees all three
   * collections; the other member (on a third node) is an attendee and sees no lobby.
   */
  @Test
  void every_event_of_a_lost_users_leaving_carries_the_reason_in_both_formats() {
    Person organizer = available(0);
    EventPhases organizerEvents = phases(organizer);
    Person member = available(1);
    EventPhases memberEvents = phases(member);
    Person leader = available(2);
    Person attendee = available(2);
    Person waiting = available(2);

    organizer.client.postJson(
        organizer.client.link("communication/startOnlineMeeting"),
        "{\"subject\":\"Lost\",\"accessLevel\":\"Locked\"}");
    String add =
        organizerEvents
            .readSettled("onlineMeetingInvitation", "completed")
            .event("conversation", "updated")
            .at("/_embedded/conversation/_links/addParticipant/href")
            .asText();
    invite(organizer, organizerEvents, add, member);
    member.client.post(
        memberEvents
            .readUntil("onlineMeetingInvitation", "started")
            .event("onlineMeetingInvitation", "started")
            .at("/_embedded/onlineMeetingInvitation/_links/accept/href")
            .asText(),
        null,
        "",
        Map.of());
    admit(organizer, organizerEvents);
    String leaderHref = "";
    for (Person lost : new Person[] {leader, attendee, waiting}) {
      invite(organizer, organizerEvents, add, lost);
      JsonNode invitation = lost.events().await("onlineMeetingInvitation", "started").embedded();
      lost.client.post(invitation.at("/_links/accept/href").asText(), null, "", Map.of());
      if (lost == waiting) {
        organizerEvents.readUntil("participantInvitation", "updated");
      } else if (lost == leader) {
        leaderHref = admit(organizer, organizerEvents);
      } else {
        admit(organizer, organizerEvents);
      }
    }
    JsonNode seen = organizer.client.get(leaderHref).json();
    organizer.client.post(seen.at("/_links/promote/href").asText(), null, "", Map.of());
    organizerEvents.readUntil("participant", "added");
    memberEvents.readSettledUntil(
        "the lost leader among the leaders",
        e ->
            e.at("/link/href").asText().endsWith("/" + leader.user + "@contoso.com")
                && e.at("/in/rel").asText().equals("leaders"));

    cluster.kill(2);

    List<PhaseEvents.Both> organizerHeard =
        leaving(organizerEvents, List.of(leader, attendee, waiting));
    assertThat(lines(organizerHeard, leader))
        .containsExactly(
            "conversation: deleted participantMessaging in participant",
            "conversation: deleted participant in leaders",
            "conversation: deleted participant");
    assertThat(lines(organizerHeard, attendee))
        .containsExactly(
            "conversation: deleted participantMessaging in participant",
            "conversation: deleted participant in attendees",
            "conversation: deleted participant");
    assertThat(lines(organizerHeard, waiting))
        .containsExactly(
            "conversation: deleted participant in lobby", "conversation: deleted participant");
    List<PhaseEvents.Both> memberHeard = leaving(memberEvents, List.of(leader, attendee));
    assertThat(lines(memberHeard, leader))
        .containsExactly(
            "conversation: deleted participantMessaging in participant",
            "conversation: deleted participant in leaders",
            "conversation: deleted participant");
    assertThat(lines(memberHeard, attendee))
        .containsExactly(
            "conversation: deleted participantMessaging in participant",
            "conversation: deleted participant in attendees",
            "conversation: deleted participant");
    for (List<PhaseEvents.Both> heard : List.of(organizerHeard, memberHeard)) {
      for (PhaseEvents.Both e : heard) {
        assertThat(e.reasonSubcode()).as(e.line() + " " + e.href()).isEqualTo("Unreachable");
        assertThat(e.reasonCode()).isEqualTo("Gone");
      }
    }
  }

  /**
   * Invitations sent to users of a node just killed, while the others still count it a member: the
   * signals go to a node that will never answer. They do not vanish: when the node is declared
   * dead, each invitation fails on the sender's side with the reason Unreachable. (Sent after the
   * node was declared dead, the invitee is already homed again on a live node where it has no
   * application, and the invitation fails as for any user without one.)
   */
  @Test
  void invitations_sent_to_a_node_as_it_dies_fail_with_the_reason() {
    Person caller = available(0);
    Person inviter = available(1);
    Person called = available(2);
    Person invited = available(2);
    inviter.client.postJson(
        inviter.client.link("communication/startOnlineMeeting"),
        "{\"subject\":\"Doomed\",\"operationId\":\"meet\"}");
    inviter.events().await("onlineMeetingInvitation", "completed");
    String add =
        inviter
            .events()
            .last("conversation", "updated")
            .embedded()
            .at("/_links/addParticipant/href")
            .asText();

    cluster.kill(2);
    caller.client.postJson(
        caller.client.link("communication/startMessaging"), "{\"to\":\"" + called.uri + "\"}");
    assertThat(inviter.client.postJson(add, "{\"to\":\"" + invited.uri + "\"}").status())
        .isEqualTo(201);
    boolean stillMember =
        cluster.node(0).cluster().orElseThrow().size() == 3
            && cluster.node(1).cluster().orElseThrow().size() == 3;

    Event messaging = caller.events().await(e -> is(e, "messagingInvitation", "completed"), WITHIN);
    Event participant =
        inviter.events().await(e -> is(e, "participantInvitation", "completed"), WITHIN);
    for (Event failed : new Event[] {messaging, participant}) {
      assertThat(failed.body().get("status").asText()).as(failed.toString()).isEqualTo("Failure");
      if (stillMember) {
        assertThat(failed.body().at("/reason/code").asText()).isEqualTo("Gone");
        assertThat(failed.body().at("/reason/subcode").asText()).isEqualTo("Unreachable");
      } else {
        assertThat(failed.body().at("/reason/subcode").asText())
            .isIn("Unreachable", "TemporarilyUnavailable");
      }
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  private record Person(String user, String name, String uri, UcwaClient client) {
    EventStream events() {
      return client.events();
    }
  }

  private Person available(int home) {
    String user = cluster.homedOn(home, 1, used).get(0);
    used.add(user);
    UcwaClient c = cluster.client(user, (home + 1) % cluster.size());
    c.signIn();
    assertThat(c.base()).isEqualTo(cluster.url(home));
    c.createApplication("loss-" + user);
    c.makeAvailable();
    return new Person(user, TestCluster.displayName(user), "sip:" + user + "@contoso.com", c);
  }

  private static boolean is(Event e, String rel, String type) {
    return e.rel().equals(rel) && e.type().equals(type);
  }

  private static Event awaitParticipant(Person viewer, String type, Person who) {
    java.util.function.Predicate<Event> match =
        e ->
            is(e, "participant", type)
                && e.body().path("in").isMissingNode()
                && e.body().at("/link/title").asText().equals(who.name);
    return viewer.events().all().stream()
        .filter(match)
        .findFirst()
        .orElseGet(() -> viewer.events().await(match, WITHIN));
  }

  private static EventPhases phases(Person p) {
    EventPhases events = new EventPhases(p.client);
    events.readUntil("communication", "updated");
    return events;
  }

  /** The organizer invites {@code who} into the meeting. */
  private static void invite(Person organizer, EventPhases events, String add, Person who) {
    assertThat(organizer.client.postJson(add, "{\"to\":\"" + who.uri + "\"}").status())
        .isEqualTo(201);
    events.readUntil("participantInvitation", "started");
  }

  /** The organizer admits the user that just arrived in the lobby; returns its participant. */
  private static String admit(Person organizer, EventPhases events) {
    String href =
        events
            .readUntil("participantInvitation", "updated")
            .event("participant", "added")
            .at("/link/href")
            .asText();
    JsonNode waiting = organizer.client.get(href).json();
    organizer.client.post(waiting.at("/_links/admit/href").asText(), null, "", Map.of());
    events.readUntil("participantInvitation", "completed");
    return href;
  }

  /**
   * Reads the survivor's events until each of {@code lost} is a deleted participant; returns the
   * events that name their participants or participantMessaging.
   */
  private static List<PhaseEvents.Both> leaving(EventPhases events, List<Person> lost) {
    List<PhaseEvents.Both> heard = new ArrayList<>();
    Set<Person> gone = new HashSet<>();
    while (gone.size() < lost.size()) {
      for (PhaseEvents.Both e : PhaseEvents.of(events.readUntil("participant", "deleted"))) {
        for (Person p : lost) {
          if (e.href().contains("/participants/" + p.user + "@contoso.com")) {
            heard.add(e);
            if (e.line().equals("conversation: deleted participant")) {
              gone.add(p);
            }
          }
        }
      }
    }
    return heard;
  }

  /** The lines of the events about {@code who}'s participant, in order. */
  private static List<String> lines(List<PhaseEvents.Both> heard, Person who) {
    return PhaseEvents.lines(
        heard.stream()
            .filter(e -> e.href().contains("/participants/" + who.user + "@contoso.com"))
            .toList());
  }
}
