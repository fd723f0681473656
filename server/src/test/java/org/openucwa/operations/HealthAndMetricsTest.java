package org.openucwa.operations;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * /health/live, /health/ready and /metrics on a management port of their own, unauthenticated; the
 * metrics move as clients sign in, hold P-GETs and invite each other.
 */
class HealthAndMetricsTest {

  private static TestServer server;
  private static String management;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server = TestServer.start(b -> b.managementPort(0));
    management = "http://127.0.0.1:" + server.server().managementPort().orElseThrow();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> get(String url) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static double metric(String text, String series) {
    Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " ([0-9.eE+-]+)$").matcher(text);
    return m.find() ? Double.parseDouble(m.group(1)) : 0;
  }

  private static String metrics() throws Exception {
    HttpResponse<String> r = get(management + "/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
    return r.body();
  }

  @Test
  void health_answers_without_a_token_on_the_management_port_and_not_on_the_main_one()
      throws Exception {
    HttpResponse<String> live = get(management + "/health/live");
    HttpResponse<String> ready = get(management + "/health/ready");

    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body()).contains("\"status\":\"UP\"");
    assertThat(get(server.url() + "/health/ready").statusCode()).isEqualTo(404);
    assertThat(get(server.url() + "/metrics").statusCode()).isEqualTo(404);
  }

  @Test
  void without_a_management_port_health_and_metrics_are_on_the_main_port() throws Exception {
    try (TestServer plain = TestServer.start()) {
      assertThat(get(plain.url() + "/health/live").statusCode()).isEqualTo(200);
      assertThat(get(plain.url() + "/health/ready").statusCode()).isEqualTo(200);
      assertThat(get(plain.url() + "/metrics").body()).contains("ucwa_applications");
    }
  }

  @Test
  void the_metrics_name_every_figure_an_operator_watches() throws Exception {
    String text = metrics();

    assertThat(text)
        .contains(
            "ucwa_applications ",
            "ucwa_pgets_held ",
            "ucwa_conversations ",
            "ucwa_invitations_pending{kind=\"messagingInvitation\"}",
            "ucwa_invitations_pending{kind=\"participantInvitation\"}",
            "ucwa_invitations_pending{kind=\"onlineMeetingInvitation\"}",
            "ucwa_sign_ins_total{outcome=\"success\"}",
            "ucwa_sign_ins_total{outcome=\"failure\"}",
            "ucwa_sign_ins_total{outcome=\"throttled\"}",
            "ucwa_event_queue_events ",
            "ucwa_event_queue_max_events ",
            "ucwa_store_writes_pending{queue=\"invitation-record\"}",
            "ucwa_store_writes_pending{queue=\"conversation-history\"}",
            "ucwa_store_writes_total{queue=\"conversation-history\"}",
            "ucwa_store_write_failures_total{queue=\"invitation-record\"}",
            "ucwa_store_writes_refused_total{queue=\"conversation-history\"}",
            "jvm_memory_used_bytes",
            "jvm_gc_",
            "jvm_threads_live_threads");
  }

  @Test
  void counters_move_with_sign_ins_requests_held_pgets_and_invitations() throws Exception {
    String before = metrics();
    UcwaClient alice = server.client("alice");
    alice.createApplication("metrics-a");
    alice.makeAvailable();
    alice.events().drain();
    UcwaClient bob = server.client("bob");
    bob.createApplication("metrics-b");
    bob.makeAvailable();
    bob.events().drain();
    UcwaClient.Response refused =
        alice.post(
            alice.tokenUrl(),
            "application/x-www-form-urlencoded",
            UcwaClient.form(Map.of("grant_type", "password", "username", "dave", "password", "no")),
            Map.of());
    assertThat(refused.status()).isEqualTo(400);

    UcwaClient.Response started =
        alice.postJson(
            alice.link("communication/startMessaging"),
            "{\"to\":\"sip:bob@contoso.com\",\"operationId\":\"m-1\"}");
    assertThat(started.status()).isEqualTo(201);
    JsonNode incoming = bob.events().await("messagingInvitation", "started").embedded();
    String during = metrics();

    assertThat(metric(during, "ucwa_sign_ins_total{outcome=\"success\"}"))
        .isEqualTo(metric(before, "ucwa_sign_ins_total{outcome=\"success\"}") + 2);
    assertThat(metric(during, "ucwa_sign_ins_total{outcome=\"failure\"}"))
        .isEqualTo(metric(before, "ucwa_sign_ins_total{outcome=\"failure\"}") + 1);
    assertThat(metric(during, "ucwa_applications")).isGreaterThanOrEqualTo(2);
    assertThat(metric(during, "ucwa_invitations_pending{kind=\"messagingInvitation\"}"))
        .isGreaterThanOrEqualTo(2);
    assertThat(metric(during, "ucwa_conversations")).isGreaterThanOrEqualTo(2);
    assertThat(during)
        .containsPattern(
            "ucwa_requests_seconds_count\\{family=\"messagingInvitations\",status=\"2xx\"\\} [1-9]")
        .containsPattern("ucwa_requests_seconds_bucket\\{family=\"events\",status=\"2xx\",le=");

    String accept = incoming.at("/_links/accept/href").asText();
    assertThat(bob.post(accept, "application/json", "", Map.of()).status()).isEqualTo(204);
    alice.events().await("messagingInvitation", "completed");
    String after = metrics();

    assertThat(
            metric(
                after,
                "ucwa_invitations_ended_total{kind=\"messagingInvitation\",outcome=\"Success\"}"))
        .isGreaterThanOrEqualTo(1);
    assertThat(metric(after, "ucwa_invitations_pending{kind=\"messagingInvitation\"}"))
        .isEqualTo(metric(during, "ucwa_invitations_pending{kind=\"messagingInvitation\"}") - 2);
    alice.delete(alice.link("self"));
    bob.delete(bob.link("self"));
  }

  @Test
  void a_held_pget_shows_while_it_waits() throws Exception {
    UcwaClient carol = server.client("carol");
    carol.createApplication("metrics-held");
    carol.events().drain();
    carol.events().hold();
    double held = 0;
    for (int i = 0; i < 200 && held < 1; i++) {
      Thread.sleep(25);
      held = metric(metrics(), "ucwa_pgets_held");
    }
    assertThat(held).isGreaterThanOrEqualTo(1);
    carol.delete(carol.link("self"));
  }
}
