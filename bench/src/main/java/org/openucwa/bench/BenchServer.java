package org.openucwa.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.openucwa.application.ApplicationRegistry;
import org.openucwa.application.ApplicationSettings;
import org.openucwa.cluster.ClusterSettings;
import org.openucwa.events.ChannelSettings;
import org.openucwa.server.ServerConfig;
import org.openucwa.server.UcwaServer;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * The server side of the benchmark, run by the {@link Driver} as a child JVM: a real {@link
 * UcwaServer} on a loopback port, plus a control channel on standard input and output. Nothing but
 * the driver can reach the control channel, and when the driver goes away standard input ends and
 * the server stops.
 *
 * <p>Commands, one per line; each answer is one line {@code @bench OK key=value ...} or
 * {@code @bench ERR message}:
 *
 * <ul>
 *   <li>{@code count}: applications, and how many hold a pending P-GET
 *   <li>{@code heap}: the live heap after full collections, and the resident set
 *   <li>{@code stats}: peak heap use since the last {@code stats}, collector totals
 *   <li>{@code histogram FILE}: writes the live objects by class to FILE
 *   <li>{@code release}: one event to every application
 *   <li>{@code rate R S [URI]}: R events per second for S seconds, to applications drawn at random
 *       (of the user {@code URI} only, when given)
 *   <li>{@code cluster}: the cluster's size, and whether its partitions are settled
 *   <li>{@code pin EVEN_URL ODD_URL}: homes the users of even index (the inviters) on the node of
 *       the first public URL and the others on the second, as a users file's {@code home} would
 *   <li>{@code stop}
 * </ul>
 *
 * <p>Usage: {@code BenchServer --users U --apps-per-user A [--defaults] [--database-url URL]
 * [--cluster-members HOST:PORT,...] [--without-records]}; with {@code --defaults} the server runs
 * on its embedded defaults (as {@code bin/ucwa-server} starts it) and only the directory is the
 * benchmark's; with {@code --database-url} on that database; with {@code --cluster-members} (empty
 * for the first node) as a node of a cluster on loopback, its member on a free port; with {@code
 * --without-records} neither the invitation record nor any user's conversation history is kept (the
 * flow without the store's writes). The first answer names the {@code port}, the public {@code url}
 * and, in a cluster, the {@code member} address.
 */
public final class BenchServer {

  static final String PREFIX = "@bench ";

  private final UcwaServer server;
  private final ApplicationRegistry registry;
  private final Publisher publisher;
  private final HeapProbe probe = new HeapProbe();
  private final PrintStream out;
  private final int users;
  private final boolean records;

  private BenchServer(UcwaServer server, PrintStream out, int users, boolean records) {
    this.server = server;
    this.users = users;
    this.records = records;
    this.registry = server.applications();
    this.publisher = new Publisher(registry);
    this.out = out;
  }

