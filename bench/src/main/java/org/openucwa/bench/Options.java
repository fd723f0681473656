package org.openucwa.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What a benchmark run does: how many P-GETs it holds, the publish rate and how long it lasts, the
 * server's heap and any further server JVM flags, and where results and logs go.
 */
record Options(
    int pgets,
    int rate,
    Duration steady,
    Duration warmup,
    int releases,
    String serverHeap,
    List<String> serverFlags,
    int appsPerUser,
    int connectConcurrency,
    Path results,
    Path work) {

  static final String USAGE =
      """
      usage: bench/run [--pgets N] [--rate EVENTS_PER_S] [--seconds S] [--warmup S]
                       [--releases R] [--server-heap SIZE] [--server-flag FLAG]... [--apps-per-user A]
                       [--connect-concurrency C] [--results DIR] [--work DIR]
        --pgets               event channels held open, one P-GET each      (default 10000)
        --rate                events published per second                   (default 2000)
        --seconds             length of the measured steady phase           (default 20)
        --warmup              seconds at the same rate before it, unmeasured (default 30);
                              as long again before the baseline, to warm the server
        --releases            times every held P-GET is released; the target
                              is judged on the last                         (default 3)
        --server-heap         -Xmx of the server JVM, over any in the flags
                              (default: the flags', else 512m)
        --server-flag         one more server JVM flag (repeatable), e.g.
                              -XX:StartFlightRecording=filename=server.jfr;
                              bench/run gives the launcher's JVM options
        --apps-per-user       applications per signed-in user               (default 100)
        --connect-concurrency connections being opened at once              (default 100)
        --results             where the report goes                  (default bench/results)
        --work                where logs and histograms go        (default bench/target/run)
      """;

  static Options parse(String[] args) {
    int pgets = 10_000;
    int rate = 2_000;
    int seconds = 20;
    int warmup = 30;
    int releases = 3;
    String heap = null;
    List<String> flags = new ArrayList<>();
    int perUser = 100;
    int connect = 100;
    Path results = Path.of("bench", "results");
    Path work = Path.of("bench", "target", "run");
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (name.equals("--help") || name.equals("-h")) {
        throw new IllegalArgumentException(USAGE);
      }
      if (i + 1 == args.length) {
        throw new IllegalArgumentException("missing value after " + name + "\n" + USAGE);
      }
      String v = args[++i];
      switch (name) {
        case "--pgets" -> pgets = positive(name, v);
        case "--rate" -> rate = positive(name, v);
        case "--seconds" -> seconds = positive(name, v);
        case "--warmup" -> warmup = v.equals("0") ? 0 : positive(name, v);
        case "--releases" -> releases = positive(name, v);
        case "--server-heap" -> heap = v;
        case "--server-flag" -> flags.add(v);
        case "--apps-per-user" -> perUser = positive(name, v);
        case "--connect-concurrency" -> connect = positive(name, v);
        case "--results" -> results = Path.of(v);
        case "--work" -> work = Path.of(v);
        default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
      }
    }
    return new Options(
        pgets,
        rate,
        Duration.ofSeconds(seconds),
        Duration.ofSeconds(warmup),
        releases,
        heap,
        List.copyOf(flags),
        perUser,
        connect,
        results,
        work);
  }

  /** The server's -Xmx: {@code --server-heap}, else the last one in the flags, else 512m. */
  String effectiveHeap() {
    if (serverHeap != null) {
      return serverHeap;
    }
    String heap = "512m";
    for (String f : serverFlags) {
      if (f.startsWith("-Xmx")) {
        heap = f.substring("-Xmx".length());
      }
    }
    return heap;
  }

  int users() {
    return (pgets + appsPerUser - 1) / appsPerUser;
  }

  private static int positive(String name, String v) {
    try {
      int n = Integer.parseInt(v);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " needs a positive whole number, not " + v);
  }
}
