package org.openucwa.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.openucwa.store.jdbc.Database;

/**
 * The databases every repository test runs against: a fresh in-memory H2, and a fresh database on
 * the PostgreSQL server that {@code .ci/run} starts (its JDBC URL in the system property {@value
 * #PROPERTY} or the variable {@code UCWA_TEST_POSTGRES_URL}). Without that server the PostgreSQL
 * runs are skipped with a message, except under CI, where they fail.
 */
public final class Databases {

  public static final String PROPERTY = "ucwa.test.postgres.url";

  /** The kinds a parameterized test names: {@code h2} and {@code postgresql}. */
  public static final String H2 = "h2";

  public static final String POSTGRESQL = "postgresql";

  private Databases() {}

  /** A JDBC URL of a fresh, empty database of the given kind. */
  public static String freshUrl(String kind) {
    return switch (kind) {
      case H2 -> memoryH2();
      case POSTGRESQL -> freshPostgres();
      default -> throw new IllegalArgumentException(kind);
    };
  }

  /** A fresh in-memory H2 database, gone when the last connection to it closes. */
  public static String memoryH2() {
    return "jdbc:h2:mem:ucwa-" + UUID.randomUUID();
  }

  /** A fresh, migrated database of the given kind. */
  public static Database fresh(String kind) {
    return Database.open(freshUrl(kind), Optional.empty(), Optional.empty());
  }

  /** The URL of the test PostgreSQL server, or the test is skipped (failed under CI). */
  public static String postgresServer() {
    String url = System.getProperty(PROPERTY, System.getenv("UCWA_TEST_POSTGRES_URL"));
    if (url == null || url.isBlank()) {
      String why =
          "no PostgreSQL for the tests: .ci/run starts one and passes its URL as -D"
              + PROPERTY
              + " (or UCWA_TEST_POSTGRES_URL)";
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(why);
      }
      Assumptions.abort(why);
    }
    return url;
  }

  private static String freshPostgres() {
    String server = postgresServer();
    String name = "t_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(server);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create a test database: " + e.getMessage(), e);
    }
    return server.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
  }
}
