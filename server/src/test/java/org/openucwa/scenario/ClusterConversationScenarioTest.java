package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openucwa.testing.Participants.addParticipant;
import static org.openucwa.testing.Participants.completedOperation;
import static org.openucwa.testing.Participants.seenOrAwaitParticipant;
import static org.openucwa.testing.Participants.twoParty;
import static org.openucwa.testing.Participants.uris;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.EventStream;
import org.openucwa.testing.EventStream.Event;
import org.openucwa.testing.Person;
import org.openucwa.testing.TestCluster;
import org.openucwa.testing.UcwaClient;
import org.openucwa.testing.UcwaClient.Response;

/**
 * Conversations across the nodes of a three-node cluster: every user signs in through a node that
 * is not its home and is sent home; instant messages, participant invitations (accepted and
 * declined) with the inviter, the invitee and the conference's organizer on three different nodes,
 * and presence read across nodes. The events are those of a single node.
 */
class ClusterConversationScenarioTest {

  private static final Duration WITHIN = Duration.ofSeconds(20);

  private static TestCluster cluster;
  private static final Set<String> used = new HashSet<>();

  @BeforeAll
  static void start() {
    cluster = TestCluster.start(3);
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void instant_messages_cross_nodes_in_order_and_a_declined_invitation_fails_for_the_inviter() {
    Person a = available(0);
    Person b = available(1);

    a.client()
        .postJson(
            a.client().link("communication/startMessaging"),
            "{\"to\":\""
                + b.uri()
                + "\",\"subject\":\"Across\",\"message\":\"data:text/plain,Hi\"}");
    JsonNode invitation = b.events().await("messagingInvitation", "started").embedded();
    assertThat(invitation.at("/_embedded/from/name").asText()).isEqualTo(a.name());
    assertThat(invitation.get("subject").asText()).isEqualTo("Across");
    assertThat(
            b.client()
                .post(invitation.at("/_links/accept/href").asText(), null, "", Map.of())
                .status())
        .isEqualTo(204);
    Event completed = a.events().await("messagingInvitation", "completed");
    assertThat(completed.body().get("status").asText()).isEqualTo("Success");
    assertThat(completed.embedded().at("/_embedded/acceptedByParticipant/0/uri").asText())
        .isEqualTo(b.uri());
    String aConversation = completed.embedded().at("/_links/conversation/href").asText();

    String send =
        a.client().get(aConversation + "/messaging").json().at("/_links/sendMessage/href").asText();
    for (int i = 1; i <= 5; i++) {
      assertThat(a.client().post(send, "text/plain", "message " + i, Map.of()).status())
          .isEqualTo(201);
    }
    List<String> received =
        awaitAll(
                b.events(),
                e ->
                    e.rel().equals("message")
                        && e.type().equals("completed")
                        && e.embedded().path("direction").asText().equals("Incoming"),
                6,
                WITHIN)
            .stream()
            .map(e -> e.embedded().at("/_links/plainMessage/href").asText())
            .toList();
    assertThat(received)
        .containsExactly(
            "data:text/plain;charset=utf-8,Hi",
            "data:text/plain;charset=utf-8,message+1",
            "data:text/plain;charset=utf-8,message+2",
            "data:text/plain;charset=utf-8,message+3",
            "data:text/plain;charset=utf-8,message+4",
            "data:text/plain;charset=utf-8,message+5");
    assertThat(
            awaitAll(
                a.events(),
                e ->
                    e.rel().equals("message")
                        && e.type().equals("completed")
                        && e.embedded().path("direction").asText().equals("Outgoing"),
                5,
                WITHIN))
        .allMatch(e -> e.body().get("status").asText().equals("Success"));

    // and the other way: an invitation declined on node 1 fails on node 0
    Person c = available(1);
    c.client()
        .postJson(c.client().link("communication/startMessaging"), "{\"to\":\"" + a.uri() + "\"}");
    JsonNode incoming =
        a.events()
            .await(
                e ->
                    e.rel().equals("messagingInvitation")
                        && e.type().equals("started")
                        && e.embedded().at("/_embedded/from/name").asText().equals(c.name()),
                WITHIN)
            .embedded();
    assertThat(
            a.client()
                .post(incoming.at("/_links/decline/href").asText(), null, "", Map.of())
                .status())
        .isEqualTo(204);
    Event declined = c.events().await("messagingInvitation", "completed");
    assertThat(declined.body().get("status").asText()).isEqualTo("Failure");
    assertThat(declined.body().at("/reason/subcode").asText()).isEqualTo("Declined");
  }

  @Test
  void inviter_invitee_and_organizer_on_three_nodes_accept_and_decline() {
    Person organizer = available(0);
    Person inviter = available(1);
    Person third = available(2);
    String[] call = twoParty(organizer, inviter);
    // the organizer escalates: the conference's focus is homed on node 0
    addParticipant(organizer, call[0], third.uri(), "add-third");
    JsonNode meeting = third.events().await("onlineMeetingInvitation", "started").embedded();
    third.client().post(meeting.at("/_links/accept/href").asText(), null, "", Map.of());
    assertThat(
            organizer
                .events()
                .await("participantInvitation", "completed")
                .body()
                .get("status")
                .asText())
        .isEqualTo("Success");
    awaitParticipant(inviter, "added", third);

    // accepted: invited from node 1, homed on node 2, the focus on node 0
    Person invitee = available(2);
    String invitation = addParticipant(inviter, call[1], invitee.uri(), "add-invitee");
    Event started = inviter.events().await("participantInvitation", "started");
    assertThat(started.href()).isEqualTo(invitation);
    JsonNode offer = invitee.events().await("onlineMeetingInvitation", "started").embedded();
    assertThat(offer.at("/_embedded/from/name").asText()).isEqualTo(inviter.name());
    assertThat(
            invitee
                .client()
                .post(offer.at("/_links/accept/href").asText(), null, "", Map.of())
                .status())
        .isEqualTo(204);
    Event success = inviter.events().await(completedOperation(invitation), WITHIN);
    assertThat(success.body().get("status").asText()).isEqualTo("Success");
    assertThat(success.embedded().at("/_embedded/acceptedByParticipant/0/uri").asText())
        .isEqualTo(invitee.uri());
    String inviteeConversation =
        invitee
            .events()
            .await(
                e ->
                    e.rel().equals("conversation")
                        && e.embedded().path("state").asText().equals("Conferenced"),
                WITHIN)
            .href();
    assertThat(
            uris(
                invitee
                    .client()
                    .get(
                        invitee
                            .client()
                            .get(inviteeConversation)
                            .json()
                            .at("/_links/participants/href")
                            .asText())
                    .json()
                    .at("/_embedded/participant")))
        .containsExactlyInAnyOrder(organizer.uri(), inviter.uri(), third.uri());
    for (Person member : List.of(organizer, inviter, third)) {
      awaitParticipant(member, "added", invitee);
    }

    // declined: the same three nodes
    Person refuser = available(2);
    String refused = addParticipant(inviter, call[1], refuser.uri(), "add-refuser");
    JsonNode refusal = refuser.events().await("onlineMeetingInvitation", "started").embedded();
    assertThat(
            refuser
                .client()
                .postJson(refusal.at("/_links/decline/href").asText(), "{\"reason\":\"Global\"}")
                .status())
        .isEqualTo(204);
    Event failure = inviter.events().await(completedOperation(refused), WITHIN);
    assertThat(failure.body().get("status").asText()).isEqualTo("Failure");
    assertThat(failure.body().at("/reason/subcode").asText()).isEqualTo("Declined");
    assertThat(refuser.events().await("conversation", "deleted")).isNotNull();
  }

  @Test
  void presence_is_read_from_the_contacts_home_node() {
    Person reader = available(1);
    Person shown = available(0);
    Person away = signedIn(2);

    assertThat(presenceOf(reader, shown).get("availability").asText()).isEqualTo("Online");
    assertThat(presenceOf(reader, away).get("availability").asText()).isEqualTo("Offline");
    assertThat(presenceOf(shown, reader).get("availability").asText()).isEqualTo("Online");
  }

  @Test
  void a_subscriber_hears_a_contact_on_another_node_change_presence_and_note() {
    Person watcher = available(0);
    Person contact = available(2);
    Response r =
        watcher
            .client()
            .postJson(
                watcher.client().link("people/presenceSubscriptions"),
                "{\"duration\":11,\"Uris\":[\"" + contact.uri() + "\"]}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    watcher
        .events()
        .await(e -> e.rel().equals("presenceSubscription") && e.type().equals("added"), WITHIN);

    String presence =
        contact
            .client()
            .get(contact.client().link("me/self"))
            .json()
            .at("/_links/presence/href")
            .asText();
    assertThat(contact.client().postJson(presence, "{\"availability\":\"Busy\"}").status())
        .isEqualTo(204);
    Event p =
        watcher
            .events()
            .await(
                e ->
                    e.rel().equals("contactPresence")
                        && e.type().equals("updated")
                        && watcher
                            .client()
                            .get(e.href())
                            .json()
                            .get("availability")
                            .asText()
                            .equals("Busy"),
                WITHIN);
    assertThat(p.href()).endsWith("/people/" + contact.uri().substring(4) + "/presence");

    String note =
        contact
            .client()
            .get(contact.client().link("me/self"))
            .json()
            .at("/_links/note/href")
            .asText();
    assertThat(contact.client().postJson(note, "{\"message\":\"On node two\"}").status())
        .isEqualTo(204);
    Event n =
        watcher
            .events()
            .await(e -> e.rel().equals("contactNote") && e.type().equals("updated"), WITHIN);
    assertThat(watcher.client().get(n.href()).json().get("message").asText())
        .isEqualTo("On node two");
  }

  @Test
  void a_participant_invitation_across_nodes_canceled_by_its_inviter_fails_on_both_sides() {
    Person organizer = available(2);
    Person other = available(0);
    Person invitee = available(1);
    String[] call = twoParty(organizer, other);

    String invitation = addParticipant(organizer, call[0], invitee.uri(), "add-then-cancel");
    String cancel =
        organizer
            .events()
            .await("participantInvitation", "started")
            .embedded()
            .at("/_links/cancel/href")
            .asText();
    invitee.events().await("onlineMeetingInvitation", "started");
    assertThat(organizer.client().post(cancel, null, "", Map.of()).status()).isEqualTo(204);

    Event mine = organizer.events().await(completedOperation(invitation), WITHIN);
    assertThat(mine.body().get("status").asText()).isEqualTo("Failure");
    assertThat(mine.body().at("/reason/subcode").asText()).isEqualTo("Canceled");
    Event theirs = invitee.events().await("onlineMeetingInvitation", "completed");
    assertThat(theirs.body().get("status").asText()).isEqualTo("Failure");
    assertThat(theirs.body().at("/reason/subcode").asText()).isEqualTo("Canceled");
  }

  @Test
  void a_meeting_its_organizer_changes_on_one_node_is_read_fresh_by_a_member_on_another() {
    Person organizer = available(0);
    Person member = available(1);
    Response scheduled =
        organizer
            .client()
            .postJson(
                organizer.client().link("onlineMeetings/myOnlineMeetings"),
                "{\"subject\":\"Across nodes\",\"accessLevel\":\"Everyone\"}");
    assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(201);
    JsonNode meeting = scheduled.json();
    member
        .client()
        .postJson(
            member.client().link("communication/joinOnlineMeeting"),
            "{\"onlineMeetingUri\":\"" + meeting.get("onlineMeetingUri").asText() + "\"}");
    String onlineMeeting =
        member
            .events()
            .await(e -> e.rel().equals("onlineMeeting") && e.type().equals("added"), WITHIN)
            .href();
    member
        .events()
        .await(
            e ->
                e.rel().equals("conversation")
                    && e.embedded().path("state").asText().equals("Conferenced"),
            WITHIN);
    for (int i = 0; i < 2; i++) { // read, then read again from what node 1 keeps
      assertThat(member.client().get(onlineMeeting).json().get("subject").asText())
          .isEqualTo("Across nodes");
    }

    Response put =
        organizer
            .client()
            .put(
                meeting.at("/_links/self/href").asText(),
                "application/json",
                "{\"subject\":\"Changed on node 0\"}",
                Map.of("If-Match", scheduled.header("ETag")));
    assertThat(put.status()).as(put.body()).isEqualTo(200);

    member
        .events()
        .await(e -> e.rel().equals("onlineMeeting") && e.type().equals("updated"), WITHIN);
    assertThat(member.client().get(onlineMeeting).json().get("subject").asText())
        .isEqualTo("Changed on node 0");
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** A user homed on node {@code home} who signs in through another node. */
  private static Person signedIn(int home) {
    String user;
    synchronized (used) {
      user = cluster.homedOn(home, 1, used).get(0);
      used.add(user);
    }
    UcwaClient c = cluster.client(user, (home + 1) % cluster.size());
    c.signIn();
    assertThat(c.base()).isEqualTo(cluster.url(home));
    c.createApplication("cluster-" + user);
    return new Person(TestCluster.displayName(user), "sip:" + user + "@contoso.com", c);
  }

  private static Person available(int home) {
    Person p = signedIn(home);
    p.client().makeAvailable();
    return p;
  }

  private static List<Event> awaitAll(
      EventStream events, java.util.function.Predicate<Event> match, int n, Duration within) {
    List<Event> found = new java.util.ArrayList<>();
    for (int i = 0; i < n; i++) {
      found.add(events.await(match, within));
    }
    return found;
  }

  /** The participant event, whether it came before events already awaited or comes later. */
  private static Event awaitParticipant(Person viewer, String type, Person who) {
    return seenOrAwaitParticipant(viewer, type, who, WITHIN);
  }

  private static JsonNode presenceOf(Person reader, Person contact) {
    JsonNode contacts =
        reader
            .client()
            .get(reader.client().link("people/myContacts"))
            .json()
            .at("/_embedded/contact");
    JsonNode entry =
        StreamSupport.stream(contacts.spliterator(), false)
            .filter(n -> n.get("uri").asText().equals(contact.uri()))
            .findFirst()
            .orElseThrow();
    Response r = reader.client().get(entry.at("/_links/contactPresence/href").asText());
    assertThat(r.status()).isEqualTo(200);
    return r.json();
  }
}
