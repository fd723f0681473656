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
import org.openucwa.testing.EventStream.Event;
import org.openucwa.testing.Person;
import org.openucwa.testing.TestCluster;
import org.openucwa.testing.UcwaClient;

/**
 * Invitations left unanswered across nodes time out as on one node: the inviter's fails with
 * Timeout, and the invitee's is withdrawn with the same reason.
 */
class ClusterTimeoutScenarioTest {

  private static final Duration WITHIN = Duration.ofSeconds(20);

  private static TestCluster cluster;
  private static final Set<String> used = new HashSet<>();

  @BeforeAll
  static void start() {
    cluster = TestCluster.start(3, b -> b.invitationTimeout(Duration.ofSeconds(2)));
  }

  @AfterAll
  static void stop() {
    cluster.close();
  }

  @Test
  void unanswered_invitations_across_nodes_time_out_on_both_sides() {
    Person organizer = available(0);
    Person other = available(1);
    Person invitee = available(2);

    // two-party, node 0 to node 1: left unanswered
    organizer
        .client()
        .postJson(
            organizer.client().link("communication/startMessaging"),
            "{\"to\":\"" + other.uri() + "\"}");
    JsonNode unanswered = other.events().await("messagingInvitation", "started").embedded();
    Event timedOut =
        organizer.events().await(e -> is(e, "messagingInvitation", "completed"), WITHIN);
    assertThat(timedOut.body().get("status").asText()).isEqualTo("Failure");
    assertThat(timedOut.body().at("/reason/subcode").asText()).isEqualTo("Timeout");
    Event withdrawn = other.events().await(e -> is(e, "messagingInvitation", "completed"), WITHIN);
    assertThat(withdrawn.href()).isEqualTo(unanswered.at("/_links/self/href").asText());
    assertThat(withdrawn.body().at("/reason/subcode").asText()).isEqualTo("Timeout");

    // a participant invitation from node 0 (the focus too) to node 2, left unanswered
    organizer
        .client()
        .postJson(
            organizer.client().link("communication/startMessaging"),
            "{\"to\":\"" + other.uri() + "\"}");
    JsonNode inv =
        other.events().await(e -> is(e, "messagingInvitation", "started"), WITHIN).embedded();
    other.client().post(inv.at("/_links/accept/href").asText(), null, "", Map.of());
    String call =
        organizer
            .events()
            .await(
                e ->
                    is(e, "messagingInvitation", "completed")
                        && e.body().get("status").asText().equals("Success"),
                WITHIN)
            .embedded()
            .at("/_links/conversation/href")
            .asText();
    String add = organizer.client().get(call).json().at("/_links/addParticipant/href").asText();
    assertThat(organizer.client().postJson(add, "{\"to\":\"" + invitee.uri() + "\"}").status())
        .isEqualTo(201);
    invitee.events().await("onlineMeetingInvitation", "started");
    Event failed =
        organizer.events().await(e -> is(e, "participantInvitation", "completed"), WITHIN);
    assertThat(failed.body().get("status").asText()).isEqualTo("Failure");
    assertThat(failed.body().at("/reason/subcode").asText()).isEqualTo("Timeout");
    Event gone = invitee.events().await(e -> is(e, "onlineMeetingInvitation", "completed"), WITHIN);
    assertThat(gone.body().at("/reason/subcode").asText()).isEqualTo("Timeout");
  }

  private static Person available(int home) {
    String user = cluster.homedOn(home, 1, used).get(0);
    used.add(user);
    UcwaClient c = cluster.client(user, (home + 2) % cluster.size());
    c.signIn();
    assertThat(c.base()).isEqualTo(cluster.url(home));
    c.createApplication("timeout-" + user);
    c.makeAvailable();
    return new Person(TestCluster.displayName(user), "sip:" + user + "@contoso.com", c);
  }

  private static boolean is(Event e, String rel, String type) {
    return e.rel().equals(rel) && e.type().equals(type);
  }
}
