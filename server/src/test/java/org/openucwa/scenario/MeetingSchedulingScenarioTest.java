package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openucwa.scenario.ErrorBody.assertJsonError;
import static org.openucwa.scenario.ErrorBody.assertXmlError;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;
import org.openucwa.testing.UcwaClient.Response;

/**
 * Scheduling online meetings as ScheduleAnOnlineMeeting.md and UpdateAnOnlineMeeting.md walk
 * through it: from the application's onlineMeetings to myOnlineMeetings, POST a meeting, read it,
 * update it with its ETag, delete it; the defaults, eligible values and policies; and every refusal
 * changing nothing.
 */
class MeetingSchedulingScenarioTest {

  private static final String SAMPLE =
      """
      {"accessLevel":"Invited","attendees":["sip:carol@contoso.com","sip:dave@contoso.com"],
       "automaticLeaderAssignment":"SameEnterprise","description":"Sales review",
       "entryExitAnnouncement":"Disabled","leaders":["sip:bob@contoso.com"],
       "lobbyBypassForPhoneUsers":"Disabled","phoneUserAdmission":"Disabled",
       "subject":"Quarterly sales numbers"}""";

  private TestServer server;
  private UcwaClient alice;
  private UcwaClient bob;
  private String myOnlineMeetings;

  @BeforeEach
  void start() {
    server = TestServer.start();
    alice = server.client("alice");
    alice.createApplication("scheduling");
    bob = server.client("bob");
    bob.createApplication("scheduling");
    myOnlineMeetings = alice.link("onlineMeetings/myOnlineMeetings");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void postingAMeetingAnswers201WithItsLocationETagAndTheMeeting() {
    Response r = alice.postJson(myOnlineMeetings, SAMPLE);

    assertThat(r.status()).isEqualTo(201);
    JsonNode m = r.json();
    String id = m.path("onlineMeetingId").asText();
    assertThat(id).matches("[A-Z0-9]{8}");
    assertThat(r.header("Location")).endsWith("/onlineMeetings/myOnlineMeetings/" + id);
    assertThat(r.header("ETag")).isNotBlank();
    assertThat(m.path("rel").asText()).isEqualTo("myOnlineMeeting");
    assertThat(m.path("onlineMeetingUri").asText())
        .isEqualTo("sip:alice@contoso.com;gruu;opaque=app:conf:focus:id:" + id);
    assertThat(m.path("organizerUri").asText()).isEqualTo("sip:alice@contoso.com");
    assertThat(m.path("joinUrl").asText())
        .isEqualTo(alice.resolve("/meet/alice@contoso.com/" + id));
    assertThat(m.path("conferenceId").asText()).matches("\\d{7}");
    assertThat(texts(m.path("attendees")))
        .containsExactly("sip:carol@contoso.com", "sip:dave@contoso.com");
    assertThat(texts(m.path("leaders"))).containsExactly("sip:bob@contoso.com");
    assertThat(m.path("accessLevel").asText()).isEqualTo("Invited");
    assertThat(m.path("automaticLeaderAssignment").asText()).isEqualTo("SameEnterprise");
    assertThat(m.path("subject").asText()).isEqualTo("Quarterly sales numbers");

    Response read = alice.get(r.header("Location"));
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.header("ETag")).isEqualTo(r.header("ETag"));
    assertThat(read.json()).isEqualTo(m);
  }

  @Test
  void aMeetingWithoutSettingsTakesTheDefaultValuesAndExpiresInEightHours() {
    JsonNode defaults = alice.get(alice.link("onlineMeetings/onlineMeetingDefaultValues")).json();
    Instant before = Instant.now();

    Response r = alice.postJson(myOnlineMeetings, "{}");

    assertThat(r.status()).isEqualTo(201);
    JsonNode m = r.json();
    for (String setting :
        List.of(
            "accessLevel",
            "automaticLeaderAssignment",
            "entryExitAnnouncement",
            "lobbyBypassForPhoneUsers")) {
      assertThat(m.path(setting).asText()).as(setting).isEqualTo(defaults.path(setting).asText());
    }
    Instant expires = date(m.path("expirationTime").asText());
    assertThat(expires)
        .isBetween(
            before.plus(8, ChronoUnit.HOURS).minusSeconds(5),
            Instant.now().plus(8, ChronoUnit.HOURS).plusSeconds(5));
    assertThat(m.has("subject")).isFalse();
  }

