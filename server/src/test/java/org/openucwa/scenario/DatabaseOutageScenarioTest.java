package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.openucwa.audit.InvitationRecord;
import org.openucwa.testing.Databases;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;

/**
 * The PostgreSQL database goes away while the server runs: invitations keep working, the record's
 * writes wait and are retried (counted), and once the database is back every one of them lands.
 */
class DatabaseOutageScenarioTest {

  @Test
  void invitations_made_while_the_database_is_away_are_recorded_once_it_is_back() throws Exception {
    String url = Databases.freshUrl(Databases.POSTGRESQL);
    String name = url.replaceFirst("jdbc:postgresql://[^/]+/([^?]*).*", "$1");
    try (TestServer server = TestServer.start(b -> b.databaseUrl(url))) {
      UcwaClient alice = server.client("alice");
      alice.createApplication("outage-1");
      alice.makeAvailable();
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
      await(() -> server.server().invitationWrites().failedAttempts() > 0);
      assertThat(server.server().invitationWrites().pending()).isPositive();

      admin("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
      await(() -> server.server().invitationWrites().pending() == 0);

      assertThat(server.server().invitationRecord(Optional.of("sip:alice@contoso.com")))
          .extracting(r -> r.operationId().orElse(""))
          .contains("op-away-1", "op-away-2", "op-away-3");
      assertThat(server.server().invitationRecord(Optional.empty()))
          .allSatisfy(r -> assertThat(r.outcome()).contains("Failure"))
          .extracting(InvitationRecord::reasonSubcode)
          .containsOnly(Optional.of("DestinationNotFound"));
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
