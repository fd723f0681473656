package org.openucwa.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openucwa.history.ConversationLog;
import org.openucwa.history.ConversationLogStatus;
import org.openucwa.history.HistoryStep;
import org.openucwa.history.HistoryWriter;
import org.openucwa.history.LogChange;
import org.openucwa.history.MissedItems;
import org.openucwa.history.Transcript;
import org.openucwa.testing.Databases;
import org.openucwa.writes.WriteBehind;

/**
 * Deleting a conversation log (conversationLog_ref.md's DELETE) through the history's ordered write
 * path: the delete is written after every step queued before it, removes the log with its
 * recipients and transcripts for its owner only, and what its conversation brings afterwards does
 * not bring it back.
 */
class ConversationLogDeleteTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final String ALICE = "sip:alice@contoso.com";
  private static final String BOB = "sip:bob@contoso.com";

  private static HistoryStep opened(String owner, String log, int second) {
    return new HistoryStep.Opened(
        owner,
        log,
        "thread-" + log,
        "Subject " + log,
        "MessageLog",
        "Incoming",
        "Normal",
        T0.plusSeconds(second));
  }

  private static HistoryStep said(String owner, String log, int second, String text) {
    return new HistoryStep.Said(
        owner, log, "k" + second, T0.plusSeconds(second), ALICE, "Alice", false, false, text);
  }

  private static int rows(Database db, String table, String owner, String log) throws Exception {
    try (Connection c = db.connection();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT COUNT(*) FROM " + table + " WHERE owner = ? AND log_id = ?")) {
      p.setString(1, owner);
      p.setString(2, log);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {Databases.H2, Databases.POSTGRESQL})
  void a_delete_removes_the_owners_log_its_recipients_and_transcripts_after_the_steps_before_it(
      String kind) throws Exception {
    try (Database db = Databases.fresh(kind)) {
      JdbcConversationHistory history = new JdbcConversationHistory(db);
      history.append(
          List.of(
              opened(BOB, "l1", 0),
              new HistoryStep.Joined(BOB, "l1", ALICE, "Alice"),
              said(BOB, "l1", 1, "kept"),
              new HistoryStep.Closed(BOB, "l1", ConversationLogStatus.Missed, T0.plusSeconds(2)),
              opened(ALICE, "l1", 0),
              said(ALICE, "l1", 1, "alice keeps hers")));

      List<LogChange> changes =
          history.append(
              List.of(
                  said(BOB, "l1", 3, "queued before the delete"),
                  opened(BOB, "l2", 4),
                  new HistoryStep.Deleted(BOB, "l1"),
                  new HistoryStep.Deleted(BOB, "l1"),
                  new HistoryStep.Deleted(BOB, "unknown")));

      assertThat(changes)
          .containsExactly(
              new LogChange(BOB, "l1", false),
              new LogChange(BOB, "l2", true),
              LogChange.deletion(BOB, "l1"));
      assertThat(history.log(BOB, "l1")).isEmpty();
      assertThat(history.logs(BOB, 10)).extracting(ConversationLog::id).containsExactly("l2");
      assertThat(history.transcripts(BOB, "l1", 0, 10)).isEmpty();
      assertThat(rows(db, "conversation_log_recipient", BOB, "l1")).isZero();
      assertThat(rows(db, "conversation_log_transcript", BOB, "l1")).isZero();
      assertThat(history.missedItems(BOB)).isEqualTo(new MissedItems(1, 0, 0));
      // the other party's log of the same conversation is theirs: untouched
      assertThat(history.log(ALICE, "l1")).isPresent();
      assertThat(history.transcripts(ALICE, "l1", 0, 10))
          .extracting(Transcript::text)
          .containsExactly("alice keeps hers");
      // deleting it again finds nothing
      assertThat(history.append(List.of(new HistoryStep.Deleted(BOB, "l1")))).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {Databases.H2, Databases.POSTGRESQL})
  void a_batch_the_store_refuses_in_part_keeps_the_delete_in_its_place(String kind)
      throws Exception {
    try (Database db = Databases.fresh(kind)) {
      JdbcConversationHistory history = new JdbcConversationHistory(db);
      // an importance longer than its column is refused: the batch is written step by step
      HistoryStep refused =
          new HistoryStep.Opened(
              BOB, "bad", "t", "s", "MessageLog", "Incoming", "x".repeat(100), T0);

      List<LogChange> changes =
          history.append(
              List.of(
                  opened(BOB, "l1", 0),
                  refused,
                  new HistoryStep.Deleted(BOB, "l1"),
                  opened(BOB, "l1", 5)));

      assertThat(changes)
          .containsExactly(
              new LogChange(BOB, "l1", true),
              LogChange.deletion(BOB, "l1"),
              new LogChange(BOB, "l1", true));
      assertThat(history.log(BOB, "l1").orElseThrow().created()).isEqualTo(T0.plusSeconds(5));
    }
  }

  /** The history's queue as the server has it, but lingering until something is offered now. */
  private record Queue(WriteBehind<HistoryStep> writes, BlockingQueue<List<LogChange>> written) {

    static Queue on(JdbcConversationHistory history) {
      BlockingQueue<List<LogChange>> written = new LinkedBlockingQueue<>();
      return new Queue(
          new WriteBehind<>(
              "history-test",
              new HistoryWriter(history, (steps, changes) -> written.add(changes)),
              1000,
              500,
              Duration.ofHours(1),
              Duration.ofMillis(10),
              Duration.ofMillis(100)),
          written);
    }

    /** Offers the steps, the last one now, and answers what the batch holding them changed. */
    List<LogChange> write(HistoryStep... steps) throws InterruptedException {
      for (int i = 0; i < steps.length - 1; i++) {
        assertThat(writes.offer(steps[i])).isTrue();
      }
      assertThat(writes.offerNow(steps[steps.length - 1])).isTrue();
      List<LogChange> changes = written.poll(30, TimeUnit.SECONDS);
      assertThat(changes).as("a batch written").isNotNull();
      return changes;
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {Databases.H2, Databases.POSTGRESQL})
  void a_delete_queued_after_a_logs_creation_deletes_it_and_later_steps_do_not_bring_it_back(
      String kind) throws Exception {
    try (Database db = Databases.fresh(kind)) {
      JdbcConversationHistory history = new JdbcConversationHistory(db);
      Queue queue = Queue.on(history);
      try {
        // the log's creation is still queued (the writer lingers an hour) when the delete comes
        HistoryStep.Deleted delete = new HistoryStep.Deleted(BOB, "l1");
        assertThat(queue.writes().offer(opened(BOB, "l1", 0))).isTrue();
        assertThat(queue.writes().offer(said(BOB, "l1", 1, "first"))).isTrue();
        assertThat(history.log(BOB, "l1")).isEmpty();

        List<LogChange> changes = queue.write(delete);

        assertThat(delete.found()).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(true);
        assertThat(changes)
            .containsExactly(new LogChange(BOB, "l1", true), LogChange.deletion(BOB, "l1"));
        assertThat(history.log(BOB, "l1")).isEmpty();

        // the conversation goes on: its messages, participants, end and reads are not logged
        assertThat(
                queue.write(
                    said(BOB, "l1", 2, "after the delete"),
                    new HistoryStep.Joined(BOB, "l1", "sip:carol@contoso.com", "Carol"),
                    new HistoryStep.Closed(
                        BOB, "l1", ConversationLogStatus.Archived, T0.plusSeconds(3)),
                    new HistoryStep.Read(BOB, "l1", T0.plusSeconds(4))))
            .isEmpty();
        assertThat(history.log(BOB, "l1")).isEmpty();
        assertThat(rows(db, "conversation_log_transcript", BOB, "l1")).isZero();
        assertThat(rows(db, "conversation_log_recipient", BOB, "l1")).isZero();
        assertThat(history.missedItems(BOB)).isEqualTo(new MissedItems(0, 0, 0));

        // a log nobody has is not found, and another owner's log of that id is not bob's
        assertThat(queue.write(opened(ALICE, "l9", 0)))
            .containsExactly(new LogChange(ALICE, "l9", true));
        HistoryStep.Deleted unknown = new HistoryStep.Deleted(BOB, "l9");
        assertThat(queue.write(unknown)).isEmpty();
        assertThat(unknown.found()).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(false);
        assertThat(history.log(ALICE, "l9")).isPresent();

        // a new conversation on the same thread opens a new log, with only what it brings
        assertThat(queue.write(opened(BOB, "l1", 10), said(BOB, "l1", 11, "a new start")))
            .containsExactly(new LogChange(BOB, "l1", true));
        assertThat(history.transcripts(BOB, "l1", 0, 10))
            .extracting(Transcript::text)
            .containsExactly("a new start");
      } finally {
        queue.writes().close();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {Databases.H2, Databases.POSTGRESQL})
  void a_delete_between_two_steps_of_one_batch_drops_the_later_ones(String kind) throws Exception {
    try (Database db = Databases.fresh(kind)) {
      JdbcConversationHistory history = new JdbcConversationHistory(db);
      Queue queue = Queue.on(history);
      try {
        HistoryStep.Deleted first = new HistoryStep.Deleted(BOB, "l1");
        HistoryStep.Deleted second = new HistoryStep.Deleted(BOB, "l1");

        List<LogChange> changes =
            queue.write(
                opened(BOB, "l1", 0),
                first,
                said(BOB, "l1", 1, "dropped"),
                second,
                opened(BOB, "l2", 2),
                said(BOB, "l2", 3, "another log is kept"));

        assertThat(first.found()).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(true);
        assertThat(second.found()).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(false);
        assertThat(changes)
            .containsExactly(
                new LogChange(BOB, "l1", true),
                LogChange.deletion(BOB, "l1"),
                new LogChange(BOB, "l2", true));
        assertThat(rows(db, "conversation_log_transcript", BOB, "l1")).isZero();
        assertThat(history.transcripts(BOB, "l2", 0, 10)).hasSize(1);
      } finally {
        queue.writes().close();
      }
    }
  }
}