  @Test
  void theListHoldsTheAssignedMeetingAndEveryScheduledOne() {
    String first = alice.postJson(myOnlineMeetings, SAMPLE).json().path("onlineMeetingId").asText();
    String second = alice.postJson(myOnlineMeetings, "{}").json().path("onlineMeetingId").asText();

    JsonNode list = alice.get(myOnlineMeetings).json();

    assertThat(list.path("rel").asText()).isEqualTo("myOnlineMeetings");
    assertThat(ids(list.path("_embedded").path("myOnlineMeeting")))
        .containsExactlyInAnyOrder(first, second);
    JsonNode assigned = list.path("_embedded").path("myAssignedOnlineMeeting");
    assertThat(assigned.isArray()).isTrue();
    assertThat(assigned.get(0).path("_links").path("self").path("href").asText())
        .isEqualTo(alice.link("onlineMeetings/myAssignedOnlineMeeting"));
    assertThat(
            alice
                .get(alice.link("onlineMeetings/myAssignedOnlineMeeting"))
                .json()
                .path("rel")
                .asText())
        .isEqualTo("myAssignedOnlineMeeting");
  }

  @Test
  void anUpdateWithTheETagChangesTheMeetingAndItsETag() {
    Response created = alice.postJson(myOnlineMeetings, SAMPLE);
    String href = created.header("Location");

    Response r =
        alice.put(
            href,
            "application/json",
            "{\"subject\":\"Revised\",\"accessLevel\":\"Locked\",\"attendees\":[]}",
            Map.of("If-Match", created.header("ETag")));

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.header("ETag")).isNotEqualTo(created.header("ETag"));
    assertThat(r.json().path("subject").asText()).isEqualTo("Revised");
    assertThat(r.json().path("accessLevel").asText()).isEqualTo("Locked");
    assertThat(r.json().path("attendees")).isEmpty();
    assertThat(r.json().path("description").asText()).isEqualTo("Sales review");
    assertThat(r.json().path("onlineMeetingId")).isEqualTo(created.json().path("onlineMeetingId"));
    assertThat(alice.get(href).json()).isEqualTo(r.json());
  }

  @Test
  void anUpdateInXmlIsReadLikeTheReferenceSample() {
    Response created = alice.postJson(myOnlineMeetings, SAMPLE);
    String href = created.header("Location");

    Response r =
        alice.put(
            href,
            "application/xml",
            """
            <?xml version="1.0" encoding="utf-8"?>
            <input xmlns="http://schemas.microsoft.com/rtc/2012/03/ucwa">
              <property name="accessLevel">Everyone</property>
              <propertyList name="leaders">
                <item>sip:bob@contoso.com</item>
                <item>sip:carol@contoso.com</item>
              </propertyList>
              <property name="expirationTime">2030-09-26T16:20:29.6409409-07:00</property>
            </input>""",
            Map.of("If-Match", created.header("ETag")));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode m = alice.get(href).json();
    assertThat(m.path("accessLevel").asText()).isEqualTo("Everyone");
    assertThat(texts(m.path("leaders")))
        .containsExactly("sip:bob@contoso.com", "sip:carol@contoso.com");
    assertThat(texts(m.path("attendees"))).containsExactly("sip:dave@contoso.com");
    assertThat(date(m.path("expirationTime").asText()))
        .isEqualTo(Instant.parse("2030-09-26T23:20:29.640Z"));
  }

  @Test
  void aPutWithoutIfMatchIsPreconditionRequiredAndAStaleOneFailed() {
    Response created = alice.postJson(myOnlineMeetings, SAMPLE);
    String href = created.header("Location");
    String stale = created.header("ETag");
    alice.put(href, "application/json", "{\"subject\":\"Once\"}", Map.of("If-Match", stale));
    JsonNode before = alice.get(href).json();

    assertJsonError(
        alice.put(href, "application/json", "{\"subject\":\"Twice\"}", Map.of()),
        428,
        "PreconditionRequired",
        "PreconditionRequired");
    assertXmlError(
        alice.put(
            href,
            "application/json",
            "{\"subject\":\"Twice\"}",
            Map.of("If-Match", "\"" + stale + "\"", "Accept", "application/xml")),
        412,
        "PreconditionFailed",
        "PreconditionFailed");

    assertThat(alice.get(href).json()).isEqualTo(before);
  }

  @Test
  void aDeletedMeetingIsGone() {
    String href = alice.postJson(myOnlineMeetings, SAMPLE).header("Location");

    assertThat(alice.delete(href).status()).isEqualTo(204);

    assertJsonError(alice.get(href), 404, "NotFound", "ResourceNotFound");
    assertThat(alice.get(myOnlineMeetings).json().path("_embedded").path("myOnlineMeeting"))
        .isEmpty();
    assertJsonError(alice.delete(href), 404, "NotFound", "ResourceNotFound");
  }

  @Test
  void theAssignedMeetingCannotBeDeleted() {
    String assigned = alice.link("onlineMeetings/myAssignedOnlineMeeting");

    assertJsonError(alice.delete(assigned), 403, "Forbidden", null);

    assertThat(alice.get(assigned).status()).isEqualTo(200);
  }

  @Test
  void anotherUsersMeetingIsNotFoundThroughOnesOwnApplication() {
    String id = alice.postJson(myOnlineMeetings, SAMPLE).json().path("onlineMeetingId").asText();
    String bobs = bob.link("onlineMeetings/myOnlineMeetings") + "/" + id;

    assertJsonError(bob.get(bobs), 404, "NotFound", "ResourceNotFound");
    assertJsonError(
        bob.put(bobs, "application/json", "{\"subject\":\"Mine\"}", Map.of("If-Match", "*")),
        404,
        "NotFound",
        "ResourceNotFound");
    assertJsonError(bob.delete(bobs), 404, "NotFound", "ResourceNotFound");

    assertThat(ids(alice.get(myOnlineMeetings).json().path("_embedded").path("myOnlineMeeting")))
        .containsExactly(id);
  }

  @Test
  void badSettingsAreRefusedNamingTheParameterAndScheduleNothing() {
    Map<String, String> bad =
        Map.of(
            "subject", "{\"subject\":\"" + "s".repeat(257) + "\"}",
            "description", "{\"description\":\"" + "d".repeat(2049) + "\"}",
            "attendees", "{\"attendees\":" + uris(251) + "}",
            "leaders", "{\"leaders\":[\"bob\"]}",
            "expirationTime", "{\"expirationTime\":\"/Date(1474932029050)/\"}",
            "accessLevel", "{\"accessLevel\":\"Nobody\"}",
            "entryExitAnnouncement", "{\"entryExitAnnouncement\":\"Enabled\"}");
    for (var e : bad.entrySet()) {
      ErrorBody error =
          assertJsonError(
              alice.postJson(myOnlineMeetings, e.getValue()),
              400,
              "BadRequest",
              "ParameterValidationFailure");
      assertThat(error.parameters()).as(e.getKey()).containsOnlyKeys(e.getKey());
    }
    assertXmlError(
        alice.post(
            myOnlineMeetings,
            "application/json",
            "{\"expirationTime\":\"yesterday\"}",
            Map.of("Accept", "application/xml")),
        400,
        "BadRequest",
        "ParameterValidationFailure");

    assertThat(alice.get(myOnlineMeetings).json().path("_embedded").path("myOnlineMeeting"))
        .isEmpty();
  }

  @Test
  void aRefusedUpdateChangesNothing() {
    Response created = alice.postJson(myOnlineMeetings, SAMPLE);
    String href = created.header("Location");

    assertJsonError(
        alice.put(
            href,
            "application/json",
            "{\"subject\":\"New\",\"leaders\":" + uris(251) + "}",
            Map.of("If-Match", created.header("ETag"))),
        400,
        "BadRequest",
        "ParameterValidationFailure");

    Response after = alice.get(href);
    assertThat(after.json()).isEqualTo(created.json());
    assertThat(after.header("ETag")).isEqualTo(created.header("ETag"));
  }

  @Test
  void theEligibleValuesAndPoliciesDescribeWhatCanBeScheduled() {
    JsonNode eligible = alice.get(alice.link("onlineMeetings/onlineMeetingEligibleValues")).json();
    JsonNode policies = alice.get(alice.link("onlineMeetings/onlineMeetingPolicies")).json();

    assertThat(texts(eligible.path("accessLevels")))
        .containsExactlyInAnyOrder("Locked", "Invited", "SameEnterprise", "Everyone");
    assertThat(eligible.path("_links").path("myOnlineMeetings").path("href").asText())
        .isEqualTo(myOnlineMeetings);
    assertThat(policies.path("meetingSize").asInt()).isEqualTo(250);
    for (String level : texts(eligible.path("accessLevels"))) {
      assertThat(
              alice
                  .postJson(myOnlineMeetings, "{\"accessLevel\":\"" + level + "\"}")
                  .json()
                  .path("accessLevel")
                  .asText())
          .isEqualTo(level);
    }
  }

  private static String uris(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("\"sip:user" + i + "@contoso.com\"");
    }
    return "[" + String.join(",", out) + "]";
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static List<String> ids(JsonNode meetings) {
    List<String> out = new ArrayList<>();
    meetings.forEach(n -> out.add(n.path("onlineMeetingId").asText()));
    return out;
  }

  private static Instant date(String jsonDate) {
    assertThat(jsonDate).matches("/Date\\(\\d+\\)/");
    return Instant.ofEpochMilli(Long.parseLong(jsonDate.replaceAll("\\D", "")));
  }
}
