package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucwa.audit.InvitationRecord;
import org.openucwa.testing.Databases;
import org.openucwa.testing.Messaging;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;
import org.openucwa.writes.WriteBehind;
import org.slf4j.LoggerFactory;

/**
 * The PostgreSQL database goes away while the server runs: invitations and conversations keep
 * working, the writes of the invitation record and of the conversation history wait and are retried
 * (counted by the store metrics, told by one log line per writer), and once the database is back
 * every one of them lands.
 */
class DatabaseOutageScenarioTest {

  private final LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private Level writerLevel;

  @BeforeEach
  void listen() {
    Logger writer = logging.getLogger(WriteBehind.class);
    writerLevel = writer.getLevel();
    writer.setLevel(Level.INFO);
    logged.start();
    writer.addAppender(logged);
  }

  @AfterEach
  void stopListening() {
    Logger writer = logging.getLogger(WriteBehind.class);
    writer.detachAppender(logged);
    writer.setLevel(writerLevel);
  }

  private List<String> writerLines() {
    return logged.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  /** The value of one series of the server's Prometheus metrics (0 when absent). */
  private static double metric(UcwaClient c, TestServer server, String series) {
    for (String line : c.get(server.url() + "/metrics").body().split("\n")) {
      if (line.startsWith(series + " ")) {
        return Double.parseDouble(line.substring(series.length() + 1).trim());
      }
    }
    return 0;
  }

  @Test
  void invitations_made_while_the_database_is_away_are_recorded_once_it_is_back() throws Exception {
    String url = Databases.freshUrl(Databases.POSTGRESQL);
    String name = url.replaceFirst("jdbc:postgresql://[^/]+/([^?]*).*", "$1");
    try (TestServer server = TestServer.start(b -> b.databaseUrl(url))) {
      UcwaClient alice = server.client("alice");
      alice.createApplication("outage-1");
      alice.makeAvailable();
      UcwaClient bob = server.available("bob", "outage-2");
      alice.events().drain();

      admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
      admin(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name + "'");
      for (String op : List.of("op-away-1", "op-away-2", "op-away-3")) {
        UcwaClient.Response r =
            alice.postJson(
                alice.link("communication/startMessaging"),
                "{\"to\":\"sip:nobody@contoso.com\",\"operationId\":\"" + op + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(
                alice
                    .events()
                    .await("messagingInvitation", "completed")
                    .body()
                    .at("/reason/subcode")
                    .asText())
            .isEqualTo("DestinationNotFound");
      }
      // a conversation while the database is away: it works, its history waits
      Messaging.invite(
          alice,
          "{\"to\":\"sip:bob@contoso.com\",\"message\":\"data:text/plain,While+away\","
              + "\"operationId\":\"op-talk\"}");
      String conversation = Messaging.accept(alice, bob);
      bob.events().await("message", "completed");
      Messaging.stop(alice, conversation);
      await(() -> server.server().invitationWrites().failedAttempts() > 0);
      await(() -> server.server().historyWrites().failedAttempts() > 0);
      assertThat(server.server().invitationWrites().pending()).isPositive();
      assertThat(server.server().historyWrites().pending()).isPositive();
      assertThat(
              metric(alice, server, "ucwa_store_write_failures_total{queue=\"invitation-record\"}"))
          .isPositive();
      assertThat(
              metric(
                  alice, server, "ucwa_store_write_failures_total{queue=\"conversation-history\"}"))
          .isPositive();
      assertThat(metric(alice, server, "ucwa_store_writes_pending{queue=\"conversation-history\"}"))
          .isPositive();
      assertThat(writerLines())
          .filteredOn(l -> l.contains("cannot write to the store"))
          .anyMatch(l -> l.startsWith("invitation-record:"))
          .anyMatch(l -> l.startsWith("conversation-history:"));

      admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
      await(() -> server.server().invitationWrites().pending() == 0);
      await(() -> server.server().historyWrites().pending() == 0);
      assertThat(writerLines())
          .filteredOn(l -> l.contains("the store is reachable again"))
          .anyMatch(l -> l.startsWith("invitation-record:"))
          .anyMatch(l -> l.startsWith("conversation-history:"));
      assertThat(metric(alice, server, "ucwa_store_writes_pending{queue=\"conversation-history\"}"))
          .isZero();
      JsonNode logs = bob.get(bob.link("communication/conversationLogs")).json();
      assertThat(logs.at("/_links/conversationLog")).hasSize(1);
      String log = logs.at("/_links/conversationLog/0/href").asText();
      assertThat(bob.get(log + "/conversationLogTranscripts").body())
          .contains("data:text/plain;charset=utf-8,While+away");
      assertThat(server.server().historyWrites().refused()).isZero();

      assertThat(server.server().invitationRecord(Optional.of("sip:alice@contoso.com")))
          .extracting(r -> r.operationId().orElse(""))
          .containsExactlyInAnyOrder("op-away-1", "op-away-2", "op-away-3", "op-talk");
      assertThat(server.server().invitationRecord(Optional.empty()))
          .filteredOn(r -> r.operationId().orElse("").startsWith("op-away-"))
          .hasSize(3)
          .allSatisfy(r -> assertThat(r.outcome()).contains("Failure"))
          .extracting(InvitationRecord::reasonSubcode)
          .containsOnly(Optional.of("DestinationNotFound"));
      assertThat(server.server().invitationRecord(Optional.empty()))
          .filteredOn(r -> r.operationId().equals(Optional.of("op-talk")))
          .singleElement()
          .satisfies(r -> assertThat(r.outcome()).contains("Success"));
      assertThat(server.server().invitationWrites().refused()).isZero();
    }
  }

  private static void admin(String sql) throws Exception {
    try (Connection c = DriverManager.getConnection(Databases.postgresServer());
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** Waits for what the writer thread does in its own time (at most a minute). */
  private static void await(BooleanSupplier done) throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (!done.getAsBoolean() && Instant.now().isBefore(deadline)) {
      Thread.sleep(50);
    }
    assertThat(done.getAsBoolean()).as("reached within a minute").isTrue();
  }
}
