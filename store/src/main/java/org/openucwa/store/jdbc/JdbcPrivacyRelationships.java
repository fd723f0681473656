package org.openucwa.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.openucwa.people.PrivacyRelationshipLevel;
import org.openucwa.people.PrivacyRelationships;

/**
 * Privacy relationships in the {@code privacy_relationship} table. Every presence and profile read
 * asks for a level, so each owner's levels are read once, on first use, and kept; a change is
 * written to the table first and then to the kept levels, so a failed write changes nothing.
 * Thread-safe: changes of one owner are serialized on that owner's kept map.
 */
public final class JdbcPrivacyRelationships implements PrivacyRelationships {

  private final Database db;
  private final Map<String, Map<String, PrivacyRelationshipLevel>> byOwner =
      new ConcurrentHashMap<>();

  public JdbcPrivacyRelationships(Database db) {
    this.db = db;
  }

  @Override
  public Optional<PrivacyRelationshipLevel> assigned(String ownerUri, String contactUri) {
    return Optional.ofNullable(levels(ownerUri).get(contactUri));
  }

  @Override
  public Map<String, PrivacyRelationshipLevel> assignedBy(String ownerUri) {
    return new TreeMap<>(levels(ownerUri));
  }

  @Override
  public void assign(String ownerUri, String contactUri, PrivacyRelationshipLevel level) {
    Map<String, PrivacyRelationshipLevel> levels = levels(ownerUri);
    synchronized (levels) {
      write(ownerUri, contactUri, Optional.of(level));
      levels.put(contactUri, level);
    }
  }

  @Override
  public void reset(String ownerUri, String contactUri) {
    Map<String, PrivacyRelationshipLevel> levels = levels(ownerUri);
    synchronized (levels) {
      write(ownerUri, contactUri, Optional.empty());
      levels.remove(contactUri);
    }
  }

  private Map<String, PrivacyRelationshipLevel> levels(String ownerUri) {
    return byOwner.computeIfAbsent(ownerUri, this::load);
  }

  private Map<String, PrivacyRelationshipLevel> load(String ownerUri) {
    Map<String, PrivacyRelationshipLevel> levels = new ConcurrentHashMap<>();
    try (Connection c = db.connection();
        PreparedStatement s =
            c.prepareStatement("SELECT contact, level FROM privacy_relationship WHERE owner = ?")) {
      s.setString(1, ownerUri);
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          levels.put(r.getString(1), PrivacyRelationshipLevel.valueOf(r.getString(2)));
        }
      }
      return levels;
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot read the privacy relationships of " + ownerUri + ": " + e.getMessage(), e);
    }
  }

  private void write(String ownerUri, String contactUri, Optional<PrivacyRelationshipLevel> level) {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try (PreparedStatement delete =
              c.prepareStatement(
                  "DELETE FROM privacy_relationship WHERE owner = ? AND contact = ?");
          PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO privacy_relationship (owner, contact, level) VALUES (?, ?, ?)")) {
        delete.setString(1, ownerUri);
        delete.setString(2, contactUri);
        delete.executeUpdate();
        if (level.isPresent()) {
          insert.setString(1, ownerUri);
          insert.setString(2, contactUri);
          insert.setString(3, level.get().name());
          insert.executeUpdate();
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot keep the privacy relationship of " + ownerUri + ": " + e.getMessage(), e);
    }
  }
}
