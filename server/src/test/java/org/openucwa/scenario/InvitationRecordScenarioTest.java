package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openucwa.server.InvitationsCommand;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * The invitation record as an operator reads it: a scripted mix of accepted, declined, timed-out,
 * canceled, undeliverable and misaddressed invitations, made over HTTP the way clients make them,
 * then queried on {@code /admin/invitations} with the admin token.
 */
class InvitationRecordScenarioTest {

  private static final String ADMIN = "admin-token-of-the-operator";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static TestServer server;
  private static int endpoints;
  private static Instant scriptStart;
  private static Map<String, JsonNode> byOperation;

  @BeforeAll
  static void runTheScript() throws Exception {
    server = TestServer.start(b -> b.invitationTimeout(Duration.ofSeconds(2)).adminToken(ADMIN));
    scriptStart = Instant.now();

    UcwaClient alice = app("alice", true);
    UcwaClient bob = app("bob", true);
    invite(alice, "sip:bob@contoso.com", "op-accepted");
    JsonNode incoming = bob.events().await("messagingInvitation", "started").embedded();
    bob.post(incoming.at("/_links/accept/href").asText(), null, "", Map.of());
    alice.events().await("messagingInvitation", "completed");

    UcwaClient carol = app("carol", true);
    UcwaClient dave = app("dave", true);
    invite(carol, "sip:dave@contoso.com", "op-declined");
    incoming = dave.events().await("messagingInvitation", "started").embedded();
    dave.postJson(incoming.at("/_links/decline/href").asText(), "{\"reason\":\"Local\"}");
    carol.events().await("messagingInvitation", "completed");

    UcwaClient dave2 = app("dave", true);
    UcwaClient carol2 = app("carol", true);
    invite(dave2, "sip:carol@contoso.com", "op-timeout");
    dave2.events().await("messagingInvitation", "completed");

    UcwaClient bob2 = app("bob", true);
    UcwaClient alice2 = app("alice", true);
    invite(bob2, "sip:alice@contoso.com", "op-canceled");
    JsonNode outgoing = bob2.events().await("messagingInvitation", "started").embedded();
    alice2.events().await("messagingInvitation", "started");
    bob2.post(outgoing.at("/_links/cancel/href").asText(), null, "", Map.of());
    bob2.events().await("messagingInvitation", "completed");

    for (UcwaClient c : new UcwaClient[] {alice, bob, carol, dave, dave2, carol2, bob2, alice2}) {
      c.delete(c.link("self"));
    }
    UcwaClient lonely = app("alice", true);
    invite(lonely, "sip:dave@contoso.com", "op-unavailable");
    lonely.events().await("messagingInvitation", "completed");
    invite(lonely, "sip:nobody@contoso.com", "op-notfound");
    lonely.events().await("messagingInvitation", "completed");

    JsonNode all =
        awaitAdmin("?limit=100", b -> b.get("invitations").size() >= 6 && noneEndless(b));
    byOperation = new HashMap<>();
    all.get("invitations").forEach(i -> byOperation.put(i.path("operationId").asText(), i));
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void every_invitation_is_recorded_with_its_outcome_and_reason() {
    assertThat(byOperation.get("op-accepted").get("outcome").asText()).isEqualTo("Success");
    assertThat(byOperation.get("op-accepted").has("reason")).isFalse();
    assertThat(subcode("op-declined")).isEqualTo("Declined");
    assertThat(subcode("op-timeout")).isEqualTo("Timeout");
    assertThat(subcode("op-canceled")).isEqualTo("Canceled");
    assertThat(subcode("op-unavailable")).isEqualTo("TemporarilyUnavailable");
    assertThat(subcode("op-notfound")).isEqualTo("DestinationNotFound");
    for (String op : new String[] {"op-declined", "op-timeout", "op-canceled"}) {
      assertThat(byOperation.get(op).get("outcome").asText()).as(op).isEqualTo("Failure");
    }
  }

  @Test
  void a_record_names_inviter_invitee_conversation_times_and_each_state() {
    JsonNode accepted = byOperation.get("op-accepted");

    assertThat(accepted.get("kind").asText()).isEqualTo("messaging");
    assertThat(accepted.get("inviter").asText()).isEqualTo("sip:alice@contoso.com");
    assertThat(accepted.get("invitee").asText()).isEqualTo("sip:bob@contoso.com");
    assertThat(accepted.get("conversation").asText()).isNotEmpty();
    assertThat(accepted.get("threadId").asText()).isNotEmpty();
    Instant started = Instant.parse(accepted.get("started").asText());
    Instant ended = Instant.parse(accepted.get("ended").asText());
    assertThat(started).isAfterOrEqualTo(scriptStart.minusSeconds(1));
    assertThat(ended).isAfterOrEqualTo(started);
    JsonNode states = accepted.get("states");
    assertThat(states.get(0).get("state").asText()).isEqualTo("Connecting");
    assertThat(states.get(states.size() - 1).get("state").asText()).isEqualTo("Connected");
    assertThat(byOperation.get("op-canceled").at("/states/1/state").asText())
        .isEqualTo("Cancelled");
  }

  @Test
  void the_query_filters_by_user_and_outcome_and_pages() throws Exception {
    JsonNode declined = admin("?outcome=declined&user=dave@contoso.com");
    assertThat(declined.get("invitations"))
        .extracting(i -> i.get("operationId").asText())
        .containsExactly("op-declined");

    JsonNode firstPage = admin("?limit=2&since=" + scriptStart.minusSeconds(1));
    assertThat(firstPage.get("invitations")).hasSize(2);
    JsonNode secondPage = get(firstPage.get("next").asText(), ADMIN);
    assertThat(secondPage.get("invitations")).hasSize(2);
    assertThat(secondPage.get("invitations").get(0).get("id").asText())
        .isNotEqualTo(firstPage.get("invitations").get(1).get("id").asText());

    assertThat(admin("?until=" + scriptStart.minusSeconds(60)).get("invitations")).isEmpty();
  }

  @Test
  void the_admin_api_wants_its_token_and_well_formed_parameters() throws Exception {
    assertThat(status("/admin/invitations", null)).isEqualTo(401);
    assertThat(status("/admin/invitations", "wrong-token-of-some-length")).isEqualTo(401);
    assertThat(status("/admin/invitations?since=yesterday", ADMIN)).isEqualTo(400);
    assertThat(status("/admin/invitations?limit=0", ADMIN)).isEqualTo(400);
    assertThat(get("/admin/store", ADMIN).get("pending").asLong()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void without_an_admin_token_the_admin_api_is_off() throws Exception {
    try (TestServer plain = TestServer.start()) {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(plain.url() + "/admin/invitations"))
                  .header("Authorization", "Bearer " + ADMIN)
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(404);
    }
  }

  @Test
  void what_is_queued_at_shutdown_is_written_and_read_after_a_restart(@TempDir Path data)
      throws Exception {
    try (TestServer before = TestServer.startIn(data)) {
      UcwaClient alice = before.client("alice");
      alice.createApplication("restart-1");
      alice.makeAvailable();
      alice
          .postJson(
              alice.link("communication/startMessaging"),
              "{\"to\":\"sip:nobody@contoso.com\",\"operationId\":\"op-before-restart\"}")
          .status();
      alice.events().await("messagingInvitation", "completed");
    }
    try (TestServer after = TestServer.startIn(data)) {
      assertThat(after.server().invitationRecord(java.util.Optional.empty()))
          .extracting(r -> r.operationId().orElse(""))
          .contains("op-before-restart");
    }
  }

  @Test
  void add_participant_is_recorded_as_a_participant_invitation_and_an_online_meeting_invitation()
      throws Exception {
    Instant since = Instant.now().minusMillis(1);
    UcwaClient alice = app("alice", true);
    UcwaClient bob = app("bob", true);
    UcwaClient carol = app("carol", true);
    invite(alice, "sip:bob@contoso.com", "op-before-escalation");
    JsonNode incoming = bob.events().await("messagingInvitation", "started").embedded();
    bob.post(incoming.at("/_links/accept/href").asText(), null, "", Map.of());
    alice.events().await("messagingInvitation", "completed");
    String conversation = alice.events().last("conversation", "added").href();
    String add = alice.get(conversation).json().at("/_links/addParticipant/href").asText();

    UcwaClient.Response added =
        alice.postJson(add, "{\"to\":\"sip:carol@contoso.com\",\"operationId\":\"add-carol\"}");
    assertThat(added.status()).as(added.body()).isEqualTo(201);
    JsonNode meeting = carol.events().await("onlineMeetingInvitation", "started").embedded();
    carol.postJson(meeting.at("/_links/decline/href").asText(), "{\"reason\":\"Global\"}");
    alice.events().await("participantInvitation", "completed");

    JsonNode record =
        awaitAdmin(
            "?user=carol@contoso.com&outcome=Declined&since=" + since,
            b -> b.get("invitations").size() >= 2 && noneEndless(b));
    Map<String, JsonNode> byKind = new HashMap<>();
    record.get("invitations").forEach(i -> byKind.put(i.get("kind").asText(), i));
    assertThat(byKind).containsOnlyKeys("participantInvitation", "onlineMeeting");
    JsonNode pi = byKind.get("participantInvitation");
    assertThat(pi.get("inviter").asText()).isEqualTo("sip:alice@contoso.com");
    assertThat(pi.get("invitee").asText()).isEqualTo("sip:carol@contoso.com");
    assertThat(pi.get("operationId").asText()).isEqualTo("add-carol");
    assertThat(pi.at("/reason/subcode").asText()).isEqualTo("Declined");
    assertThat(byKind.get("onlineMeeting").get("invitee").asText())
        .isEqualTo("sip:carol@contoso.com");
    for (UcwaClient c : new UcwaClient[] {alice, bob, carol}) {
      c.delete(c.link("self"));
    }
  }

  @Test
  void the_invitations_command_prints_the_record_as_a_table() {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int code =
        InvitationsCommand.run(
            new String[] {
              "--url", server.url(), "--outcome", "Declined", "--user", "dave@contoso.com"
            },
            Map.of("UCWA_ADMIN_TOKEN", ADMIN),
            new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8),
            new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));

    assertThat(code).as(err.toString(java.nio.charset.StandardCharsets.UTF_8)).isZero();
    List<String> lines = out.toString(java.nio.charset.StandardCharsets.UTF_8).lines().toList();
    assertThat(lines.get(0)).startsWith("STARTED").contains("INVITER", "OUTCOME", "REASON");
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1))
        .contains("messaging", "sip:carol@contoso.com", "sip:dave@contoso.com", "Failure")
        .contains("Forbidden/Declined", "Connecting>Declined");
  }

  @Test
  void the_invitations_command_without_a_token_says_how_to_give_one() {
    java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
    int code =
        InvitationsCommand.run(
            new String[] {"--url", server.url()},
            Map.of(),
            System.out,
            new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));

    assertThat(code).isEqualTo(2);
    assertThat(err.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("--admin-token");
  }

  private static String subcode(String op) {
    return byOperation.get(op).at("/reason/subcode").asText();
  }

  private static boolean noneEndless(JsonNode body) {
    for (JsonNode i : body.get("invitations")) {
      if (i.get("outcome").asText().equals("pending")) {
        return false;
      }
    }
    return true;
  }

  private static UcwaClient app(String user, boolean available) {
    UcwaClient c = server.client(user);
    c.createApplication("record-" + (++endpoints));
    if (available) {
      c.makeAvailable();
    }
    c.events().drain();
    return c;
  }

  private static void invite(UcwaClient from, String to, String operationId) {
    UcwaClient.Response r =
        from.postJson(
            from.link("communication/startMessaging"),
            "{\"to\":\"" + to + "\",\"operationId\":\"" + operationId + "\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
  }

  private static JsonNode admin(String query) throws Exception {
    return get("/admin/invitations" + query, ADMIN);
  }

  /** The record is written behind the flow: ask until it shows what the script did. */
  private static JsonNode awaitAdmin(String query, Predicate<JsonNode> done) throws Exception {
    Instant deadline = Instant.now().plusSeconds(30);
    JsonNode body = admin(query);
    while (!done.test(body) && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
      body = admin(query);
    }
    return body;
  }

  private static JsonNode get(String path, String token) throws IOException, InterruptedException {
    HttpResponse<String> r = send(path, token);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    return JSON.readTree(r.body());
  }

  private static int status(String path, String token) throws Exception {
    return send(path, token).statusCode();
  }

  private static HttpResponse<String> send(String path, String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
