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
import org.openucwa.conversation.AccessLevel;
import org.openucwa.meeting.AutomaticLeaderAssignment;
import org.openucwa.meeting.EntryExitAnnouncement;
import org.openucwa.meeting.LobbyBypassForPhoneUsers;
import org.openucwa.meeting.MeetingRepository;
import org.openucwa.meeting.OnlineMeeting;
import org.openucwa.meeting.PhoneUserAdmission;

/**
 * Scheduled meetings in the {@code online_meeting} and {@code online_meeting_member} tables. A save
 * replaces the meeting and its lists in one transaction. Organizer URIs are kept lower-cased and
 * meeting ids upper-cased, as the in-memory repository looks them up. Thread-safe (one connection
 * per call); {@code MeetingScheduler} serializes the changes to one organizer's meetings.
 */
public final class JdbcMeetingRepository implements MeetingRepository {

  private static final String COLUMNS =
      "organizer, id, conference_id, assigned, subject, description, access_level,"
          + " automatic_leader_assignment, entry_exit_announcement, expires_at,"
          + " lobby_bypass_for_phone, phone_user_admission, version";

  private static final String LEADER = "leader";
  private static final String ATTENDEE = "attendee";

  private final Database db;

  public JdbcMeetingRepository(Database db) {
    this.db = db;
  }

  @Override
  public List<OnlineMeeting> forOrganizer(String organizerUri) {
    return select("organizer = ? ORDER BY seq", organizer(organizerUri));
  }

  @Override
  public Optional<OnlineMeeting> find(String organizerUri, String onlineMeetingId) {
    return select("organizer = ? AND id = ?", organizer(organizerUri), id(onlineMeetingId)).stream()
        .findFirst();
  }

  @Override
  public Optional<OnlineMeeting> findByConferenceId(String conferenceId) {
    return select("conference_id = ?", conferenceId).stream().findFirst();
  }

  @Override
  public Optional<OnlineMeeting> assigned(String organizerUri) {
    return select("organizer = ? AND assigned = 1", organizer(organizerUri)).stream().findFirst();
  }

