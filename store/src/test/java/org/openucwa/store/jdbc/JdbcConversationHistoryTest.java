package org.openucwa.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openucwa.history.ConversationLog;
import org.openucwa.history.ConversationLogStatus;
import org.openucwa.history.ConversationLogType;
import org.openucwa.history.HistoryStep;
import org.openucwa.history.LogChange;
import org.openucwa.history.MissedItems;
import org.openucwa.history.Transcript;
import org.openucwa.testing.Databases;

class JdbcConversationHistoryTest {

  private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
  private static final String ALICE = "sip:alice@contoso.com";
  private static final String BOB = "sip:bob@contoso.com";

  private static HistoryStep opened(String owner, String log, String direction, int second) {
    return new HistoryStep.Opened(
        owner,
        log,
        "thread-" + log,
        "Subject " + log,
        "MessageLog",
        direction,
        "Normal",
        T0.plusSeconds(second));
  }

  private static HistoryStep said(String owner, String log, String from, int second, String text) {
    return new HistoryStep.Said(
        owner,
        log,
        from + "@" + second,
        T0.plusSeconds(second),
        from,
        from.equals(ALICE) ? "Alice" : "Bob",
        from.equals(owner),
        false,
        text);
  }

  @ParameterizedTest
  @ValueSource(strings = {Databases.H2, Databases.POSTGRESQL})
  void a_log_keeps_its_recipients_messages_and_end_per_owner(String kind) throws Exception {
    try (Database db = Databases.fresh(kind)) {
      JdbcConversationHistory history = new JdbcConversationHistory(db);
      List<LogChange> first =
          history.append(
              List.of(
                  new HistoryStep.Joined(ALICE, "l1", BOB, "Bob"),
                  opened(ALICE, "l1", "Outgoing", 0),
                  opened(BOB, "l1", "Incoming", 1),
                  new HistoryStep.Joined(BOB, "l1", ALICE, "Alice"),
                  said(ALICE, "l1", ALICE, 2, "Hi Bob"),
                  said(BOB, "l1", ALICE, 2, "Hi Bob"),
                  said(BOB, "l1", BOB, 3, "Hi Alice")));
      // the same steps again (a second application of the user, or a retried batch) change nothing
      List<LogChange> second =
          history.append(
              List.of(
                  opened(ALICE, "l1", "Incoming", 5),
                  new HistoryStep.Joined(ALICE, "l1", BOB, "Someone else"),
                  said(ALICE, "l1", ALICE, 2, "Hi Bob"),
                  new HistoryStep.Closed(
                      ALICE, "l1", ConversationLogStatus.Archived, T0.plusSeconds(9)),
                  opened(ALICE, "l2", "Incoming", 20),
                  new HistoryStep.Closed(
                      ALICE, "l2", ConversationLogStatus.Missed, T0.plusSeconds(30)),
                  new HistoryStep.Read(BOB, "l1", T0.plusSeconds(40))));
      assertThat(first)
          .containsExactly(new LogChange(ALICE, "l1", true), new LogChange(BOB, "l1", true));
      assertThat(second)
          .containsExactly(
              new LogChange(ALICE, "l1", false),
              new LogChange(ALICE, "l2", true),
              new LogChange(BOB, "l1", false));
      assertThat(history.append(List.of(said(BOB, "l1", BOB, 3, "Hi Alice")))).isEmpty();

      List<ConversationLog> alice = history.logs(ALICE, 10);
      assertThat(alice).extracting(ConversationLog::id).containsExactly("l2", "l1");
      ConversationLog l1 = alice.get(1);
      assertThat(l1.threadId()).isEqualTo("thread-l1");
      assertThat(l1.subject()).isEqualTo("Subject l1");
      assertThat(l1.type()).isEqualTo(ConversationLogType.MessageLog);
      assertThat(l1.direction()).isEqualTo("Outgoing");
      assertThat(l1.importance()).isEqualTo("Normal");
      assertThat(l1.status()).isEqualTo(ConversationLogStatus.Archived);
      assertThat(l1.created()).isEqualTo(T0);
      assertThat(l1.ended()).contains(T0.plusSeconds(9));
      assertThat(l1.read()).isFalse();
      assertThat(l1.recipients()).containsExactly(new ConversationLog.Recipient(BOB, "Bob"));
      assertThat(alice.get(0).status()).isEqualTo(ConversationLogStatus.Missed);
      assertThat(history.logs(ALICE, 1)).extracting(ConversationLog::id).containsExactly("l2");

      assertThat(history.transcripts(ALICE, "l1", 0, 10))
          .extracting(Transcript::text, Transcript::fromOwner)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("Hi Bob", true));
      List<Transcript> bob = history.transcripts(BOB, "l1", 0, 10);
      assertThat(bob).extracting(Transcript::text).containsExactly("Hi Alice", "Hi Bob");
      assertThat(bob.get(1).fromOwner()).isFalse();
      assertThat(bob.get(1).sender()).isEqualTo(ALICE);
      assertThat(bob.get(1).senderName()).isEqualTo("Alice");
      assertThat(bob.get(1).at()).isEqualTo(T0.plusSeconds(2));
      assertThat(history.transcripts(BOB, "l1", 1, 10))
          .extracting(Transcript::text)
          .containsExactly("Hi Bob");
      assertThat(history.transcript(BOB, "l1", bob.get(0).id())).contains(bob.get(0));
      assertThat(history.transcript(ALICE, "l1", bob.get(0).id())).isEmpty();

      assertThat(history.log(BOB, "l1").orElseThrow().read()).isTrue();
      assertThat(history.log(BOB, "l2")).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {Databases.H2, Databases.POSTGRESQL})
  void a_new_message_from_someone_else_makes_a_read_log_unread(String kind) throws Exception {
    try (Database db = Databases.fresh(kind)) {
      JdbcConversationHistory history = new JdbcConversationHistory(db);
      history.append(
          List.of(
              opened(BOB, "l1", "Incoming", 0),
              new HistoryStep.Read(BOB, "l1", T0.plusSeconds(1)),
              said(BOB, "l1", BOB, 2, "mine")));
      assertThat(history.log(BOB, "l1").orElseThrow().read()).isTrue();

      history.append(List.of(said(BOB, "l1", ALICE, 3, "theirs")));

      assertThat(history.log(BOB, "l1").orElseThrow().read()).isFalse();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {Databases.H2, Databases.POSTGRESQL})
  void text_longer_than_its_column_is_cut_not_refused(String kind) throws Exception {
    try (Database db = Databases.fresh(kind)) {
      JdbcConversationHistory history = new JdbcConversationHistory(db);
      String longSubject = "s".repeat(3000);
      history.append(
          List.of(
              new HistoryStep.Opened(
                  ALICE, "l1", "t", longSubject, "MessageLog", "Outgoing", "Normal", T0)));

      assertThat(history.log(ALICE, "l1").orElseThrow().subject()).hasSize(1024);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {Databases.H2, Databases.POSTGRESQL})
  void missed_items_count_the_missed_logs_and_those_not_read(String kind) throws Exception {
    try (Database db = Databases.fresh(kind)) {
      JdbcConversationHistory history = new JdbcConversationHistory(db);
      assertThat(history.missedItems(BOB)).isEqualTo(new MissedItems(0, 0, 0));
      history.append(
          List.of(
              opened(BOB, "l1", "Incoming", 0),
              new HistoryStep.Closed(BOB, "l1", ConversationLogStatus.Archived, T0.plusSeconds(1)),
              opened(BOB, "l2", "Incoming", 2),
              new HistoryStep.Closed(BOB, "l2", ConversationLogStatus.Missed, T0.plusSeconds(3)),
              opened(BOB, "l3", "Incoming", 4),
              new HistoryStep.Closed(BOB, "l3", ConversationLogStatus.Missed, T0.plusSeconds(5)),
              opened(ALICE, "l2", "Outgoing", 2)));

      assertThat(history.missedItems(BOB)).isEqualTo(new MissedItems(3, 2, 2));
      assertThat(history.missedItems(ALICE)).isEqualTo(new MissedItems(1, 0, 0));

      history.append(List.of(new HistoryStep.Read(BOB, "l2", T0.plusSeconds(6))));

      assertThat(history.missedItems(BOB)).isEqualTo(new MissedItems(3, 2, 1));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {Databases.H2, Databases.POSTGRESQL})
  void a_message_that_was_not_delivered_is_kept_as_failed(String kind) throws Exception {
    try (Database db = Databases.fresh(kind)) {
      JdbcConversationHistory history = new JdbcConversationHistory(db);
      history.append(
          List.of(
              opened(ALICE, "l1", "Outgoing", 0),
              new HistoryStep.Said(
                  ALICE, "l1", "k1", T0.plusSeconds(1), ALICE, "Alice", true, false, "Hi", true),
              said(ALICE, "l1", ALICE, 2, "Anyone?")));

      assertThat(history.transcripts(ALICE, "l1", 0, 10))
          .extracting(Transcript::text, Transcript::failed)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("Anyone?", false),
              org.assertj.core.groups.Tuple.tuple("Hi", true));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {Databases.H2, Databases.POSTGRESQL})
  void retention_forgets_the_logs_that_began_and_ended_before_the_cutoff(String kind)
      throws Exception {
    try (Database db = Databases.fresh(kind)) {
      JdbcConversationHistory history = new JdbcConversationHistory(db);
      history.append(
          List.of(
              // old and ended: forgotten with its recipients and messages
              opened(BOB, "old", "Incoming", 0),
              new HistoryStep.Joined(BOB, "old", ALICE, "Alice"),
              said(BOB, "old", ALICE, 1, "long ago"),
              new HistoryStep.Closed(BOB, "old", ConversationLogStatus.Missed, T0.plusSeconds(2)),
              // old but never ended (the server stopped): forgotten
              opened(BOB, "stale", "Incoming", 3),
              // began before the cutoff and ended after it: kept
              opened(BOB, "long", "Incoming", 4),
              said(BOB, "long", ALICE, 5, "still here"),
              new HistoryStep.Closed(
                  BOB, "long", ConversationLogStatus.Archived, T0.plusSeconds(200)),
              // new: kept
              opened(ALICE, "new", "Outgoing", 150),
              new HistoryStep.Joined(ALICE, "new", BOB, "Bob")));

      assertThat(history.forgetBefore(T0.plusSeconds(100))).isEqualTo(2);

      assertThat(history.logs(BOB, 10)).extracting(ConversationLog::id).containsExactly("long");
      assertThat(history.transcripts(BOB, "long", 0, 10)).hasSize(1);
      assertThat(history.transcripts(BOB, "old", 0, 10)).isEmpty();
      assertThat(history.missedItems(BOB)).isEqualTo(new MissedItems(1, 0, 0));
      assertThat(history.logs(ALICE, 10).get(0).recipients()).hasSize(1);
      // a second pass forgets nothing more, and no recipient of a forgotten log is left
      assertThat(history.forgetBefore(T0.plusSeconds(100))).isZero();
      try (var c = db.connection();
          var q =
              c.prepareStatement(
                  "SELECT COUNT(*) FROM conversation_log_recipient WHERE owner = ?")) {
        q.setString(1, BOB);
        try (var r = q.executeQuery()) {
          r.next();
          assertThat(r.getInt(1)).isZero();
        }
      }
    }
  }
}
