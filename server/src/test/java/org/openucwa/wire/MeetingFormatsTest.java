package org.openucwa.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * The scheduling resources in JSON and XML, compared with the expected files taken from their
 * reference pages: alice's meeting as the POST answers it and as a GET reads it, and the default
 * values, eligible values and policies. {@code {meeting}} in a file stands for the meeting's id.
 */
class MeetingFormatsTest {

  private static final String REQUEST =
      """
      {"accessLevel":"Invited","attendees":["sip:carol@contoso.com","sip:dave@contoso.com"],
       "automaticLeaderAssignment":"SameEnterprise",
       "description":"We\\u0027ll be meeting to review the sales numbers for this past quarter and discuss projections for the next two quarters.",
       "entryExitAnnouncement":"Disabled","leaders":["sip:bob@contoso.com"],
       "lobbyBypassForPhoneUsers":"Disabled","phoneUserAdmission":"Disabled",
       "subject":"Quarterly sales numbers"}""";

  private static TestServer server;
  private static UcwaClient alice;

  @BeforeAll
  static void start() {
    server = TestServer.start();
    alice = server.client("alice");
    alice.createApplication("meeting-formats");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void the_scheduled_meeting_answered_by_post_matches_the_reference_sample_in_both_formats() {
    for (String accept : List.of("application/json", "application/xml")) {
      UcwaClient.Response r =
          alice.post(
              alice.link("onlineMeetings/myOnlineMeetings"),
              "application/json",
              REQUEST,
              Map.of("Accept", accept));
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      String id = r.header("Location").substring(r.header("Location").lastIndexOf('/') + 1);
      compare("myOnlineMeeting", accept, id, r.body());
    }
  }

  @Test
  void the_scheduled_meeting_read_by_get_matches_the_reference_sample_in_both_formats() {
    String href =
        alice.postJson(alice.link("onlineMeetings/myOnlineMeetings"), REQUEST).header("Location");
    String id = href.substring(href.lastIndexOf('/') + 1);
    for (String accept : List.of("application/json", "application/xml")) {
      UcwaClient.Response r = alice.get(href, Map.of("Accept", accept));
      assertThat(r.status()).isEqualTo(200);
      compare("myOnlineMeeting", accept, id, r.body());
    }
  }

  @Test
  void the_default_values_eligible_values_and_policies_match_their_reference_samples() {
    for (String rel :
        List.of(
            "onlineMeetingDefaultValues", "onlineMeetingEligibleValues", "onlineMeetingPolicies")) {
      for (String accept : List.of("application/json", "application/xml")) {
        UcwaClient.Response r =
            alice.get(alice.link("onlineMeetings/" + rel), Map.of("Accept", accept));
        assertThat(r.status()).isEqualTo(200);
        compare(rel, accept, "", r.body());
      }
    }
  }

  @Test
  void the_assigned_meeting_and_the_list_match_their_reference_samples_in_both_formats() {
    UcwaClient bob = server.client("bob");
    bob.createApplication("meeting-list-formats");
    String list = bob.link("onlineMeetings/myOnlineMeetings");
    String href = bob.postJson(list, REQUEST).header("Location");
    String id = href.substring(href.lastIndexOf('/') + 1);
    String assigned = bob.link("onlineMeetings/myAssignedOnlineMeeting");
    String assignedId = assigned.substring(assigned.lastIndexOf('/') + 1);
    for (String accept : List.of("application/json", "application/xml")) {
      UcwaClient.Response one = bob.get(assigned, Map.of("Accept", accept));
      assertThat(one.status()).isEqualTo(200);
      assertThat(one.header("ETag")).isNotBlank();
      compare(bob, "myAssignedOnlineMeeting", accept, Map.of("{assigned}", assignedId), one.body());
      UcwaClient.Response all = bob.get(list, Map.of("Accept", accept));
      assertThat(all.status()).isEqualTo(200);
      compare(
          bob,
          "myOnlineMeetings",
          accept,
          Map.of("{assigned}", assignedId, "{meeting}", id),
          all.body());
    }
  }

  private static void compare(
      UcwaClient reader,
      String name,
      String accept,
      Map<String, String> replacements,
      String served) {
    WireAssert wire =
        WireAssert.wire()
            .with("app", reader.application().get("id").asText())
            .with("host", reader.resolve(""));
    boolean json = accept.endsWith("json");
    String expected = WireAssert.expectedFile("expected/" + name + (json ? ".json" : ".xml"));
    for (var r : replacements.entrySet()) {
      expected = expected.replace(r.getKey(), r.getValue());
    }
    expected = expected.replace("{host}/meet", reader.resolve("") + "/meet");
    if (json) {
      wire.assertJson(expected, served);
    } else {
      wire.assertXml(expected, served);
    }
  }

  private static void compare(String name, String accept, String meetingId, String served) {
    WireAssert wire =
        WireAssert.wire()
            .with("app", alice.application().get("id").asText())
            .with("host", alice.resolve(""));
    boolean json = accept.endsWith("json");
    String expected =
        WireAssert.expectedFile("expected/" + name + (json ? ".json" : ".xml"))
            .replace("{meeting}", meetingId);
    if (json) {
      wire.assertJson(expected, served);
    } else {
      wire.assertXml(expected, served);
    }
  }
}
