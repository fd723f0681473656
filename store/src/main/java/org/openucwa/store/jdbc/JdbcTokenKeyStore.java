package org.openucwa.store.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.openucwa.auth.TokenKey;
import org.openucwa.auth.TokenKeyStore;

/** The token-signing keys in the {@code token_key} table. Thread-safe (one connection per call). */
public final class JdbcTokenKeyStore implements TokenKeyStore {

  private final Database db;

  public JdbcTokenKeyStore(Database db) {
    this.db = db;
  }

  @Override
  public List<TokenKey> all() {
    try (Connection c = db.connection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT id, secret, created_at FROM token_key ORDER BY created_at DESC, id");
        ResultSet r = s.executeQuery()) {
      List<TokenKey> keys = new ArrayList<>();
      while (r.next()) {
        keys.add(
            new TokenKey(
                r.getString(1),
                Base64.getDecoder().decode(r.getString(2)),
                Instant.ofEpochMilli(r.getLong(3))));
      }
      return keys;
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the token keys: " + e.getMessage(), e);
    }
  }

  @Override
  public void add(TokenKey key) {
    try (Connection c = db.connection();
        PreparedStatement s =
            c.prepareStatement("INSERT INTO token_key (id, secret, created_at) VALUES (?, ?, ?)")) {
      s.setString(1, key.id());
      s.setString(2, Base64.getEncoder().encodeToString(key.secret()));
      s.setLong(3, key.created().toEpochMilli());
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot store a token key: " + e.getMessage(), e);
    }
  }

  @Override
  public void remove(String id) {
    try (Connection c = db.connection();
        PreparedStatement s = c.prepareStatement("DELETE FROM token_key WHERE id = ?")) {
      s.setString(1, id);
      s.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("cannot remove a token key: " + e.getMessage(), e);
    }
  }
}
