package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openucwa.testing.Meetings.join;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openucwa.testing.EventStream;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * Scheduled meetings are kept in the store: a restart of the server on the same data folder keeps
 * them as they were (settings, lists, entity tag, join URL), and they can still be joined; a
 * meeting past its expirationTime can no longer be joined.
 */
class MeetingStoreScenarioTest {

  @TempDir Path data;

  @Test
  void aScheduledMeetingSurvivesARestartAndCanStillBeJoined() {
    JsonNode scheduled;
    String assignedId;
    try (TestServer before = TestServer.startIn(data)) {
      UcwaClient alice = before.available("alice", "before");
      UcwaClient.Response r =
          alice.postJson(
              alice.link("onlineMeetings/myOnlineMeetings"),
              "{\"subject\":\"Planning\",\"description\":\"Q3\",\"accessLevel\":\"Invited\","
                  + "\"leaders\":[\"sip:bob@contoso.com\"],"
                  + "\"attendees\":[\"sip:carol@contoso.com\",\"sip:dave@contoso.com\"]}");
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      scheduled = r.json();
      assignedId =
          alice
              .get(alice.link("onlineMeetings/myAssignedOnlineMeeting"))
              .json()
              .path("onlineMeetingId")
              .asText();
    }

    try (TestServer after = TestServer.startIn(data)) {
      UcwaClient alice = after.available("alice", "after");
      JsonNode listed = null;
      for (JsonNode m :
          alice
              .get(alice.link("onlineMeetings/myOnlineMeetings"))
              .json()
              .at("/_embedded/myOnlineMeeting")) {
        if (m.path("onlineMeetingId").equals(scheduled.path("onlineMeetingId"))) {
          listed = m;
        }
      }
      assertThat(listed).as("the meeting in the list after the restart").isNotNull();
      UcwaClient.Response read = alice.get(listed.at("/_links/self/href").asText());
      assertThat(read.status()).isEqualTo(200);
      assertThat(withoutLinks(read.json())).isEqualTo(withoutLinks(scheduled));
      assertThat(read.header("ETag")).isNotBlank();
      assertThat(
              alice
                  .get(alice.link("onlineMeetings/myAssignedOnlineMeeting"))
                  .json()
                  .path("onlineMeetingId")
                  .asText())
          .isEqualTo(assignedId);

      UcwaClient bob = after.available("bob", "after");
      join(bob, listed.path("joinUrl").asText());
      JsonNode bobs =
          bob.events()
              .await(
                  e ->
                      e.rel().equals("conversation")
                          && e.embedded().path("state").asText().equals("Conferenced"),
                  Duration.ofSeconds(10))
              .embedded();
      assertThat(
              bob.get(bobs.at("/_links/localParticipant/href").asText())
                  .json()
                  .path("role")
                  .asText())
          .isEqualTo("Leader");

      UcwaClient.Response updated =
          alice.put(
              listed.at("/_links/self/href").asText(),
              "application/json",
              "{\"subject\":\"Planning, moved\"}",
              Map.of("If-Match", "\"" + read.header("ETag").replace("\"", "") + "\""));
      assertThat(updated.status()).as(updated.body()).isEqualTo(200);
      assertThat(updated.json().path("subject").asText()).isEqualTo("Planning, moved");
    }
  }

  /** A meeting but for its links and its join URL's host and port, which another start changes. */
  private static JsonNode withoutLinks(JsonNode meeting) {
    ObjectNode copy = meeting.deepCopy();
    copy.remove("_links");
    copy.put("joinUrl", copy.path("joinUrl").asText().replaceFirst("^http://[^/]+", ""));
    return copy;
  }

  @Test
  void aMeetingPastItsExpirationCanNoLongerBeJoined() throws InterruptedException {
    try (TestServer server = TestServer.startIn(data)) {
      UcwaClient alice = server.available("alice", "organizer");
      UcwaClient bob = server.available("bob", "late");
      Instant expires = Instant.now().plusSeconds(2);
      UcwaClient.Response r =
          alice.postJson(
              alice.link("onlineMeetings/myOnlineMeetings"),
              "{\"accessLevel\":\"Everyone\",\"expirationTime\":\"" + expires + "\"}");
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      JsonNode meeting = r.json();
      while (!Instant.now().isAfter(expires)) {
        Thread.sleep(100);
      }

      join(bob, meeting.path("onlineMeetingUri").asText());

      EventStream.Event ended = bob.events().await("onlineMeetingInvitation", "completed");
      assertThat(ended.body().get("status").asText()).isEqualTo("Failure");
      assertThat(ended.body().at("/reason/subcode").asText()).isEqualTo("Ended");
      assertThat(bob.send("GET", meeting.path("joinUrl").asText(), Map.of(), null).status())
          .isEqualTo(404);
      assertThat(alice.get(meeting.at("/_links/self/href").asText()).status()).isEqualTo(200);
    }
  }
}
