package org.openucwa.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openucwa.testing.Databases;

class DatabaseTest {

  @ParameterizedTest
  @ValueSource(strings = {Databases.H2, Databases.POSTGRESQL})
  void opening_brings_a_fresh_database_to_the_latest_schema_and_reopening_changes_nothing(
      String kind) throws Exception {
    String url = Databases.freshUrl(kind);
    try (Database first = Database.open(url, Optional.empty(), Optional.empty());
        Database again = Database.open(url, Optional.empty(), Optional.empty());
        Connection c = again.connection();
        ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM token_key")) {
      r.next();
      assertThat(r.getInt(1)).isZero();
      assertThat(first.description()).isEqualTo(again.description());
    }
  }

  @Test
  void the_embedded_database_creates_its_data_folder_and_keeps_its_data(@TempDir Path dir)
      throws Exception {
    Path data = dir.resolve("new/data");
    try (Database db = Database.embedded(data);
        Connection c = db.connection()) {
      c.createStatement()
          .execute("INSERT INTO token_key (id, secret, created_at) VALUES ('k', 'AA==', 1)");
    }
    try (Database db = Database.embedded(data);
        Connection c = db.connection();
        ResultSet r = c.createStatement().executeQuery("SELECT id FROM token_key")) {
      assertThat(r.next()).isTrue();
      assertThat(r.getString(1)).isEqualTo("k");
    }
  }

  @Test
  void the_embedded_database_keeps_a_small_page_cache_on_the_heap(@TempDir Path dir)
      throws Exception {
    try (Database db = Database.embedded(dir);
        Connection c = db.connection();
        ResultSet r =
            c.createStatement()
                .executeQuery(
                    "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                        + " WHERE SETTING_NAME = 'CACHE_SIZE'")) {
      assertThat(r.next()).isTrue();
      assertThat(r.getInt(1)).isEqualTo(Database.EMBEDDED_CACHE_KB);
    }
  }

  @Test
  void an_unreachable_database_fails_in_one_line_naming_it() {
    assertThatThrownBy(
            () ->
                Database.open(
                    "jdbc:postgresql://127.0.0.1:1/ucwa?connectTimeout=2",
                    Optional.of("u"),
                    Optional.of("secret")))
        .isInstanceOf(Database.StoreException.class)
        .hasMessageStartingWith("cannot open the database jdbc:postgresql://127.0.0.1:1/ucwa")
        .hasMessageNotContaining("\n")
        .hasMessageNotContaining("secret");
  }

  @Test
  void a_password_in_the_url_is_not_repeated_in_messages() {
    assertThatThrownBy(
            () ->
                Database.open(
                    "jdbc:postgresql://127.0.0.1:1/ucwa?password=hunter2&connectTimeout=2",
                    Optional.empty(),
                    Optional.empty()))
        .isInstanceOf(Database.StoreException.class)
        .hasMessageContaining("password=***")
        .hasMessageNotContaining("hunter2");
  }
}
