package org.openucwa.store.jdbc.migration;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.openucwa.store.jdbc.InvitationStates;

/**
 * Moves the states of each recorded invitation from the {@code invitation_state} table into a
 * {@code states} column of its {@code invitation} row, so that recording a step writes one row
 * instead of two (decision 0040). Written in Java because H2 and PostgreSQL share no string
 * aggregate.
 */
public final class V4__Invitation_states_inline extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    try (Statement s = c.createStatement()) {
      s.execute("ALTER TABLE invitation ADD COLUMN states VARCHAR(" + InvitationStates.MAX + ")");
    }
    try (PreparedStatement read =
            c.prepareStatement(
                "SELECT invitation_id, state, entered_at FROM invitation_state"
                    + " ORDER BY invitation_id, id");
        PreparedStatement write =
            c.prepareStatement("UPDATE invitation SET states = ? WHERE id = ?");
        ResultSet r = read.executeQuery()) {
      String current = null;
      StringBuilder states = new StringBuilder();
      while (r.next()) {
        String id = r.getString(1);
        if (current != null && !current.equals(id)) {
          add(write, current, states);
          states.setLength(0);
        }
        current = id;
        InvitationStates.append(states, r.getString(2), r.getLong(3));
      }
      if (current != null) {
        add(write, current, states);
      }
      write.executeBatch();
    }
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE invitation_state");
    }
  }

  private static void add(PreparedStatement write, String id, CharSequence states)
      throws SQLException {
    write.setString(1, InvitationStates.cut(states.toString()));
    write.setString(2, id);
    write.addBatch();
  }
}
