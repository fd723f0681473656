package org.openucwa.store.jdbc.migration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Keys the {@code invitation} table by {@code (started_at, id)} instead of {@code id} alone, and
 * drops the index on {@code started_at} the new key makes redundant. Invitation ids are random, so
 * a key of the id alone put every new row at a random place of its index: each batch of the
 * invitation record touched as many index pages as it had invitations, and the embedded database
 * read, copied and wrote them all. Keyed by its start, a new row goes at the end (decision 0054).
 * Written in Java because H2 and PostgreSQL name a table's primary key differently.
 */
public final class V11__Invitation_keyed_by_start extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    String key =
        primaryKeyOf(c, "invitation")
            .orElseThrow(
                () -> new SQLException("the invitation table has no primary key to replace"));
    try (Statement s = c.createStatement()) {
      s.execute("ALTER TABLE invitation DROP CONSTRAINT \"" + key + "\"");
      s.execute(
          "ALTER TABLE invitation ADD CONSTRAINT invitation_by_start"
              + " PRIMARY KEY (started_at, id)");
      s.execute("DROP INDEX invitation_started");
    }
  }

  /** The name of a table's primary key, whichever case the database keeps names in. */
  private static Optional<String> primaryKeyOf(Connection c, String table) throws SQLException {
    DatabaseMetaData meta = c.getMetaData();
    for (String name : new String[] {table, table.toUpperCase(java.util.Locale.ROOT)}) {
      try (ResultSet r = meta.getPrimaryKeys(null, c.getSchema(), name)) {
        if (r.next()) {
          return Optional.ofNullable(r.getString("PK_NAME"));
        }
      }
    }
    return Optional.empty();
  }
}
