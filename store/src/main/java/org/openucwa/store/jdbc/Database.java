package org.openucwa.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The server's store: a pooled connection (HikariCP) to an embedded H2 database in the data folder,
 * or to the PostgreSQL server a JDBC URL names, brought to the latest schema (Flyway, the scripts
 * under {@code db/migration}) when opened. The same scripts serve both. Thread-safe.
 */
public final class Database implements AutoCloseable {

  /** The database could not be opened: the message says why, in one line. */
  public static final class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final HikariDataSource pool;
  private final String description;

  private Database(HikariDataSource pool, String description) {
    this.pool = pool;
    this.description = description;
  }

  /** The embedded database's page cache, in KB. */
  static final int EMBEDDED_CACHE_KB = 2048;

  /** The JDBC URL of the embedded database kept in {@code dataDir}. */
  public static String embeddedUrl(Path dataDir) {
    // The pool closes the database on shutdown, after the last queued writes: not H2's own hook.
    // H2 keeps its page cache on the heap: 2 MB rather than its 16 MB default (decision 0067).
    return "jdbc:h2:file:"
        + dataDir.toAbsolutePath().resolve("ucwa")
        + ";DB_CLOSE_ON_EXIT=FALSE;CACHE_SIZE="
        + EMBEDDED_CACHE_KB;
  }

  /** Opens the embedded database in {@code dataDir}, creating the folder on first start. */
  public static Database embedded(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new StoreException(
          "cannot create the data folder " + dataDir + ": " + e.getMessage(), e);
    }
    return open(embeddedUrl(dataDir), Optional.empty(), Optional.empty());
  }

  /** Opens the database at a JDBC URL and migrates it; fails in one line when it cannot. */
  public static Database open(String url, Optional<String> user, Optional<String> password) {
    HikariConfig c = new HikariConfig();
    c.setJdbcUrl(url);
    user.ifPresent(c::setUsername);
    password.ifPresent(c::setPassword);
    c.setPoolName("ucwa-store");
    c.setMaximumPoolSize(4);
    c.setMinimumIdle(1);
    c.setConnectionTimeout(5_000);
    c.setValidationTimeout(2_000);
    c.setInitializationFailTimeout(1);
    String where = redact(url);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(c);
    } catch (RuntimeException e) {
      throw new StoreException("cannot open the database " + where + ": " + rootMessage(e), e);
    }
    try {
      Flyway.configure()
          .dataSource(pool)
          .locations("classpath:db/migration", "classpath:org/openucwa/store/jdbc/migration")
          .failOnMissingLocations(true)
          .load()
          .migrate();
    } catch (FlywayException e) {
      pool.close();
      throw new StoreException(
          "cannot bring the database " + where + " up to date: " + rootMessage(e), e);
    }
    return new Database(pool, where);
  }

  public DataSource dataSource() {
    return pool;
  }

  /** A connection from the pool; the caller closes it. */
  public Connection connection() throws SQLException {
    return pool.getConnection();
  }

  /** The URL without credentials, for messages. */
  public String description() {
    return description;
  }

  @Override
  public void close() {
    pool.close();
  }

  private static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return m.lines().findFirst().orElse(m);
  }
}
