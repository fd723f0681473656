package org.openucwa.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The options of the invitation benchmark, parsed from the command line. */
record InvitationOptions(
    int pairs,
    boolean accept,
    Duration seconds,
    Duration warmup,
    double settle,
    Duration warmupMax,
    String load,
    int rate,
    boolean longRun,
    Duration slice,
    List<String> serverFlags,
    boolean cluster,
    boolean withoutRecords,
    Optional<String> databaseUrl,
    Path results,
    Path work) {

  static final String USAGE =
      """
      usage: bench/run invitations [--pairs P] [--mode accept|decline] [--seconds S] [--warmup S]
                                   [--settle PERCENT] [--warmup-max S]
                                   [--load closed|open|both] [--rate FLOWS_PER_S] [--long]
                                   [--cluster] [--database-url JDBC_URL] [--without-records]
                                   [--server-flag FLAG]... [--results DIR] [--work DIR]
        --pairs        inviter/invitee pairs, each running one flow at a time    (default 200)
        --mode         the invitee accepts and leaves, or declines            (default accept)
        --seconds      length of each measured phase                            (default 20)
        --warmup       seconds of closed loop before, not measured             (default 120)
        --settle       then warm up 10 s more at a time while the servers' JIT compilers
                       take this share of their CPU or more (0: no more)       (default 3)
        --warmup-max   the longest warm-up in all, settling included          (default 300)
        --load         closed loop (the most flows/s), open loop at --rate, or both
                                                                               (default both)
        --rate         flows/s offered in the open loop, spread over the pairs (default 1000)
        --long         10 minutes of closed loop, rate and live heap every minute
        --cluster      the same phases twice: all pairs on one node, then every pair split
                       over two nodes of a cluster (inviter on the first, invitee on the
                       second); both on a shared database, and the cost of crossing compared
        --database-url the servers' database (default: the embedded store; with --cluster,
                       a private PostgreSQL started from .ci/start-postgres)
        --without-records  keep no invitation record and no conversation history (the
                       flow without the store's writes, to measure what they cost)
        --server-flag  one more server JVM flag (repeatable); bin/run passes the launcher's
        --results      where the report goes                          (default bench/results)
        --work         where logs and histograms go                (default bench/target/run)
      """;

  /** The command that runs this benchmark with these options, for its report. */
  String command() {
    return "bench/run invitations"
        + (cluster ? " --cluster" : "")
        + (withoutRecords ? " --without-records" : "")
        + " --pairs "
        + pairs
        + " --mode "
        + mode()
        + (longRun
            ? " --long"
            : " --seconds "
                + seconds.toSeconds()
                + " --load "
                + load
                + (open() ? " --rate " + rate : ""))
        + " --warmup "
        + warmup.toSeconds()
        + " --settle "
        + settleText()
        + " --warmup-max "
        + warmupMax.toSeconds();
  }

  /** {@code --settle} as given: 3, not 3.0. */
  String settleText() {
    return settle == Math.rint(settle) ? Long.toString((long) settle) : Double.toString(settle);
  }

  static InvitationOptions parse(String[] args) {
    int pairs = 200;
    boolean accept = true;
    Duration seconds = Duration.ofSeconds(20);
    Duration warmup = Duration.ofSeconds(120);
    double settle = 3;
    Duration warmupMax = Duration.ofSeconds(300);
    String load = "both";
    int rate = 1000;
    boolean longRun = false;
    List<String> flags = new ArrayList<>();
    boolean cluster = false;
    boolean withoutRecords = false;
    Optional<String> database = Optional.empty();
    Path results = Path.of("bench/results");
    Path work = Path.of("bench/target/run");
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (name.equals("--help") || name.equals("-h")) {
        throw new IllegalArgumentException(USAGE);
      }
      if (name.equals("--long")) {
        longRun = true;
        continue;
      }
      if (name.equals("--cluster")) {
        cluster = true;
        continue;
      }
      if (name.equals("--without-records")) {
        withoutRecords = true;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(name + " needs a value\n" + USAGE);
      }
      String v = args[++i];
      switch (name) {
        case "--pairs" -> pairs = positive(name, v);
        case "--mode" -> {
          if (!v.equals("accept") && !v.equals("decline")) {
            throw new IllegalArgumentException("--mode is accept or decline\n" + USAGE);
          }
          accept = v.equals("accept");
        }
        case "--seconds" -> seconds = Duration.ofSeconds(positive(name, v));
        case "--warmup" -> warmup = Duration.ofSeconds(Integer.parseInt(v));
        case "--settle" -> settle = percent(name, v);
        case "--warmup-max" -> warmupMax = Duration.ofSeconds(positive(name, v));
        case "--load" -> {
          if (!List.of("closed", "open", "both").contains(v)) {
            throw new IllegalArgumentException("--load is closed, open or both\n" + USAGE);
          }
          load = v;
        }
        case "--rate" -> rate = positive(name, v);
        case "--server-flag" -> flags.add(v);
        case "--database-url" -> database = Optional.of(v);
        case "--results" -> results = Path.of(v);
        case "--work" -> work = Path.of(v);
        default -> throw new IllegalArgumentException("unknown option " + name + "\n" + USAGE);
      }
    }
    if (longRun) {
      seconds = Duration.ofMinutes(10);
      load = "closed";
    }
    Duration slice = longRun ? Duration.ofMinutes(1) : seconds;
    return new InvitationOptions(
        pairs,
        accept,
        seconds,
        warmup,
        settle,
        warmupMax,
        load,
        rate,
        longRun,
        slice,
        flags,
        cluster,
        withoutRecords,
        database,
        results,
        work);
  }

  boolean closed() {
    return !load.equals("open");
  }

  boolean open() {
    return !load.equals("closed");
  }

  String mode() {
    return accept ? "accept" : "decline";
  }

  private static int positive(String name, String v) {
    int n;
    try {
      n = Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " takes a number\n" + USAGE);
    }
    if (n < 1) {
      throw new IllegalArgumentException(name + " must be at least 1\n" + USAGE);
    }
    return n;
  }

  private static double percent(String name, String v) {
    double p;
    try {
      p = Double.parseDouble(v);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " takes a number\n" + USAGE);
    }
    if (!(p >= 0 && p <= 100)) {
      throw new IllegalArgumentException(name + " is a percentage, 0 to 100\n" + USAGE);
    }
    return p;
  }
}
