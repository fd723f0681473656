package org.openucwa.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openucwa.history.ConversationHistory;
import org.openucwa.history.ConversationLog;
import org.openucwa.history.ConversationLogStatus;
import org.openucwa.history.ConversationLogType;
import org.openucwa.history.HistoryStep;
import org.openucwa.history.LogChange;
import org.openucwa.history.MissedItems;
import org.openucwa.history.Transcript;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The conversation history in the {@code conversation_log}, {@code conversation_log_recipient} and
 * {@code conversation_log_transcript} tables. A batch of steps is one transaction; when the
 * database cannot be reached it throws, and the caller retries the whole batch (every step is
 * written so that writing it twice changes nothing). A step the database refuses for what it holds
 * is logged and skipped. Thread-safe (one connection per call).
 */
public final class JdbcConversationHistory implements ConversationHistory {

  private static final Logger LOG = LoggerFactory.getLogger(JdbcConversationHistory.class);

  private static final String LOG_COLUMNS =
      "id, thread_id, subject, log_type, direction, importance, status, created_at, ended_at,"
          + " read_at";

  private final Database db;

  public JdbcConversationHistory(Database db) {
    this.db = db;
  }

  @Override
  public List<LogChange> append(List<HistoryStep> steps) throws SQLException {
    try {
      return write(steps);
    } catch (SQLException e) {
      if (unreachable(e)) {
        throw e;
      }
      if (steps.size() == 1) {
        LOG.error("The conversation history refused a step and skips it: {}", steps.get(0), e);
        return List.of();
      }
      Changes changes = new Changes();
      for (HistoryStep step : steps) {
        append(List.of(step)).forEach(changes::add);
      }
      return changes.list();
    }
  }

  /** The logs a batch changed, each once, opened if any step opened it. */
  private static final class Changes {
    private record Key(String owner, String logId) {}

    private final Map<Key, Boolean> opened = new LinkedHashMap<>();

    void add(HistoryStep step, boolean changed, boolean opens) {
      if (changed) {
        opened.merge(new Key(step.owner(), step.logId()), opens, Boolean::logicalOr);
      }
    }

    void add(LogChange c) {
      opened.merge(new Key(c.owner(), c.logId()), c.opened(), Boolean::logicalOr);
    }

    List<LogChange> list() {
      List<LogChange> out = new ArrayList<>(opened.size());
      opened.forEach((k, o) -> out.add(new LogChange(k.owner(), k.logId(), o)));
      return out;
    }
  }

  private static boolean unreachable(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    return !(state.startsWith("22") || state.startsWith("23"));
  }

  private List<LogChange> write(List<HistoryStep> steps) throws SQLException {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        Changes changes = new Changes();
        for (HistoryStep step : steps) {
          boolean changed =
              switch (step) {
                case HistoryStep.Opened s -> opened(c, s);
                case HistoryStep.Joined s -> joined(c, s);
                case HistoryStep.Said s -> said(c, s);
                case HistoryStep.Closed s ->
                    update(
                            c,
                            "UPDATE conversation_log SET status = ?, ended_at = ? WHERE owner = ?"
                                + " AND id = ?",
                            s.status().name(),
                            s.at().toEpochMilli(),
                            s.owner(),
                            s.logId())
                        > 0;
                case HistoryStep.Read s ->
                    update(
                            c,
                            "UPDATE conversation_log SET read_at = ? WHERE owner = ? AND id = ?",
                            s.at().toEpochMilli(),
                            s.owner(),
                            s.logId())
                        > 0;
              };
          changes.add(step, changed, step instanceof HistoryStep.Opened);
        }
        c.commit();
        return changes.list();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  private static boolean exists(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      bind(p, args);
      try (ResultSet r = p.executeQuery()) {
        return r.next();
      }
    }
  }

