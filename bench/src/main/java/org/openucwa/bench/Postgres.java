package org.openucwa.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL a cluster-mode run shares between its nodes, when it was given no database: a
 * private server in a fresh folder on a free loopback port, started and stopped with the
 * repository's own scripts ({@code .ci/start-postgres}, {@code .ci/stop-postgres}; Debian's {@code
 * postgresql} package, installed by the first when missing). Each configuration of a run gets a
 * fresh database of its own. The server's processes are known, so their CPU time is too.
 */
final class Postgres implements AutoCloseable {

  private static final Path START = Path.of(".ci", "start-postgres");
  private static final Path STOP = Path.of(".ci", "stop-postgres");

  private final Path dir;
  private final String url;

  private Postgres(Path dir, String url) {
    this.dir = dir;
    this.url = url;
  }

  /** Starts a private server in {@code dir} (emptied first). */
  static Postgres start(Path dir) throws IOException, InterruptedException {
    if (!Files.isExecutable(START)) {
      throw new IOException(
          "no --database-url given and no "
              + START
              + " to start PostgreSQL with: run from the repository's root (bench/run does)");
    }
    if (Files.exists(dir)) {
      script(STOP, dir.toAbsolutePath().toString());
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String url = script(START, Integer.toString(port), dir.toAbsolutePath().toString()).trim();
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new IOException("PostgreSQL did not start: " + url);
    }
    return new Postgres(dir, url);
  }

  /** The URL of a new, empty database on this server. */
  String freshDatabase(String name) throws SQLException {
    try (Connection c = DriverManager.getConnection(url);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    }
    return url.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
  }

  /** The server's CPU time so far in clock ticks (the postmaster and every backend it started). */
  long ticks() {
    Optional<Long> postmaster = postmaster();
    if (postmaster.isEmpty()) {
      return -1;
    }
    long pid = postmaster.get();
    long ticks = ProcessCpu.ticks(pid);
    try (var procs = Files.list(Path.of("/proc"))) {
      for (Path p : procs.toList()) {
        String name = p.getFileName().toString();
        if (name.chars().allMatch(Character::isDigit) && ProcessCpu.parent(p) == pid) {
          long t = ProcessCpu.ticks(Long.parseLong(name));
          if (t > 0) {
            ticks += t;
          }
        }
      }
    } catch (IOException e) {
      return -1;
    }
    return ticks;
  }

  private Optional<Long> postmaster() {
    try {
      List<String> lines = Files.readAllLines(dir.resolve("data").resolve("postmaster.pid"));
      return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static String script(Path script, String... args)
      throws IOException, InterruptedException {
    List<String> cmd = new java.util.ArrayList<>();
    cmd.add(script.toString());
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException(script + " did not finish within 120 s");
    }
    if (p.exitValue() != 0) {
      throw new IOException(script + " failed with status " + p.exitValue());
    }
    return out;
  }

  @Override
  public void close() {
    try {
      script(STOP, dir.toAbsolutePath().toString());
    } catch (IOException e) {
      System.err.println("[bench] stopping PostgreSQL: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
