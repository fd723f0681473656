package org.openucwa.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openucwa.audit.InvitationKind;
import org.openucwa.audit.InvitationQuery;
import org.openucwa.audit.InvitationRecord;
import org.openucwa.audit.InvitationStep;
import org.openucwa.audit.InvitationStep.Stage;
import org.openucwa.resource.Reason;
import org.openucwa.testing.Databases;

class JdbcInvitationLogTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final String ALICE = "sip:alice@contoso.com";
  private static final String BOB = "sip:bob@contoso.com";
  private static final String CAROL = "sip:carol@contoso.com";

  private static InvitationStep step(
      String id, String from, String to, Stage stage, String state, int second, Reason why) {
    Optional<String> outcome =
        stage == Stage.completed
            ? Optional.of(why == null ? "Success" : "Failure")
            : Optional.empty();
    return new InvitationStep(
        id,
        InvitationKind.messaging,
        from,
        to,
        "conv-" + id,
        "thread-" + id,
        Optional.of("op-" + id),
        stage,
        state,
        T0.plusSeconds(second),
        outcome,
        Optional.ofNullable(why));
  }

  private static InvitationQuery all() {
    return new InvitationQuery(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), 100, 0);
  }

  private static void fill(JdbcInvitationLog log) throws Exception {
    log.append(
        List.of(
            step("a", ALICE, BOB, Stage.started, "Connecting", 0, null),
            step("b", BOB, CAROL, Stage.started, "Connecting", 10, null),
            step("a", ALICE, BOB, Stage.completed, "Connected", 2, null)));
    log.append(
        List.of(
            step(
                "b",
                BOB,
                CAROL,
                Stage.completed,
                "Declined",
                12,
                Reason.of("Forbidden", "Declined", "The invitation was declined.")),
            step("c", CAROL, ALICE, Stage.started, "Connecting", 20, null)));
  }

  @ParameterizedTest
  @ValueSource(strings = {Databases.H2, Databases.POSTGRESQL})
  void an_invitation_is_kept_with_its_states_in_order_and_its_outcome(String kind)
      throws Exception {
    try (Database db = Databases.fresh(kind)) {
      JdbcInvitationLog log = new JdbcInvitationLog(db);
      fill(log);

      List<InvitationRecord> found = log.find(all());

      assertThat(found).extracting(InvitationRecord::id).containsExactly("c", "b", "a");
      InvitationRecord b = found.get(1);
      assertThat(b.inviter()).isEqualTo(BOB);
      assertThat(b.invitee()).isEqualTo(CAROL);
      assertThat(b.conversation()).isEqualTo("conv-b");
      assertThat(b.threadId()).isEqualTo("thread-b");
      assertThat(b.operationId()).contains("op-b");
      assertThat(b.started()).isEqualTo(T0.plusSeconds(10));
      assertThat(b.ended()).contains(T0.plusSeconds(12));
      assertThat(b.outcome()).contains("Failure");
      assertThat(b.reasonCode()).contains("Forbidden");
      assertThat(b.reasonSubcode()).contains("Declined");
      assertThat(b.states())
          .containsExactly(
              new InvitationRecord.StateAt("Connecting", T0.plusSeconds(10)),
              new InvitationRecord.StateAt("Declined", T0.plusSeconds(12)));
      InvitationRecord c = found.get(0);
      assertThat(c.ended()).isEmpty();
      assertThat(c.outcome()).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {Databases.H2, Databases.POSTGRESQL})
  void the_query_selects_by_user_outcome_time_and_pages(String kind) throws Exception {
    try (Database db = Databases.fresh(kind)) {
      JdbcInvitationLog log = new JdbcInvitationLog(db);
      fill(log);

      assertThat(ids(log, Optional.of(CAROL), Optional.empty(), null, null, 100, 0))
          .containsExactly("c", "b");
      assertThat(ids(log, Optional.empty(), Optional.of("declined"), null, null, 100, 0))
          .containsExactly("b");
      assertThat(ids(log, Optional.empty(), Optional.of("SUCCESS"), null, null, 100, 0))
          .containsExactly("a");
      assertThat(ids(log, Optional.empty(), Optional.of("pending"), null, null, 100, 0))
          .containsExactly("c");
      assertThat(
              ids(
                  log,
                  Optional.empty(),
                  Optional.empty(),
                  T0.plusSeconds(5),
                  T0.plusSeconds(20),
                  100,
                  0))
          .containsExactly("b");
      assertThat(ids(log, Optional.empty(), Optional.empty(), null, null, 2, 0))
          .containsExactly("c", "b");
      assertThat(ids(log, Optional.empty(), Optional.empty(), null, null, 2, 2))
          .containsExactly("a");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {Databases.H2, Databases.POSTGRESQL})
  void steps_of_one_invitation_in_one_batch_or_in_many_give_the_same_record(String kind)
      throws Exception {
    List<InvitationStep> flow =
        List.of(
            step("d", ALICE, BOB, Stage.started, "Connecting", 0, null),
            step("d", ALICE, BOB, Stage.updated, "Connecting", 1, null),
            step("d", ALICE, BOB, Stage.completed, "Connected", 2, null));
    try (Database db = Databases.fresh(kind)) {
      JdbcInvitationLog together = new JdbcInvitationLog(db);
      together.append(flow);
      InvitationRecord one = together.find(all()).get(0);
      assertThat(one.states())
          .extracting(InvitationRecord.StateAt::state)
          .containsExactly("Connecting", "Connecting", "Connected");
      assertThat(one.outcome()).contains("Success");
      assertThat(one.ended()).contains(T0.plusSeconds(2));

      try (Database other = Databases.fresh(kind)) {
        JdbcInvitationLog apart = new JdbcInvitationLog(other);
        for (InvitationStep step : flow) {
          apart.append(List.of(step));
        }
        assertThat(apart.find(all())).containsExactly(one);
      }
    }
  }

  /**
   * An invitation that has not ended is held back rather than written, so that its row is written
   * once, whole, when it ends in a later batch (decision 0067).
   */
  @ParameterizedTest
  @ValueSource(strings = {Databases.H2, Databases.POSTGRESQL})
  void an_invitation_not_ended_is_held_and_written_once_whole_when_it_ends(String kind)
      throws Exception {
    try (Database db = Databases.fresh(kind)) {
      AtomicLong nanos = new AtomicLong();
      JdbcInvitationLog log = new JdbcInvitationLog(db, Duration.ofSeconds(2), nanos::get);

      log.append(List.of(step("h", ALICE, BOB, Stage.started, "Connecting", 0, null)));
      nanos.addAndGet(Duration.ofMillis(1500).toNanos());
      log.writeHeld(false);
      assertThat(rows(db)).isZero();

      log.append(List.of(step("h", ALICE, BOB, Stage.completed, "Connected", 1, null)));
      assertThat(rows(db)).isEqualTo(1);
      InvitationRecord h = log.find(all()).get(0);
      assertThat(h.started()).isEqualTo(T0);
      assertThat(h.ended()).contains(T0.plusSeconds(1));
      assertThat(h.states())
          .extracting(InvitationRecord.StateAt::state)
          .containsExactly("Connecting", "Connected");
    }
  }

  /**
   * An invitation held for the whole hold is written as pending (an operator sees it) and its end
   * completes that row; one started later is still held.
   */
  @ParameterizedTest
  @ValueSource(strings = {Databases.H2, Databases.POSTGRESQL})
  void an_invitation_held_for_the_whole_hold_is_written_pending_and_completed_later(String kind)
      throws Exception {
    try (Database db = Databases.fresh(kind)) {
      AtomicLong nanos = new AtomicLong();
      JdbcInvitationLog log = new JdbcInvitationLog(db, Duration.ofSeconds(2), nanos::get);
      log.append(List.of(step("old", ALICE, BOB, Stage.started, "Connecting", 0, null)));
      nanos.addAndGet(Duration.ofSeconds(1).toNanos());
      log.append(List.of(step("new", ALICE, CAROL, Stage.started, "Connecting", 1, null)));
      nanos.addAndGet(Duration.ofSeconds(1).toNanos());

      log.writeHeld(false);
      assertThat(rows(db)).isEqualTo(1);

      log.append(List.of(step("old", ALICE, BOB, Stage.completed, "Connected", 5, null)));
      log.writeHeld(true); // as the writer does when it closes
      assertThat(rows(db)).isEqualTo(2);
      List<InvitationRecord> records = log.find(all());
      assertThat(records)
          .extracting(InvitationRecord::id, r -> r.states().size(), InvitationRecord::outcome)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("new", 1, Optional.empty()),
              org.assertj.core.groups.Tuple.tuple("old", 2, Optional.of("Success")));
    }
  }

  private static int rows(Database db) throws Exception {
    try (java.sql.Connection c = db.connection();
        java.sql.ResultSet r =
            c.createStatement().executeQuery("SELECT COUNT(*) FROM invitation")) {
      r.next();
      return r.getInt(1);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {Databases.H2, Databases.POSTGRESQL})
  void an_end_whose_start_was_never_recorded_is_recorded_from_what_it_knows(String kind)
      throws Exception {
    try (Database db = Databases.fresh(kind)) {
      JdbcInvitationLog log = new JdbcInvitationLog(db);

      log.append(List.of(step("e", ALICE, BOB, Stage.completed, "Connected", 3, null)));

      InvitationRecord e = log.find(all()).get(0);
      assertThat(e.started()).isEqualTo(T0.plusSeconds(3));
      assertThat(e.outcome()).contains("Success");
      assertThat(e.states())
          .containsExactly(new InvitationRecord.StateAt("Connected", T0.plusSeconds(3)));
    }
  }

  /**
   * A writer finds a row by its key (start and id) when it wrote the start itself, and by the id
   * alone when another writer did (before a restart): both complete the one row.
   */
  @ParameterizedTest
  @ValueSource(strings = {Databases.H2, Databases.POSTGRESQL})
  void an_end_completes_the_row_its_start_made_under_this_writer_or_an_earlier_one(String kind)
      throws Exception {
    try (Database db = Databases.fresh(kind)) {
      JdbcInvitationLog before = new JdbcInvitationLog(db, Duration.ZERO, System::nanoTime);
      before.append(
          List.of(
              step("f", ALICE, BOB, Stage.started, "Connecting", 0, null),
              step("g", ALICE, CAROL, Stage.started, "Connecting", 0, null)));
      before.append(List.of(step("f", ALICE, BOB, Stage.completed, "Connected", 1, null)));

      JdbcInvitationLog after = new JdbcInvitationLog(db);
      after.append(
          List.of(
              step(
                  "g",
                  ALICE,
                  CAROL,
                  Stage.completed,
                  "Failed",
                  2,
                  Reason.of("Timeout", null, null))));

      List<InvitationRecord> records = after.find(all());
      assertThat(records).hasSize(2);
      assertThat(records)
          .allSatisfy(
              r -> {
                assertThat(r.started()).isEqualTo(T0);
                assertThat(r.states()).hasSize(2);
              });
      assertThat(records)
          .extracting(InvitationRecord::id, InvitationRecord::outcome)
          .containsExactlyInAnyOrder(
              org.assertj.core.groups.Tuple.tuple("f", Optional.of("Success")),
              org.assertj.core.groups.Tuple.tuple("g", Optional.of("Failure")));
    }
  }

  /** Records written before the states moved into their row (V4) keep their states. */
  @ParameterizedTest
  @ValueSource(strings = {Databases.H2, Databases.POSTGRESQL})
  void states_recorded_in_the_old_table_move_into_their_rows(String kind) throws Exception {
    // an in-memory H2 database must outlive the connections of the first migration
    String url = Databases.freshUrl(kind) + (kind.equals(Databases.H2) ? ";DB_CLOSE_DELAY=-1" : "");
    org.flywaydb.core.Flyway.configure()
        .dataSource(url, null, null)
        .locations("classpath:db/migration")
        .target("3")
        .load()
        .migrate();
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(url);
        java.sql.Statement s = c.createStatement()) {
      s.execute(
          "INSERT INTO invitation (id, kind, inviter, invitee, conversation_id, thread_id,"
              + " started_at, ended_at, outcome) VALUES ('old', 'messaging', '"
              + ALICE
              + "', '"
              + BOB
              + "', 'conv-old', 'thread-old', 1000, 3000, 'Success')");
      s.execute(
          "INSERT INTO invitation_state (invitation_id, state, entered_at) VALUES"
              + " ('old', 'Connecting', 1000), ('old', 'Connected', 3000)");
    }

    try (Database db = Database.open(url, Optional.empty(), Optional.empty())) {
      InvitationRecord old = new JdbcInvitationLog(db).find(all()).get(0);

      assertThat(old.states())
          .containsExactly(
              new InvitationRecord.StateAt("Connecting", Instant.ofEpochMilli(1000)),
              new InvitationRecord.StateAt("Connected", Instant.ofEpochMilli(3000)));
      assertThat(old.outcome()).contains("Success");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {Databases.H2, Databases.POSTGRESQL})
  void retention_forgets_invitations_started_before_the_cutoff(String kind) throws Exception {
    try (Database db = Databases.fresh(kind)) {
      JdbcInvitationLog log = new JdbcInvitationLog(db);
      fill(log);

      assertThat(log.forgetStartedBefore(T0.plusSeconds(15))).isEqualTo(2);

      assertThat(log.find(all())).extracting(InvitationRecord::id).containsExactly("c");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {Databases.H2, Databases.POSTGRESQL})
  void text_longer_than_its_column_is_cut_not_refused(String kind) throws Exception {
    try (Database db = Databases.fresh(kind)) {
      JdbcInvitationLog log = new JdbcInvitationLog(db);
      log.append(
          List.of(
              step("long", ALICE, "sip:" + "x".repeat(600), Stage.started, "Connecting", 0, null)));

      assertThat(log.find(all()).get(0).invitee()).hasSize(512);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {Databases.H2, Databases.POSTGRESQL})
  void a_closed_database_makes_append_throw_so_the_batch_is_retried(String kind) {
    Database db = Databases.fresh(kind);
    JdbcInvitationLog log = new JdbcInvitationLog(db);
    db.close();

    assertThatThrownBy(
            () -> log.append(List.of(step("x", ALICE, BOB, Stage.completed, "Connected", 0, null))))
        .isInstanceOf(java.sql.SQLException.class);
  }

  private static List<String> ids(
      JdbcInvitationLog log,
      Optional<String> user,
      Optional<String> outcome,
      Instant since,
      Instant until,
      int limit,
      int offset) {
    return log
        .find(
            new InvitationQuery(
                user,
                outcome,
                Optional.ofNullable(since),
                Optional.ofNullable(until),
                limit,
                offset))
        .stream()
        .map(InvitationRecord::id)
        .toList();
  }
}