  public static void main(String[] args) throws IOException {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    int users = Integer.parseInt(option(args, "--users", "100"));
    int appsPerUser = Integer.parseInt(option(args, "--apps-per-user", "200"));
    PrintStream out = System.out;
    System.setOut(System.err);
    boolean defaults = List.of(args).contains("--defaults");
    // no conversation history and no invitation record: what the flow costs without the store
    boolean records = !List.of(args).contains("--without-records");
    // the embedded store of each run starts empty and is removed with the run
    Path dataDir = Files.createTempDirectory("ucwa-bench");
    ServerConfig.Builder config =
        defaults
            ? ServerConfig.builder().dataDir(dataDir).bind("127.0.0.1").port(0)
            : config(users, appsPerUser, dataDir).toBuilder();
    String database = option(args, "--database-url", null);
    if (database != null) {
      config.databaseUrl(database);
    }
    String members = option(args, "--cluster-members", null);
    if (members != null) {
      config.cluster(
          new ClusterSettings(
              Stream.of(members.split(",")).filter(m -> !m.isBlank()).toList(),
              "127.0.0.1",
              0,
              "ucwa-bench",
              Optional.of("the benchmark's cluster secret"),
              ClusterSettings.DEFAULT_DEAD_AFTER));
    }
    config.invitationRecord(records);
    UcwaServer server = UcwaServer.start(config.build(), BenchDirectory.of(users, records));
    BenchServer bench = new BenchServer(server, out, users, records);
    Map<String, Object> started = new LinkedHashMap<>();
    started.put("port", server.port());
    started.put("url", server.url());
    server.cluster().ifPresent(c -> started.put("member", c.memberAddress()));
    bench.reply("OK", started);
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (!bench.handle(line.trim())) {
          break;
        }
      }
    } finally {
      server.close();
      deleteTree(dataDir);
    }
    System.exit(0);
  }

  /**
   * The server as configured for the benchmark: every user may hold {@code appsPerUser}
   * applications, a P-GET may wait up to 15 minutes (the driver asks for 10), applications do not
   * expire during a run, and the embedded store lives in a fresh temporary folder.
   */
  static ServerConfig config(int users, int appsPerUser, Path dataDir) {
    return ServerConfig.builder()
        .dataDir(dataDir)
        .bind("127.0.0.1")
        .port(0)
        .applications(
            new ApplicationSettings(appsPerUser, Duration.ofMinutes(30), Duration.ofMinutes(60)))
        .channel(
            new ChannelSettings(
                Duration.ofSeconds(600),
                Duration.ofSeconds(1),
                Duration.ofSeconds(900),
                Duration.ofSeconds(5),
                Duration.ofSeconds(15),
                Duration.ofSeconds(5),
                Duration.ofSeconds(1800),
                10_000,
                ChannelSettings.DEFAULT_QUEUE_BYTES))
        .build();
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Runs one command; false once the server should stop. */
  private boolean handle(String line) {
    String[] words = line.split("\\s+");
    try {
      switch (words[0]) {
        case "count" -> reply("OK", Map.of("applications", registry.size(), "pending", pending()));
        case "heap" -> {
          Map<String, Object> r = new LinkedHashMap<>(probe.afterFullGc());
          r.put("pending", pending());
          reply("OK", r);
        }
        case "stats" -> reply("OK", probe.stats());
        case "histogram" -> {
          Files.writeString(Path.of(words[1]), HeapProbe.histogram());
          reply("OK", Map.of());
        }
        case "release" -> {
          long start = System.nanoTime();
          int n = publisher.toEveryApplication();
          reply("OK", Map.of("published", n, "publishMicros", (System.nanoTime() - start) / 1_000));
        }
        case "rate" -> {
          int rate = Integer.parseInt(words[1]);
          Duration duration = Duration.ofSeconds(Long.parseLong(words[2]));
          Publisher.Run run =
              words.length > 3
                  ? publisher.steady(rate, duration, words[3])
                  : publisher.steady(rate, duration);
          reply(
              "OK",
              Map.of(
                  "published",
                  run.published(),
                  "elapsedMicros",
                  run.elapsed().toNanos() / 1_000,
                  "maxLagMicros",
                  run.maxLag().toNanos() / 1_000));
        }
        case "cluster" -> {
          var c = server.cluster().orElseThrow(() -> new IllegalStateException("not a cluster"));
          reply("OK", Map.of("size", c.size(), "settled", c.settled()));
        }
        case "pin" -> {
          server.reload(BenchDirectory.of(users, i -> i % 2 == 0 ? words[1] : words[2], records));
          reply("OK", Map.of());
        }
        case "stop" -> {
          reply("OK", Map.of());
          return false;
        }
        default -> reply("ERR", Map.of("unknown", words[0]));
      }
    } catch (RuntimeException | InterruptedException | IOException e) {
      reply("ERR", Map.of("error", String.valueOf(e).replace(' ', '_')));
    }
    return true;
  }

  private int pending() {
    int n = 0;
    for (var app : registry.all()) {
      if (app.events().idleFor().isEmpty()) {
        n++;
      }
    }
    return n;
  }

  private void reply(String status, Map<String, ?> values) {
    StringBuilder b = new StringBuilder(PREFIX).append(status);
    values.forEach((k, v) -> b.append(' ').append(k).append('=').append(v));
    out.println(b);
    out.flush();
  }

  private static String option(String[] args, String name, String fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return args[i + 1];
      }
    }
    return fallback;
  }
}
