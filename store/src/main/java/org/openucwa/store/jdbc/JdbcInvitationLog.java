package org.openucwa.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;
import org.openucwa.audit.InvitationKind;
import org.openucwa.audit.InvitationLog;
import org.openucwa.audit.InvitationQuery;
import org.openucwa.audit.InvitationRecord;
import org.openucwa.audit.InvitationStep;
import org.openucwa.resource.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The invitation record in the {@code invitation} table, one row per invitation with the states it
 * went through in one column ({@link InvitationStates}). A batch of steps is one transaction; when
 * the database cannot be reached it throws, and the caller retries the whole batch. A row the
 * database refuses for what it holds (never expected: text is cut to the columns' sizes) is logged
 * and skipped, so that it cannot hold up the rows behind it.
 *
 * <p>An invitation that started and has not ended is held back, up to {@code hold}, rather than
 * written: most end within a second, and one that spans two batches is then still one insert of the
 * whole row, where writing it at once would cost an insert and an update of a page already written
 * (decision 0067). What is held is written when it ends, when it has been held for {@code hold}
 * ({@link #writeHeld}, which the writer calls when idle), before every {@link #find}, and all of it
 * when the writer closes.
 *
 * <p>Thread-safe: one writer thread appends; a lock keeps the held invitations consistent with
 * {@code find} and {@code writeHeld} from other threads (one connection per call).
 */
public final class JdbcInvitationLog implements InvitationLog {

  private static final Logger LOG = LoggerFactory.getLogger(JdbcInvitationLog.class);

  private static final String COLUMNS =
      "id, kind, inviter, invitee, conversation_id, thread_id, operation_id, started_at, ended_at,"
          + " outcome, reason_code, reason_subcode, reason_message";

  /**
   * The most invitations whose start this writer remembers: more than are ever open at once (each
   * ends within the invitation timeout). One it no longer remembers is found by its id alone.
   */
  static final int OPEN_REMEMBERED = 100_000;

  /** How long an invitation that has not ended is held back by default: about two batches. */
  public static final Duration HOLD = Duration.ofSeconds(2);

  /** The most invitations held at once; beyond it the longest held are written. */
  static final int HELD_MAX = 50_000;

  private final Database db;
  private final long holdNanos;
  private final LongSupplier nanoTime;
  private final ReentrantLock lock = new ReentrantLock();

  /**
   * Invitations started and not ended, not yet written, by id, the longest held first (a fold
   * replaced keeps its place). Guarded by {@code lock}.
   */
  private final LinkedHashMap<String, Fold> held = new LinkedHashMap<>();

  /**
   * When each invitation written without its end started, by id: its row's key is {@code
   * (started_at, id)}, and an update by the whole key finds the row without searching (decision
   * 0054). An invitation leaves it when its end is written. Guarded by {@code lock}.
   */
  private final Map<String, Long> open =
      new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
          return size() > OPEN_REMEMBERED;
        }
      };

  public JdbcInvitationLog(Database db) {
    this(db, HOLD, System::nanoTime);
  }

  /**
   * @param hold how long an invitation that has not ended may be held back before it is written
   *     ({@link Duration#ZERO}: written with the batch its start came in)
   * @param nanoTime the clock the hold is measured with
   */
  public JdbcInvitationLog(Database db, Duration hold, LongSupplier nanoTime) {
    this.db = db;
    this.holdNanos = hold.toNanos();
    this.nanoTime = nanoTime;
  }

  @Override
  public void append(List<InvitationStep> steps) throws SQLException {
    lock.lock();
    try {
      long now = nanoTime.getAsLong();
      // the steps of one invitation folded into one change of its row, onto what was held of it
      // (copied: a batch that cannot be written is retried from what was held)
      Map<String, Fold> folds = new LinkedHashMap<>();
      for (InvitationStep s : steps) {
        Fold f = folds.get(s.id());
        if (f == null) {
          Fold was = held.get(s.id());
          f = was == null ? new Fold(s, now) : was.copy();
          folds.put(s.id(), f);
        }
        f.add(s);
      }
      List<Fold> write = new ArrayList<>(folds.size());
      List<Fold> hold = new ArrayList<>();
      for (Fold f : folds.values()) {
        (f.started && f.ended == null && holdNanos > 0 ? hold : write).add(f);
      }
      writeSkippingRefused(write);
      for (Fold f : write) {
        held.remove(f.first.id());
      }
      for (Fold f : hold) {
        held.put(f.first.id(), f);
      }
    } finally {
      lock.unlock();
    }
    try {
      writeHeld(false);
    } catch (SQLException e) {
      // the batch is written and must not be retried: what is due stays held for the next time
      LOG.debug("The invitation record keeps held invitations for later: {}", e.getMessage());
    }
  }

  /**
   * Writes the invitations held back: all of them ({@code all}: before a query, at close), or those
   * held for the whole hold (and the longest held beyond {@link #HELD_MAX}). An invitation written
   * without its end is then completed by an update when its end comes. Throws when the database
   * cannot be reached; what could not be written stays held.
   */
  public void writeHeld(boolean all) throws SQLException {
    lock.lock();
    try {
      if (held.isEmpty()) {
        return;
      }
      long now = nanoTime.getAsLong();
      List<Fold> due = new ArrayList<>();
      int over = held.size() - HELD_MAX;
      for (Fold f : held.values()) {
        if (!all && over <= 0 && now - f.since < holdNanos) {
          break; // the rest were held later
        }
        due.add(f);
        over--;
      }
      if (due.isEmpty()) {
        return;
      }
      writeSkippingRefused(due);
      for (Fold f : due) {
        held.remove(f.first.id());
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Writes the folds in one transaction; when the database refuses one for what it holds, each is
   * written alone and the refused one is logged and skipped. Throws when the database cannot be
   * reached.
   */
  private void writeSkippingRefused(List<Fold> folds) throws SQLException {
    if (folds.isEmpty()) {
      return;
    }
    try {
      write(folds);
    } catch (SQLException e) {
      if (unreachable(e)) {
        throw e;
      }
      if (folds.size() == 1) {
        LOG.error("The invitation record refused a row and skips it: {}", folds.get(0).first, e);
        return;
      }
      for (Fold f : folds) {
        writeSkippingRefused(List.of(f));
      }
    }
  }

  /**
   * Whether the failure is the database being away (or anything else that may pass), not a refusal
   * of what was written: only data exceptions (SQLSTATE class 22) and constraint violations (23)
   * are refusals.
   */
  private static boolean unreachable(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    return !(state.startsWith("22") || state.startsWith("23"));
  }

  /**
   * Writes folded invitations in one transaction: those whose start is in the fold are inserted,
   * the others update the row their start made (found by its whole key when this writer wrote it);
   * in JDBC batches.
   */
  private void write(List<Fold> folds) throws SQLException {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        List<Fold> inserts = new ArrayList<>();
        List<Fold> updates = new ArrayList<>();
        for (Fold f : folds) {
          (f.started ? inserts : updates).add(f);
        }
        if (!updates.isEmpty()) {
          List<Fold> byKey = new ArrayList<>();
          List<Fold> byId = new ArrayList<>();
          for (Fold f : updates) {
            f.startedAt = open.get(f.first.id());
            (f.startedAt != null ? byKey : byId).add(f);
          }
          inserts.addAll(update(c, UPDATE_BY_KEY, byKey));
          inserts.addAll(update(c, UPDATE_BY_ID, byId));
        }
        if (!inserts.isEmpty()) {
          try (PreparedStatement insert = c.prepareStatement(INSERT)) {
            for (Fold f : inserts) {
              f.bindInsert(insert);
              insert.addBatch();
            }
            insert.executeBatch();
          }
        }
        c.commit();
        for (Fold f : updates) {
          if (f.ended != null) {
            open.remove(f.first.id());
          }
        }
        for (Fold f : inserts) {
          if (f.ended == null) {
            open.put(f.first.id(), f.first.at().toEpochMilli());
          }
        }
      } catch (SQLException e) {
        try {
          c.rollback();
        } catch (SQLException ignored) {
          e.addSuppressed(ignored);
        }
        throw e;
      }
    }
  }

  /**
   * Updates the rows of {@code folds} with {@code sql} in one JDBC batch; returns the folds whose
   * row was not there (their start was never recorded), to be inserted with what is known.
   */
  private static List<Fold> update(Connection c, String sql, List<Fold> folds) throws SQLException {
    if (folds.isEmpty()) {
      return List.of();
    }
    List<Fold> missing = new ArrayList<>();
    try (PreparedStatement update = c.prepareStatement(sql)) {
      for (Fold f : folds) {
        f.bindUpdate(update);
        update.addBatch();
      }
      int[] counts = update.executeBatch();
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] == 0) {
          missing.add(folds.get(i));
        }
      }
    }
    return missing;
  }

  private static final String UPDATE_SET =
      "UPDATE invitation SET ended_at = COALESCE(?, ended_at), outcome = COALESCE(?, outcome),"
          + " reason_code = COALESCE(?, reason_code), reason_subcode = COALESCE(?,"
          + " reason_subcode), reason_message = COALESCE(?, reason_message), states ="
          + " COALESCE(states, '') || CAST(? AS VARCHAR("
          + InvitationStates.MAX
          + "))";

  /** By the row's whole key: the start is known. */
  private static final String UPDATE_BY_KEY = UPDATE_SET + " WHERE id = ? AND started_at = ?";

  /** By the id alone (a search of the table): an invitation started before this writer. */
  private static final String UPDATE_BY_ID = UPDATE_SET + " WHERE id = ?";

  private static final String INSERT =
      "INSERT INTO invitation ("
          + COLUMNS
          + ", states) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
          + " ?, ?, ?)";

  /** The steps of one invitation within a batch, folded into one change of its row. */
  private static final class Fold {
    final InvitationStep first;
    final boolean started;
    final long since; // when the writer first saw it (nanoTime)
    final StringBuilder states;
    Long ended;
    Long startedAt;
    String outcome;
    String code;
    String subcode;
    String message;

    Fold(InvitationStep first, long since) {
      this(first, since, new StringBuilder(64));
    }

    private Fold(InvitationStep first, long since, StringBuilder states) {
      this.first = first;
      this.started = first.stage() == InvitationStep.Stage.started;
      this.since = since;
      this.states = states;
    }

    Fold copy() {
      Fold f = new Fold(first, since, new StringBuilder(states));
      f.ended = ended;
      f.outcome = outcome;
      f.code = code;
      f.subcode = subcode;
      f.message = message;
      return f;
    }

    void add(InvitationStep s) {
      InvitationStates.append(states, cut(s.state(), 32), s.at().toEpochMilli());
      if (s.stage() == InvitationStep.Stage.completed) {
        ended = s.at().toEpochMilli();
      }
      outcome = s.outcome().orElse(outcome);
      code = s.reason().map(Reason::code).orElse(code);
      subcode = s.reason().flatMap(Reason::subcode).orElse(subcode);
      message = s.reason().flatMap(Reason::message).orElse(message);
    }

    void bindUpdate(PreparedStatement u) throws SQLException {
      setLong(u, 1, ended);
      u.setString(2, cut(outcome, 16));
      u.setString(3, cut(code, 64));
      u.setString(4, cut(subcode, 64));
      u.setString(5, cut(message, 1024));
      u.setString(6, InvitationStates.cut(states.toString()));
      u.setString(7, cut(first.id(), 128));
      if (startedAt != null) {
        u.setLong(8, startedAt);
      }
    }

    void bindInsert(PreparedStatement i) throws SQLException {
      InvitationStep s = first;
      i.setString(1, cut(s.id(), 128));
      i.setString(2, s.kind().name());
      i.setString(3, cut(s.inviter(), 512));
      i.setString(4, cut(s.invitee(), 512));
      i.setString(5, cut(s.conversation(), 128));
      i.setString(6, cut(s.threadId(), 256));
      i.setString(7, cut(s.operationId().orElse(null), 512));
      i.setLong(8, s.at().toEpochMilli());
      setLong(i, 9, ended);
      i.setString(10, cut(outcome, 16));
      i.setString(11, cut(code, 64));
      i.setString(12, cut(subcode, 64));
      i.setString(13, cut(message, 1024));
      i.setString(14, InvitationStates.cut(states.toString()));
    }
  }

  @Override
  public List<InvitationRecord> find(InvitationQuery q) {
    try {
      writeHeld(true); // what is held is part of the record
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the invitation record: " + e.getMessage(), e);
    }
    StringBuilder sql =
        new StringBuilder("SELECT " + COLUMNS + ", states FROM invitation WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    q.user()
        .ifPresent(
            u -> {
              sql.append(" AND (inviter = ? OR invitee = ?)");
              args.add(u);
              args.add(u);
            });
    q.outcome()
        .ifPresent(
            o -> {
              if (o.equalsIgnoreCase("pending")) {
                sql.append(" AND ended_at IS NULL");
              } else {
                sql.append(
                    " AND (LOWER(outcome) = ? OR LOWER(reason_code) = ? OR LOWER(reason_subcode) ="
                        + " ?)");
                String v = o.toLowerCase(Locale.ROOT);
                args.add(v);
                args.add(v);
                args.add(v);
              }
            });
    q.since()
        .ifPresent(
            t -> {
              sql.append(" AND started_at >= ?");
              args.add(t.toEpochMilli());
            });
    q.until()
        .ifPresent(
            t -> {
              sql.append(" AND started_at < ?");
              args.add(t.toEpochMilli());
            });
    sql.append(" ORDER BY started_at DESC, id DESC LIMIT ? OFFSET ?");
    args.add(q.limit());
    args.add(q.offset());
    try (Connection c = db.connection();
        PreparedStatement s = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        s.setObject(i + 1, args.get(i));
      }
      List<InvitationRecord> records = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          records.add(record(r));
        }
      }
      return records;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the invitation record: " + e.getMessage(), e);
    }
  }

  @Override
  public int forgetStartedBefore(Instant cutoff) {
    try (Connection c = db.connection();
        PreparedStatement invitations =
            c.prepareStatement("DELETE FROM invitation WHERE started_at < ?")) {
      invitations.setLong(1, cutoff.toEpochMilli());
      return invitations.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot forget old invitations: " + e.getMessage(), e);
    }
  }

  private static void setLong(PreparedStatement s, int i, Long v) throws SQLException {
    if (v == null) {
      s.setNull(i, Types.BIGINT);
    } else {
      s.setLong(i, v);
    }
  }

  private static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  private static InvitationRecord record(ResultSet r) throws SQLException {
    long ended = r.getLong(9);
    Optional<Instant> end =
        r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ended));
    return new InvitationRecord(
        r.getString(1),
        InvitationKind.valueOf(r.getString(2)),
        r.getString(3),
        r.getString(4),
        r.getString(5),
        r.getString(6),
        Optional.ofNullable(r.getString(7)),
        Instant.ofEpochMilli(r.getLong(8)),
        end,
        InvitationStates.parse(r.getString(14)),
        Optional.ofNullable(r.getString(10)),
        Optional.ofNullable(r.getString(11)),
        Optional.ofNullable(r.getString(12)),
        Optional.ofNullable(r.getString(13)));
  }
}
