package org.openucwa.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.openucwa.people.Phone;
import org.openucwa.people.PhoneType;
import org.openucwa.people.ProfileStore;

/**
 * What users set of their profiles, in the {@code user_profile} and {@code user_phone} tables. A
 * save replaces the user's rows in one transaction, so a reader sees the old settings or the new
 * ones. Thread-safe (one connection per call).
 */
public final class JdbcProfileStore implements ProfileStore {

  private final Database db;

  public JdbcProfileStore(Database db) {
    this.db = db;
  }

  @Override
  public Optional<Settings> load(String ownerUri) {
    try (Connection c = db.connection()) {
      Optional<String> note;
      Optional<String> location;
      try (PreparedStatement s =
          c.prepareStatement("SELECT personal_note, location FROM user_profile WHERE owner = ?")) {
        s.setString(1, ownerUri);
        try (ResultSet r = s.executeQuery()) {
          if (!r.next()) {
            return Optional.empty();
          }
          note = Optional.ofNullable(r.getString(1));
          location = Optional.ofNullable(r.getString(2));
        }
      }
      Map<PhoneType, Phone> phones = new EnumMap<>(PhoneType.class);
      try (PreparedStatement s =
          c.prepareStatement("SELECT type, number, visible FROM user_phone WHERE owner = ?")) {
        s.setString(1, ownerUri);
        try (ResultSet r = s.executeQuery()) {
          while (r.next()) {
            PhoneType type = PhoneType.valueOf(r.getString(1));
            phones.put(
                type, new Phone(type, Optional.ofNullable(r.getString(2)), r.getBoolean(3), true));
          }
        }
      }
      return Optional.of(new Settings(note, location, phones));
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot read the profile of " + ownerUri + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void save(String ownerUri, Settings settings) {
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        for (String table : new String[] {"user_phone", "user_profile"}) {
          try (PreparedStatement s =
              c.prepareStatement("DELETE FROM " + table + " WHERE owner = ?")) {
            s.setString(1, ownerUri);
            s.executeUpdate();
          }
        }
        try (PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO user_profile (owner, personal_note, location) VALUES (?, ?, ?)")) {
          s.setString(1, ownerUri);
          s.setString(2, settings.personalNote().orElse(null));
          s.setString(3, settings.location().orElse(null));
          s.executeUpdate();
        }
        try (PreparedStatement s =
            c.prepareStatement(
                "INSERT INTO user_phone (owner, type, number, visible) VALUES (?, ?, ?, ?)")) {
          for (Phone phone : settings.phones().values()) {
            s.setString(1, ownerUri);
            s.setString(2, phone.type().name());
            s.setString(3, phone.number().orElse(null));
            s.setBoolean(4, phone.includeInContactCard());
            s.addBatch();
          }
          s.executeBatch();
        }
        c.commit();
      } catch (SQLException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot keep the profile of " + ownerUri + ": " + e.getMessage(), e);
    }
  }
}
