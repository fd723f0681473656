package org.openucwa.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openucwa.people.ContactGroup;
import org.openucwa.people.ContactList;
import org.openucwa.people.ContactListStore;
import org.openucwa.people.GroupKind;

/**
 * Contact lists in the {@code contact_list}, {@code contact_group} and {@code contact_group_member}
 * tables. A save replaces the user's rows in one transaction, so a reader sees the old list or the
 * new one. Thread-safe (one connection per call).
 */
public final class JdbcContactListStore implements ContactListStore {

  private final Database db;

  public JdbcContactListStore(Database db) {
    this.db = db;
  }

  @Override
  public Optional<ContactList> load(String ownerUri) {
    try (Connection c = db.connection()) {
      long next;
      try (PreparedStatement s =
          c.prepareStatement("SELECT next_group_id FROM contact_list WHERE owner = ?")) {
        s.setString(1, ownerUri);
        try (ResultSet r = s.executeQuery()) {
          if (!r.next()) {
            return Optional.empty();
          }
          next = r.getLong(1);
        }
      }
      Map<String, List<String>> members = new LinkedHashMap<>();
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT group_id, contact FROM contact_group_member WHERE owner = ?"
                  + " ORDER BY group_id, position")) {
        s.setString(1, ownerUri);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            members.computeIfAbsent(r.getString(1), k -> new ArrayList<>()).add(r.getString(2));
          }
        }
      }
      List<ContactGroup> groups = new ArrayList<>();
      try (PreparedStatement s =
          c.prepareStatement(
              "SELECT id, kind, name, uri FROM contact_group WHERE owner = ? ORDER BY position")) {
        s.setString(1, ownerUri);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            String id = r.getString(1);
            groups.add(
                new ContactGroup(
                    id,
                    GroupKind.valueOf(r.getString(2)),
                    r.getString(3),
                    Optional.ofNullable(r.getString(4)),
                    members.getOrDefault(id, List.of())));
          }
        }
      }
      return Optional.of(new ContactList(groups, next));
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot read the contact list of " + ownerUri + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void save(String ownerUri, ContactList list) {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        for (String table : List.of("contact_group_member", "contact_group", "contact_list")) {
          try (PreparedStatement s =
              c.prepareStatement("DELETE FROM " + table + " WHERE owner = ?")) {
            s.setString(1, ownerUri);
            s.executeUpdate();
          }
        }
        try (PreparedStatement s =
            c.prepareStatement("INSERT INTO contact_list (owner, next_group_id) VALUES (?, ?)")) {
          s.setString(1, ownerUri);
          s.setLong(2, list.nextId());
          s.executeUpdate();
        }
        try (PreparedStatement group =
                c.prepareStatement(
                    "INSERT INTO contact_group (owner, id, position, kind, name, uri)"
                        + " VALUES (?, ?, ?, ?, ?, ?)");
            PreparedStatement member =
                c.prepareStatement(
                    "INSERT INTO contact_group_member (owner, group_id, position, contact)"
                        + " VALUES (?, ?, ?, ?)")) {
          int position = 0;
          for (ContactGroup g : list.groups()) {
            group.setString(1, ownerUri);
            group.setString(2, g.id());
            group.setInt(3, position++);
            group.setString(4, g.kind().name());
            group.setString(5, g.name());
            group.setString(6, g.uri().orElse(null));
            group.addBatch();
            int at = 0;
            for (String contact : g.members()) {
              member.setString(1, ownerUri);
              member.setString(2, g.id());
              member.setInt(3, at++);
              member.setString(4, contact);
              member.addBatch();
            }
          }
          group.executeBatch();
          member.executeBatch();
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot save the contact list of " + ownerUri + ": " + e.getMessage(), e);
    }
  }
}