  @Override
  public void save(OnlineMeeting m) {
    String organizer = organizer(m.organizerUri());
    String id = id(m.onlineMeetingId());
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        int updated;
        try (PreparedStatement s =
            c.prepareStatement(
                "UPDATE online_meeting SET conference_id = ?, assigned = ?, subject = ?,"
                    + " description = ?, access_level = ?, automatic_leader_assignment = ?,"
                    + " entry_exit_announcement = ?, expires_at = ?, lobby_bypass_for_phone = ?,"
                    + " phone_user_admission = ?, version = ? WHERE organizer = ? AND id = ?")) {
          bindSettings(s, 1, m);
          s.setString(12, organizer);
          s.setString(13, id);
          updated = s.executeUpdate();
        }
        if (updated == 0) {
          try (PreparedStatement s =
              c.prepareStatement(
                  "INSERT INTO online_meeting ("
                      + COLUMNS
                      + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, organizer);
            s.setString(2, id);
            bindSettings(s, 3, m);
            s.executeUpdate();
          }
        }
        deleteMembers(c, organizer, id);
        try (PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO online_meeting_member (organizer, meeting_id, role, position, uri)"
                    + " VALUES (?, ?, ?, ?, ?)")) {
          addMembers(s, organizer, id, LEADER, m.leaders());
          addMembers(s, organizer, id, ATTENDEE, m.attendees());
          s.executeBatch();
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store a meeting: " + e.getMessage(), e);
    }
  }

  @Override
  public boolean delete(String organizerUri, String onlineMeetingId) {
    String organizer = organizer(organizerUri);
    String id = id(onlineMeetingId);
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        deleteMembers(c, organizer, id);
        int gone;
        try (PreparedStatement s =
            c.prepareStatement("DELETE FROM online_meeting WHERE organizer = ? AND id = ?")) {
          s.setString(1, organizer);
          s.setString(2, id);
          gone = s.executeUpdate();
        }
        c.commit();
        return gone > 0;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot delete a meeting: " + e.getMessage(), e);
    }
  }

  /** Binds the eleven columns from conference_id to version, from {@code at}. */
  private static void bindSettings(PreparedStatement s, int at, OnlineMeeting m)
      throws SQLException {
    s.setString(at, m.conferenceId());
    s.setInt(at + 1, m.assigned() ? 1 : 0);
    s.setString(at + 2, m.subject().orElse(null));
    s.setString(at + 3, m.description().orElse(null));
    s.setString(at + 4, m.accessLevel().name());
    s.setString(at + 5, m.automaticLeaderAssignment().name());
    s.setString(at + 6, m.entryExitAnnouncement().name());
    if (m.expirationTime().isPresent()) {
      s.setLong(at + 7, m.expirationTime().get().toEpochMilli());
    } else {
      s.setNull(at + 7, Types.BIGINT);
    }
    s.setString(at + 8, m.lobbyBypassForPhoneUsers().name());
    s.setString(at + 9, m.phoneUserAdmission().name());
    s.setLong(at + 10, m.version());
  }

  private static void addMembers(
      PreparedStatement s, String organizer, String id, String role, List<String> uris)
      throws SQLException {
    for (int i = 0; i < uris.size(); i++) {
      s.setString(1, organizer);
      s.setString(2, id);
      s.setString(3, role);
      s.setInt(4, i);
      s.setString(5, uris.get(i));
      s.addBatch();
    }
  }

  private static void deleteMembers(Connection c, String organizer, String id) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "DELETE FROM online_meeting_member WHERE organizer = ? AND meeting_id = ?")) {
      s.setString(1, organizer);
      s.setString(2, id);
      s.executeUpdate();
    }
  }

  private List<OnlineMeeting> select(String where, String... args) {
    try (Connection c = db.connection()) {
      Map<String, Row> rows = new LinkedHashMap<>();
      try (PreparedStatement s =
          c.prepareStatement("SELECT " + COLUMNS + " FROM online_meeting WHERE " + where)) {
        for (int i = 0; i < args.length; i++) {
          s.setString(i + 1, args[i]);
        }
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            Row row = new Row(r);
            rows.put(row.organizer + " " + row.id, row);
          }
        }
      }
      if (rows.isEmpty()) {
        return List.of();
      }
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT meeting_id, role, uri FROM online_meeting_member WHERE organizer = ?"
                  + (rows.size() == 1 ? " AND meeting_id = ?" : "")
                  + " ORDER BY meeting_id, role, position")) {
        Row first = rows.values().iterator().next();
        s.setString(1, first.organizer);
        if (rows.size() == 1) {
          s.setString(2, first.id);
        }
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            Row row = rows.get(first.organizer + " " + r.getString(1));
            if (row != null) {
              (LEADER.equals(r.getString(2)) ? row.leaders : row.attendees).add(r.getString(3));
            }
          }
        }
      }
      return rows.values().stream().map(Row::meeting).toList();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the meetings: " + e.getMessage(), e);
    }
  }

  private static String organizer(String uri) {
    return uri.toLowerCase(Locale.ROOT);
  }

  private static String id(String onlineMeetingId) {
    return onlineMeetingId.toUpperCase(Locale.ROOT);
  }

  /** One meeting row while its lists are read. */
  private static final class Row {
    final String organizer;
    final String id;
    final String conferenceId;
    final boolean assigned;
    final Optional<String> subject;
    final Optional<String> description;
    final AccessLevel accessLevel;
    final AutomaticLeaderAssignment automatic;
    final EntryExitAnnouncement announcement;
    final Optional<Instant> expires;
    final LobbyBypassForPhoneUsers lobbyBypass;
    final PhoneUserAdmission admission;
    final long version;
    final List<String> leaders = new ArrayList<>();
    final List<String> attendees = new ArrayList<>();

    Row(ResultSet r) throws SQLException {
      organizer = r.getString(1);
      id = r.getString(2);
      conferenceId = r.getString(3);
      assigned = r.getInt(4) != 0;
      subject = Optional.ofNullable(r.getString(5));
      description = Optional.ofNullable(r.getString(6));
      accessLevel = AccessLevel.valueOf(r.getString(7));
      automatic = AutomaticLeaderAssignment.valueOf(r.getString(8));
      announcement = EntryExitAnnouncement.valueOf(r.getString(9));
      long t = r.getLong(10);
      expires = r.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(t));
      lobbyBypass = LobbyBypassForPhoneUsers.valueOf(r.getString(11));
      admission = PhoneUserAdmission.valueOf(r.getString(12));
      version = r.getLong(13);
    }

    OnlineMeeting meeting() {
      return new OnlineMeeting(
          organizer,
          id,
          conferenceId,
          assigned,
          subject,
          description,
          attendees,
          leaders,
          accessLevel,
          automatic,
          announcement,
          expires,
          lobbyBypass,
          admission,
          version);
    }
  }
}
