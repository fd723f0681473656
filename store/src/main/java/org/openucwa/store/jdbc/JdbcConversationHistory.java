package org.openucwa.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
      List<LogChange> out = new ArrayList<>();
      Map<LogKey, Boolean> changed = new LinkedHashMap<>();
      for (HistoryStep step : steps) {
        for (LogChange c : append(List.of(step))) {
          if (c.deleted()) {
            out.addAll(changes(changed)); // what came before the delete, then the delete
            changed.clear();
            out.add(c);
          } else {
            changed.merge(new LogKey(c.owner(), c.logId()), c.opened(), Boolean::logicalOr);
          }
        }
      }
      out.addAll(changes(changed));
      return out;
    }
  }

  private static List<LogChange> changes(Map<LogKey, Boolean> changed) {
    List<LogChange> out = new ArrayList<>(changed.size());
    changed.forEach((k, opened) -> out.add(new LogChange(k.owner(), k.logId(), opened)));
    return out;
  }

  private static boolean unreachable(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    return !(state.startsWith("22") || state.startsWith("23"));
  }

  /**
   * Writes a batch in one transaction. A delete splits it: the steps before it are written (folded)
   * first, then the delete, then the steps after it.
   */
  private List<LogChange> write(List<HistoryStep> steps) throws SQLException {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        List<LogChange> out = new ArrayList<>();
        int from = 0;
        for (int i = 0; i <= steps.size(); i++) {
          if (i == steps.size() || steps.get(i) instanceof HistoryStep.Deleted) {
            if (i > from) {
              out.addAll(write(c, steps.subList(from, i)));
            }
            if (i < steps.size() && delete(c, steps.get(i))) {
              out.add(LogChange.deletion(steps.get(i).owner(), steps.get(i).logId()));
            }
            from = i + 1;
          }
        }
        c.commit();
        return out;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
  }

  /**
   * Deletes a log with its recipients and transcripts (written in the batch's order: what was
   * queued before the delete is in the store by now); true when there was such a log.
   */
  private static boolean delete(Connection c, HistoryStep s) throws SQLException {
    update(
        c,
        "DELETE FROM conversation_log_transcript WHERE owner = ? AND log_id = ?",
        s.owner(),
        s.logId());
    update(
        c,
        "DELETE FROM conversation_log_recipient WHERE owner = ? AND log_id = ?",
        s.owner(),
        s.logId());
    return update(
            c, "DELETE FROM conversation_log WHERE owner = ? AND id = ?", s.owner(), s.logId())
        > 0;
  }

  /**
   * Writes steps without a delete among them, in the caller's transaction, folded per log: a log
   * opened in the batch is inserted once with how it ended if it ended in the same batch, and its
   * recipients go in one JDBC batch without looking for earlier ones (it has none). Messages and
   * reads keep their order, since a message from another makes a read log unread again.
   */
  private List<LogChange> write(Connection c, List<HistoryStep> steps) throws SQLException {
    Map<LogKey, LogChanges> logs = new LinkedHashMap<>();
    for (HistoryStep step : steps) {
      logs.computeIfAbsent(new LogKey(step.owner(), step.logId()), k -> new LogChanges()).add(step);
    }
    Set<LogKey> created = insertOpened(c, logs);
    Set<LogKey> changed = new HashSet<>();
    updateClosed(c, logs, created, changed);
    insertRecipients(c, logs, created, changed);
    for (HistoryStep step : steps) {
      boolean did =
          switch (step) {
            case HistoryStep.Said s -> said(c, s);
            case HistoryStep.Read s ->
                update(
                        c,
                        "UPDATE conversation_log SET read_at = ? WHERE owner = ? AND id = ?",
                        s.at().toEpochMilli(),
                        s.owner(),
                        s.logId())
                    > 0;
            default -> false;
          };
      if (did) {
        changed.add(new LogKey(step.owner(), step.logId()));
      }
    }
    Map<LogKey, Boolean> out = new LinkedHashMap<>();
    for (LogKey key : logs.keySet()) {
      if (created.contains(key) || changed.contains(key)) {
        out.put(key, created.contains(key));
      }
    }
    return changes(out);
  }

  private record LogKey(String owner, String logId) {}

  /** What one batch does to one log. */
  private static final class LogChanges {
    HistoryStep.Opened opened; // the first; a log already open is kept as it is
    HistoryStep.Closed closed; // the last
    final Map<String, String> recipients = new LinkedHashMap<>(); // uri -> name, the first kept

    void add(HistoryStep step) {
      switch (step) {
        case HistoryStep.Opened s -> {
          if (opened == null) {
            opened = s;
          }
        }
        case HistoryStep.Closed s -> closed = s;
        case HistoryStep.Joined s -> recipients.putIfAbsent(cut(s.uri(), 512), cut(s.name(), 512));
        default -> {}
      }
    }
  }

  /** Inserts the logs opened in the batch that do not exist yet; returns them. */
  private static Set<LogKey> insertOpened(Connection c, Map<LogKey, LogChanges> logs)
      throws SQLException {
    Set<LogKey> created = new HashSet<>();
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO conversation_log (owner, "
                + LOG_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)")) {
      for (Map.Entry<LogKey, LogChanges> e : logs.entrySet()) {
        HistoryStep.Opened s = e.getValue().opened;
        if (s == null
            || exists(
                c,
                "SELECT 1 FROM conversation_log WHERE owner = ? AND id = ?",
                s.owner(),
                s.logId())) {
          continue;
        }
        HistoryStep.Closed closed = e.getValue().closed;
        bind(
            insert,
            s.owner(),
            s.logId(),
            cut(s.threadId(), 256),
            cut(s.subject(), 1024),
            s.type(),
            s.direction(),
            s.importance(),
            (closed == null ? ConversationLogStatus.Archived : closed.status()).name(),
            s.at().toEpochMilli(),
            closed == null ? null : closed.at().toEpochMilli());
        insert.addBatch();
        created.add(e.getKey());
      }
      if (!created.isEmpty()) {
        insert.executeBatch();
      }
    }
    return created;
  }

  /** Ends the logs that ended in the batch and were not inserted ended; adds them to changed. */
  private static void updateClosed(
      Connection c, Map<LogKey, LogChanges> logs, Set<LogKey> created, Set<LogKey> changed)
      throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE conversation_log SET status = ?, ended_at = ? WHERE owner = ? AND id = ?")) {
      List<LogKey> ended = new ArrayList<>();
      for (Map.Entry<LogKey, LogChanges> e : logs.entrySet()) {
        HistoryStep.Closed s = e.getValue().closed;
        if (s == null || created.contains(e.getKey())) {
          continue;
        }
        bind(update, s.status().name(), s.at().toEpochMilli(), s.owner(), s.logId());
        update.addBatch();
        ended.add(e.getKey());
      }
      if (!ended.isEmpty()) {
        int[] counts = update.executeBatch();
        for (int i = 0; i < counts.length; i++) {
          if (counts[i] > 0 || counts[i] == Statement.SUCCESS_NO_INFO) {
            changed.add(ended.get(i));
          }
        }
      }
    }
  }

  /** Adds each log's new recipients (a log created in this batch has none yet); to changed. */
  private static void insertRecipients(
      Connection c, Map<LogKey, LogChanges> logs, Set<LogKey> created, Set<LogKey> changed)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO conversation_log_recipient (owner, log_id, uri, name) VALUES (?, ?, ?,"
                + " ?)")) {
      int n = 0;
      for (Map.Entry<LogKey, LogChanges> e : logs.entrySet()) {
        LogKey key = e.getKey();
        Map<String, String> recipients = e.getValue().recipients;
        if (recipients.isEmpty()) {
          continue;
        }
        Set<String> known = created.contains(key) ? Set.of() : recipientUris(c, key);
        for (Map.Entry<String, String> r : recipients.entrySet()) {
          if (known.contains(r.getKey())) {
            continue;
          }
          bind(insert, key.owner(), key.logId(), r.getKey(), r.getValue());
          insert.addBatch();
          changed.add(key);
          n++;
        }
      }
      if (n > 0) {
        insert.executeBatch();
      }
    }
  }

  private static Set<String> recipientUris(Connection c, LogKey key) throws SQLException {
    Set<String> uris = new HashSet<>();
    try (PreparedStatement p =
        c.prepareStatement(
            "SELECT uri FROM conversation_log_recipient WHERE owner = ? AND log_id = ?")) {
      bind(p, key.owner(), key.logId());
      try (ResultSet r = p.executeQuery()) {
        while (r.next()) {
          uris.add(r.getString(1));
        }
      }
    }
    return uris;
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
