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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openucwa.audit.InvitationKind;
import org.openucwa.audit.InvitationLog;
import org.openucwa.audit.InvitationQuery;
import org.openucwa.audit.InvitationRecord;
import org.openucwa.audit.InvitationStep;
import org.openucwa.resource.Reason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The invitation record in the {@code invitation} and {@code invitation_state} tables. A batch of
 * steps is one transaction; when the database cannot be reached it throws, and the caller retries
 * the whole batch. A step the database refuses for what it holds (never expected: text is cut to
 * the columns' sizes) is logged and skipped, so that it cannot hold up the steps behind it.
 * Thread-safe (one connection per call).
 */
public final class JdbcInvitationLog implements InvitationLog {

  private static final Logger LOG = LoggerFactory.getLogger(JdbcInvitationLog.class);

  private static final String COLUMNS =
      "id, kind, inviter, invitee, conversation_id, thread_id, operation_id, started_at, ended_at,"
          + " outcome, reason_code, reason_subcode, reason_message";

  private final Database db;

  public JdbcInvitationLog(Database db) {
    this.db = db;
  }

  @Override
  public void append(List<InvitationStep> steps) throws SQLException {
    try {
      write(steps);
    } catch (SQLException e) {
      if (unreachable(e) || steps.size() == 1) {
        if (!unreachable(e)) {
          LOG.error("The invitation record refused a step and skips it: {}", steps.get(0), e);
          return;
        }
        throw e;
      }
      for (InvitationStep step : steps) {
        append(List.of(step));
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

  private void write(List<InvitationStep> steps) throws SQLException {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE invitation SET ended_at = COALESCE(?, ended_at), outcome = COALESCE(?,"
                      + " outcome), reason_code = COALESCE(?, reason_code), reason_subcode ="
                      + " COALESCE(?, reason_subcode), reason_message = COALESCE(?,"
                      + " reason_message) WHERE id = ?");
          PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO invitation ("
                      + COLUMNS
                      + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
          PreparedStatement state =
              c.prepareStatement(
                  "INSERT INTO invitation_state (invitation_id, state, entered_at) VALUES (?, ?,"
                      + " ?)")) {
        for (InvitationStep s : steps) {
          boolean done = s.stage() == InvitationStep.Stage.completed;
          Long ended = done ? s.at().toEpochMilli() : null;
          String outcome = s.outcome().orElse(null);
          String code = s.reason().map(Reason::code).orElse(null);
          String subcode = s.reason().flatMap(Reason::subcode).orElse(null);
          String message = s.reason().flatMap(Reason::message).orElse(null);
          setLong(update, 1, ended);
          update.setString(2, cut(outcome, 16));
          update.setString(3, cut(code, 64));
          update.setString(4, cut(subcode, 64));
          update.setString(5, cut(message, 1024));
          update.setString(6, cut(s.id(), 128));
          if (update.executeUpdate() == 0) {
            insert.setString(1, cut(s.id(), 128));
            insert.setString(2, s.kind().name());
            insert.setString(3, cut(s.inviter(), 512));
            insert.setString(4, cut(s.invitee(), 512));
            insert.setString(5, cut(s.conversation(), 128));
            insert.setString(6, cut(s.threadId(), 256));
            insert.setString(7, cut(s.operationId().orElse(null), 512));
            insert.setLong(8, s.at().toEpochMilli());
            setLong(insert, 9, ended);
            insert.setString(10, cut(outcome, 16));
            insert.setString(11, cut(code, 64));
            insert.setString(12, cut(subcode, 64));
            insert.setString(13, cut(message, 1024));
            insert.executeUpdate();
          }
          state.setString(1, cut(s.id(), 128));
          state.setString(2, cut(s.state(), 32));
          state.setLong(3, s.at().toEpochMilli());
          state.executeUpdate();
        }
        c.commit();
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

  @Override
  public List<InvitationRecord> find(InvitationQuery q) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM invitation WHERE 1 = 1");
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
    try (Connection c = db.connection()) {
      Map<String, Row> rows = new LinkedHashMap<>();
      try (PreparedStatement s = c.prepareStatement(sql.toString())) {
        for (int i = 0; i < args.size(); i++) {
          s.setObject(i + 1, args.get(i));
        }
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            Row row = Row.of(r);
            rows.put(row.id, row);
          }
        }
      }
      if (rows.isEmpty()) {
        return List.of();
      }
      String marks = String.join(", ", rows.keySet().stream().map(k -> "?").toList());
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT invitation_id, state, entered_at FROM invitation_state WHERE invitation_id"
                  + " IN ("
                  + marks
                  + ") ORDER BY id")) {
        int i = 1;
        for (String id : rows.keySet()) {
          s.setString(i++, id);
        }
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            rows.get(r.getString(1))
                .states
                .add(
                    new InvitationRecord.StateAt(
                        r.getString(2), Instant.ofEpochMilli(r.getLong(3))));
          }
        }
      }
      return rows.values().stream().map(Row::record).toList();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the invitation record: " + e.getMessage(), e);
    }
  }

  @Override
  public int forgetStartedBefore(Instant cutoff) {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try (PreparedStatement states =
              c.prepareStatement(
                  "DELETE FROM invitation_state WHERE invitation_id IN (SELECT id FROM invitation"
                      + " WHERE started_at < ?)");
          PreparedStatement invitations =
              c.prepareStatement("DELETE FROM invitation WHERE started_at < ?")) {
        states.setLong(1, cutoff.toEpochMilli());
        states.executeUpdate();
        invitations.setLong(1, cutoff.toEpochMilli());
        int n = invitations.executeUpdate();
        c.commit();
        return n;
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
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

  /** A row of {@code invitation} while its states are read. */
  private static final class Row {
    final String id;
    final InvitationRecord head;
    final List<InvitationRecord.StateAt> states = new ArrayList<>();

    private Row(String id, InvitationRecord head) {
      this.id = id;
      this.head = head;
    }

    static Row of(ResultSet r) throws SQLException {
      long ended = r.getLong(9);
      Optional<Instant> end =
          r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ended));
      InvitationRecord head =
          new InvitationRecord(
              r.getString(1),
              InvitationKind.valueOf(r.getString(2)),
              r.getString(3),
              r.getString(4),
              r.getString(5),
              r.getString(6),
              Optional.ofNullable(r.getString(7)),
              Instant.ofEpochMilli(r.getLong(8)),
              end,
              List.of(),
              Optional.ofNullable(r.getString(10)),
              Optional.ofNullable(r.getString(11)),
              Optional.ofNullable(r.getString(12)),
              Optional.ofNullable(r.getString(13)));
      return new Row(r.getString(1), head);
    }

    InvitationRecord record() {
      InvitationRecord h = head;
      return new InvitationRecord(
          h.id(),
          h.kind(),
          h.inviter(),
          h.invitee(),
          h.conversation(),
          h.threadId(),
          h.operationId(),
          h.started(),
          h.ended(),
          states,
          h.outcome(),
          h.reasonCode(),
          h.reasonSubcode(),
          h.reasonMessage());
    }
  }
}