  private static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement p = c.prepareStatement(sql)) {
      bind(p, args);
      return p.executeUpdate();
    }
  }

  private static void bind(PreparedStatement p, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case null -> p.setNull(i + 1, Types.BIGINT);
        case Long l -> p.setLong(i + 1, l);
        case Integer n -> p.setInt(i + 1, n);
        default -> p.setString(i + 1, args[i].toString());
      }
    }
  }

  /** A new thread opens a log; a thread already logged (another application, or resumed) stays. */
  private static boolean opened(Connection c, HistoryStep.Opened s) throws SQLException {
    if (exists(
        c, "SELECT 1 FROM conversation_log WHERE owner = ? AND id = ?", s.owner(), s.logId())) {
      return false;
    }
    update(
        c,
        "INSERT INTO conversation_log (owner, "
            + LOG_COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL)",
        s.owner(),
        s.logId(),
        cut(s.threadId(), 256),
        cut(s.subject(), 1024),
        s.type(),
        s.direction(),
        s.importance(),
        ConversationLogStatus.Archived.name(),
        s.at().toEpochMilli());
    return true;
  }

  private static boolean joined(Connection c, HistoryStep.Joined s) throws SQLException {
    if (exists(
        c,
        "SELECT 1 FROM conversation_log_recipient WHERE owner = ? AND log_id = ? AND uri = ?",
        s.owner(),
        s.logId(),
        cut(s.uri(), 512))) {
      return false;
    }
    update(
        c,
        "INSERT INTO conversation_log_recipient (owner, log_id, uri, name) VALUES (?, ?, ?, ?)",
        s.owner(),
        s.logId(),
        cut(s.uri(), 512),
        cut(s.name(), 512));
    return true;
  }

  private static boolean said(Connection c, HistoryStep.Said s) throws SQLException {
    String key = cut(s.key(), 600);
    if (exists(
        c,
        "SELECT 1 FROM conversation_log_transcript WHERE owner = ? AND log_id = ? AND"
            + " message_key = ?",
        s.owner(),
        s.logId(),
        key)) {
      return false;
    }
    update(
        c,
        "INSERT INTO conversation_log_transcript (owner, log_id, message_key, said_at, sender,"
            + " sender_name, from_owner, html, body, failed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        s.owner(),
        s.logId(),
        key,
        s.at().toEpochMilli(),
        cut(s.sender(), 512),
        cut(s.senderName(), 512),
        s.fromOwner() ? 1 : 0,
        s.html() ? 1 : 0,
        cut(s.text(), 100_000),
        s.failed() ? 1 : 0);
    // a message in a log the owner has read makes it unread again
    update(
        c,
        "UPDATE conversation_log SET read_at = NULL WHERE owner = ? AND id = ? AND ? = 0",
        s.owner(),
        s.logId(),
        s.fromOwner() ? 1 : 0);
    return true;
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  @Override
  public List<ConversationLog> logs(String owner, int limit) {
    return query(
        "SELECT "
            + LOG_COLUMNS
            + " FROM conversation_log WHERE owner = ? ORDER BY created_at DESC, id LIMIT "
            + Math.max(0, limit),
        owner);
  }

  @Override
  public Optional<ConversationLog> log(String owner, String logId) {
    return query(
            "SELECT " + LOG_COLUMNS + " FROM conversation_log WHERE owner = ? AND id = ?",
            owner,
            logId)
        .stream()
        .findFirst();
  }

  private List<ConversationLog> query(String sql, String owner, Object... more) {
    try (Connection c = db.connection()) {
      List<Row> rows = new ArrayList<>();
      Object[] args = new Object[more.length + 1];
      args[0] = owner;
      System.arraycopy(more, 0, args, 1, more.length);
      try (PreparedStatement p = c.prepareStatement(sql)) {
        bind(p, args);
        try (ResultSet r = p.executeQuery()) {
          while (r.next()) {
            rows.add(row(r));
          }
        }
      }
      List<ConversationLog> logs = new ArrayList<>();
      for (Row row : rows) {
        logs.add(row.with(recipients(c, owner, row.id)));
      }
      return logs;
    } catch (SQLException e) {
      throw new Database.StoreException(
          "cannot read the conversation history: " + e.getMessage(), e);
    }
  }

  private record Row(
      String id,
      String threadId,
      String subject,
      String type,
      String direction,
      String importance,
      String status,
      long created,
      Long ended,
      Long read) {

    ConversationLog with(List<ConversationLog.Recipient> recipients) {
      return new ConversationLog(
          id,
          threadId,
          subject,
          ConversationLogType.valueOf(type),
          direction,
          importance,
          ConversationLogStatus.valueOf(status),
          Instant.ofEpochMilli(created),
          Optional.ofNullable(ended).map(Instant::ofEpochMilli),
          read != null,
          recipients);
    }
  }

  private static Row row(ResultSet r) throws SQLException {
    long ended = r.getLong("ended_at");
    Long endedAt = r.wasNull() ? null : ended;
    long read = r.getLong("read_at");
    Long readAt = r.wasNull() ? null : read;
    return new Row(
        r.getString("id"),
        r.getString("thread_id"),
        r.getString("subject"),
        r.getString("log_type"),
        r.getString("direction"),
        r.getString("importance"),
        r.getString("status"),
        r.getLong("created_at"),
        endedAt,
        readAt);
  }

  private static List<ConversationLog.Recipient> recipients(Connection c, String owner, String id)
      throws SQLException {
    List<ConversationLog.Recipient> out = new ArrayList<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT uri, name FROM conversation_log_recipient WHERE owner = ? AND log_id = ?"
                + " ORDER BY uri")) {
      bind(p, owner, id);
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(new ConversationLog.Recipient(r.getString(1), r.getString(2)));
        }
      }
    }
    return out;
  }

  @Override
  public List<Transcript> transcripts(String owner, String logId, int offset, int limit) {
    return transcriptQuery(
        " ORDER BY said_at DESC, id DESC LIMIT "
            + Math.max(0, limit)
            + " OFFSET "
            + Math.max(0, offset),
        owner,
        logId);
  }

  @Override
  public Optional<Transcript> transcript(String owner, String logId, long id) {
    return transcriptQuery(" AND id = ?", owner, logId, id).stream().findFirst();
  }

  private List<Transcript> transcriptQuery(String tail, Object... args) {
    try (Connection c = db.connection();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT id, said_at, sender, sender_name, from_owner, html, body, failed FROM"
                    + " conversation_log_transcript WHERE owner = ? AND log_id = ?"
                    + tail)) {
      bind(p, args);
      List<Transcript> out = new ArrayList<>();
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          out.add(
              new Transcript(
                  r.getLong(1),
                  Instant.ofEpochMilli(r.getLong(2)),
                  r.getString(3),
                  r.getString(4),
                  r.getInt(5) == 1,
                  r.getInt(6) == 1,
                  r.getString(7),
                  r.getInt(8) == 1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new Database.StoreException(
          "cannot read the conversation history: " + e.getMessage(), e);
    }
  }

  @Override
  public MissedItems missedItems(String owner) {
    try (Connection c = db.connection();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT COUNT(*), COALESCE(SUM(CASE WHEN status = ? THEN 1 ELSE 0 END), 0),"
                    + " COALESCE(SUM(CASE WHEN status = ? AND read_at IS NULL THEN 1 ELSE 0 END),"
                    + " 0) FROM conversation_log WHERE owner = ?")) {
      String missed = ConversationLogStatus.Missed.name();
      bind(p, missed, missed, owner);
      try (ResultSet r = p.executeQuery()) {
        r.next();
        return new MissedItems(r.getInt(1), r.getInt(2), r.getInt(3));
      }
    } catch (SQLException e) {
      throw new Database.StoreException("cannot count missed items: " + e.getMessage(), e);
    }
  }

  @Override
  public int forgetBefore(Instant cutoff) {
    String old =
        "SELECT owner, id FROM conversation_log WHERE created_at < ? AND (ended_at IS NULL OR"
            + " ended_at < ?)";
    long at = cutoff.toEpochMilli();
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        update(
            c,
            "DELETE FROM conversation_log_transcript WHERE (owner, log_id) IN (" + old + ")",
            at,
            at);
        update(
            c,
            "DELETE FROM conversation_log_recipient WHERE (owner, log_id) IN (" + old + ")",
            at,
            at);
        int n =
            update(
                c,
                "DELETE FROM conversation_log WHERE created_at < ? AND (ended_at IS NULL OR"
                    + " ended_at < ?)",
                at,
                at);
        c.commit();
        return n;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new Database.StoreException(
          "cannot forget old conversation logs: " + e.getMessage(), e);
    }
  }
}
