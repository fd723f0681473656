package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashSet;
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

    for (Person survivor : new Person[] {organizer, member}) {
      Event left =
          survivor
              .events()
              .await(
                  e ->
                      is(e, "participant", "deleted")
                          && e.body().at("/link/title").asText().equals(lost.name),
                  WITHIN);
      assertThat(left).isNotNull();
    }

    // the lost user is homed again on a surviving node and signs in there
    cluster.awaitSettled();
    UcwaClient again = cluster.client(lost.user, 0);
    again.signIn();
    assertThat(again.base()).isIn(cluster.url(0), cluster.url(1));
    again.createApplication("after-loss");
    Response me = again.get(again.link("me/self"));
    assertThat(me.status()).isEqualTo(200);
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
}
