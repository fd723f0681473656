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
      history.append(
          List.of(
              opened(ALICE, "l1", "Incoming", 5),
              new HistoryStep.Joined(ALICE, "l1", BOB, "Someone else"),
              said(ALICE, "l1", ALICE, 2, "Hi Bob"),
              new HistoryStep.Closed(
                  ALICE, "l1", ConversationLogStatus.Archived, T0.plusSeconds(9)),
              opened(ALICE, "l2", "Incoming", 20),
              new HistoryStep.Closed(ALICE, "l2", ConversationLogStatus.Missed, T0.plusSeconds(30)),
              new HistoryStep.Read(BOB, "l1", T0.plusSeconds(40))));

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
}
