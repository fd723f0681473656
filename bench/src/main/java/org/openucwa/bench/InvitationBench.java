package org.openucwa.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The invitation-flow benchmark: starts the server JVM as the launcher does (its default
 * configuration, the launcher's JVM options), signs in P pairs of users over HTTP, each user with
 * one application holding a P-GET, and has every pair repeat the flow of {@link InvitationPair}.
 * Closed loop: each pair starts its next flow as soon as the last ends (the most flows/s). Open
 * loop: flows start at a fixed rate, spread over the pairs, and latency counts from the moment a
 * flow was due. For each phase it measures flows/s, latencies, errors, the server's CPU time per
 * 1,000 flows (from {@code /proc/<pid>/stat}), HTTP exchanges per flow, the driver's CPU, the
 * server's allocation, RSS and live heap after GC, and GC pauses; {@link InvitationReport} writes
 * them against their targets.
 */
public final class InvitationBench {

  private static final Duration COMMAND = Duration.ofSeconds(60);
  private static final int CAPACITY = 500_000;
  private static final Duration SETTLE_SLICE = Duration.ofSeconds(10);

  /** The figures of one measured phase, summed over the server processes of its configuration. */
  record Phase(
      String name,
      double seconds,
      long flows,
      long errors,
      long notStarted,
      Optional<String> firstError,
      Latencies.Summary toInvitee,
      Latencies.Summary toCompletion,
      double serverCpuSeconds,
      double databaseCpuSeconds,
      double driverCpuSeconds,
      long exchanges,
      long allocatedBytes,
      Map<String, String> heapAfter,
      long peakRss,
      List<Window> uptimes,
      Map<String, Double> threadCpu) {

    double flowsPerSecond() {
      return flows / seconds;
    }

    double cpuPerThousand() {
      return flows == 0 ? Double.NaN : serverCpuSeconds * 1000 / flows;
    }

    /** PostgreSQL's CPU-seconds per 1,000 flows, where the benchmark started it; else NaN. */
    double databaseCpuPerThousand() {
      return flows == 0 ? Double.NaN : databaseCpuSeconds * 1000 / flows;
    }
  }

  /**
   * How long a configuration warmed up, and the share of its servers' CPU the JIT compilers took in
   * the last slice of it (NaN when it did not settle by slices).
   */
  record Warmup(Duration length, double jitPercent) {
    static final Warmup NONE = new Warmup(Duration.ZERO, Double.NaN);
  }

  /** The span of a phase in one server's uptime, in seconds (to find its GC log's lines). */
  record Window(double from, double to) {}

  /**
   * What one configuration of servers did: one node, or two nodes of a cluster with every pair
   * split between them.
   */
  record Outcome(
      String name,
      int nodes,
      List<String> serverFlags,
      Duration setup,
      Warmup warmup,
      Map<String, String> baselineHeap,
      List<Histogram.Growth> heapGrowth,
      List<Phase> phases,
      long pairsLost,
      List<GcLog.Log> gc,
      Optional<String> aborted) {}

  private final InvitationOptions options;
  private final AtomicLong exchanges = new AtomicLong();
  private Optional<Postgres> postgres = Optional.empty();

  private InvitationBench(InvitationOptions options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    InvitationOptions options;
    try {
      options = InvitationOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    InvitationReport.Written report = new InvitationBench(options).run();
    System.out.println("Report: " + report.file() + (report.passed() ? "" : " (not all PASS)"));
    System.exit(report.passed() ? 0 : 1);
  }

  private InvitationReport.Written run() throws IOException {
    Files.createDirectories(options.work());
    String loadAtStart = Machine.loadAverage();
    Map<String, String> machine = Machine.describe(); // its load average is the one at the start
    if (!options.cluster()) {
      Outcome o = new Configuration("one node", 1, options.databaseUrl()).run();
      return InvitationReport.write(
          new InvitationReport.Results(
              options,
              o.serverFlags(),
              ManagementFactory.getRuntimeMXBean().getInputArguments(),
              machine,
              Machine.loadAverage(),
              o),
          options.results());
    }
    List<Outcome> outcomes = new ArrayList<>();
    Optional<String> database = options.databaseUrl();
    try {
      if (database.isEmpty()) {
        say("starting PostgreSQL for the nodes to share");
        postgres = Optional.of(Postgres.start(options.work().resolve("postgres")));
      }
      outcomes.add(new Configuration("one node", 1, database("bench_one_node")).run());
      outcomes.add(new Configuration("two nodes", 2, database("bench_two_nodes")).run());
    } catch (IOException | SQLException | RuntimeException | InterruptedException e) {
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      say("aborted: " + why);
      outcomes.add(
          new Outcome(
              "set-up",
              0,
              List.of(),
              Duration.ZERO,
              Warmup.NONE,
              Map.of(),
              List.of(),
              List.of(),
              0,
              List.of(),
              Optional.of(why)));
    } finally {
      postgres.ifPresent(Postgres::close);
    }
    return ClusterReport.write(
        new ClusterReport.Results(
            options,
            ManagementFactory.getRuntimeMXBean().getInputArguments(),
            machine,
            loadAtStart,
            Machine.loadAverage(),
            postgres.isPresent(),
            outcomes),
        options.results());
  }

  /** The database of one configuration: the one given, or a fresh one on the started server. */
  private Optional<String> database(String name) throws SQLException {
    if (postgres.isPresent()) {
      return Optional.of(postgres.get().freshDatabase(name));
    }
    return options.databaseUrl();
  }

  /**
   * One configuration's run: its server processes started, the pairs signed in (in a cluster the
   * inviter of every pair homed on the first node, the invitee on the second), the phases measured,
   * the servers stopped.
   */
  private final class Configuration {

    private final String name;
    private final int nodes;
    private final Optional<String> database;
    private final List<ServerProcess> servers = new ArrayList<>();
    private final List<Phase> phases = new ArrayList<>();
    private final List<InvitationPair> pairs = new ArrayList<>();
    private final AtomicLong pairsLost = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong notStarted = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private Map<String, String> baselineHeap = Map.of();
    private List<Histogram.Growth> heapGrowth = List.of();
    private Duration setup = Duration.ZERO;
    private Warmup warmup = Warmup.NONE;

    Configuration(String name, int nodes, Optional<String> database) {
      this.name = name;
      this.nodes = nodes;
      this.database = database;
    }

    Outcome run() {
      List<Path> gcLogs = new ArrayList<>();
      List<String> firstFlags = List.of();
      Optional<String> aborted = Optional.empty();
      List<GcLog.Log> gc = new ArrayList<>();
      Thread stopper = new Thread(() -> servers.forEach(ServerProcess::close));
      Runtime.getRuntime().addShutdownHook(stopper);
      try {
        for (int i = 0; i < nodes; i++) {
          String node = nodes == 1 ? "server" : "node-" + (char) ('a' + i);
          Path gcLog = options.work().resolve("invitations-" + node + "-gc.log");
          gcLogs.add(gcLog);
          List<String> flags = new ArrayList<>(options.serverFlags());
          flags.add("-XX:+ExitOnOutOfMemoryError");
          flags.add("-Xlog:gc*:file=" + gcLog + ":uptime,timemillis,level,tags:filecount=0");
          if (i == 0) {
            firstFlags = List.copyOf(flags);
          }
          List<String> args =
              new ArrayList<>(
                  List.of("--users", Integer.toString(2 * options.pairs()), "--defaults"));
          database.ifPresent(d -> args.addAll(List.of("--database-url", d)));
          if (options.withoutRecords()) {
            args.add("--without-records");
          }
          if (nodes > 1) {
            args.add("--cluster-members");
            args.add(i == 0 ? "" : servers.get(0).started("member").orElseThrow());
          }
          say(name + ": starting the " + node + ": " + String.join(" ", flags));
          servers.add(
              ServerProcess.start(
                  flags, args, options.work().resolve("invitations-" + node + ".log"), COMMAND));
        }
        if (nodes > 1) {
          awaitCluster();
          String inviters = servers.get(0).started("url").orElseThrow();
          String invitees = servers.get(1).started("url").orElseThrow();
          say(name + ": inviters homed on " + inviters + ", invitees on " + invitees);
          for (ServerProcess s : servers) {
            s.command("pin " + inviters + " " + invitees, COMMAND);
          }
        }
        measure();
        for (ServerProcess s : servers) {
          s.command("stop", COMMAND);
        }
      } catch (IOException | RuntimeException | InterruptedException e) {
        aborted = Optional.of(e.getMessage() == null ? e.toString() : e.getMessage());
        say(name + ": aborted: " + aborted.get());
      } finally {
        Runtime.getRuntime().removeShutdownHook(stopper);
        pairs.forEach(InvitationPair::close);
        servers.forEach(ServerProcess::close);
        gcLogs.forEach(l -> gc.add(GcLog.read(l)));
      }
      return new Outcome(
          name,
          nodes,
          firstFlags,
          setup,
          warmup,
          baselineHeap,
          heapGrowth,
          List.copyOf(phases),
          pairsLost.get(),
          List.copyOf(gc),
          aborted);
    }

    /** Waits until the nodes see each other and no partition is migrating. */
    private void awaitCluster() throws IOException, InterruptedException {
      long deadline = System.nanoTime() + COMMAND.toNanos();
      while (true) {
        boolean settled = true;
        for (ServerProcess s : servers) {
          Map<String, String> c = s.command("cluster", COMMAND);
          settled &=
              Integer.parseInt(c.get("size")) == nodes && Boolean.parseBoolean(c.get("settled"));
        }
        if (settled) {
          return;
        }
        if (System.nanoTime() > deadline) {
          throw new IOException("the cluster's nodes did not find each other within " + COMMAND);
        }
        Thread.sleep(100);
      }
    }

    private void measure() throws IOException, InterruptedException {
      InetSocketAddress inviters = new InetSocketAddress("127.0.0.1", servers.get(0).port());
      InetSocketAddress invitees =
          new InetSocketAddress("127.0.0.1", servers.get(nodes - 1).port());
      say(
          name
              + ": signing in "
              + 2 * options.pairs()
              + " users, one application and one P-GET each");
      long t = System.nanoTime();
      openPairs(inviters, invitees);
      setup = Duration.ofNanos(System.nanoTime() - t);
      baselineHeap = summed("heap");
      Path baselineHistogram = histogram("baseline");
      say(name + ": baseline heap after GC: " + mb(baselineHeap.get("used")));
      if (!options.warmup().isZero()) {
        say(
            name
                + ": warming up: closed loop for "
                + options.warmup().toSeconds()
                + " s, not measured");
        closedLoop(options.warmup());
        warmup = new Warmup(options.warmup(), Double.NaN);
        if (options.settle() > 0) {
          settle();
        }
      }
      if (options.closed()) {
        long slices = Math.max(1, options.seconds().toSeconds() / options.slice().toSeconds());
        for (int i = 0; i < slices; i++) {
          String phase = options.longRun() ? "closed loop, minute " + (i + 1) : "closed loop";
          phases.add(phase(phase, () -> closedLoop(options.slice())));
        }
      }
      if (options.open()) {
        phases.add(
            phase(
                "open loop at " + options.rate() + " flows/s",
                () -> openLoop(options.rate(), options.seconds())));
      }
      heapGrowth =
          Histogram.growth(Histogram.read(baselineHistogram), Histogram.read(histogram("end")), 8);
    }

    /** Writes the first node's live objects by class to a file of the work folder; returns it. */
    private Path histogram(String when) throws IOException, InterruptedException {
      Path file = options.work().toAbsolutePath().resolve("invitations-" + when + "-histogram.txt");
      servers.get(0).command("histogram " + file, COMMAND);
      return file;
    }

    /**
     * Warms up 10 s more at a time while the JIT compilers take {@code --settle} percent or more of
     * the servers' CPU: on a small machine they compile for minutes, and a phase measured before
     * they are done measures the compiling as much as the flows.
     */
    private void settle() throws IOException, InterruptedException {
      while (warmup.length().compareTo(options.warmupMax()) < 0) {
        Map<String, Double> before = threadCpu();
        closedLoop(SETTLE_SLICE);
        Map<String, Double> used = ThreadCpu.minus(threadCpu(), before);
        double all = used.values().stream().mapToDouble(Double::doubleValue).sum();
        double jit = all <= 0 ? 0 : 100 * used.getOrDefault("JIT compilers", 0.0) / all;
        warmup = new Warmup(warmup.length().plus(SETTLE_SLICE), jit);
        if (jit < options.settle()) {
          say(
              String.format(
                  "%s: warmed up for %d s; the JIT compilers took %.1f%% of the CPU in the last"
                      + " %d s",
                  name, warmup.length().toSeconds(), jit, SETTLE_SLICE.toSeconds()));
          return;
        }
        say(String.format("%s: the JIT compilers still take %.1f%% of the CPU", name, jit));
      }
      say(name + ": the JIT compilers had not settled at the longest warm-up, --warmup-max");
    }

    /** CPU seconds so far by kind of thread, summed over the servers. */
    private Map<String, Double> threadCpu() {
      Map<String, Double> total = new java.util.TreeMap<>();
      for (ServerProcess s : servers) {
        ThreadCpu.of(s.pid()).forEach((k, v) -> total.merge(k, v, Double::sum));
      }
      return total;
    }

    /** A command's numeric answers summed over the servers ({@code heap}: their total). */
    private Map<String, String> summed(String command) throws IOException, InterruptedException {
      Map<String, String> total = new java.util.HashMap<>();
      for (ServerProcess s : servers) {
        s.command(command, COMMAND)
            .forEach(
                (k, v) -> {
                  try {
                    long n = Long.parseLong(v);
                    total.merge(
                        k, Long.toString(n), (a, b) -> Long.toString(Long.parseLong(a) + n));
                  } catch (NumberFormatException e) {
                    total.putIfAbsent(k, v);
                  }
                });
      }
      return total;
    }

    private void openPairs(InetSocketAddress inviters, InetSocketAddress invitees)
        throws IOException, InterruptedException {
      String userPath;
      String tokenPath;
      try (HttpConnection c = HttpConnection.open(inviters, COMMAND)) {
        userPath =
            FlowClient.path(
                FlowClient.expect(c.get("/", Optional.empty()), 200)
                    .json()
                    .at("/_links/user/href")
                    .asText());
        tokenPath =
            FlowClient.path(
                FlowClient.expect(c.get(userPath, Optional.empty()), 401)
                    .header("www-authenticate")
                    .orElseThrow()
                    .replaceAll(".*href=\"([^\"]+)\".*", "$1"));
      }
      for (int p = 0; p < options.pairs(); p++) {
        FlowClient inviter = client(inviters, 2 * p, userPath, tokenPath);
        FlowClient invitee = client(invitees, 2 * p + 1, userPath, tokenPath);
        InvitationPair pair = new InvitationPair(inviter, invitee, options.accept());
        pairs.add(pair);
        pair.openMeeting();
      }
    }

    private FlowClient client(
        InetSocketAddress address, int user, String userPath, String tokenPath) throws IOException {
      String username = BenchDirectory.username(user);
      FlowClient c = new FlowClient(address, "sip:" + username, exchanges);
      c.start(userPath, tokenPath, username, BenchDirectory.PASSWORD);
      return c;
    }

    @FunctionalInterface
    private interface Load {
      Latencies[] run() throws InterruptedException;
    }

    /** Runs a load and takes every figure around it. */
    private Phase phase(String phase, Load load) throws IOException, InterruptedException {
      say(name + ", " + phase + ": " + options.pairs() + " pairs, " + options.mode());
      List<Map<String, String>> stats0 = new ArrayList<>();
      long cpu0 = 0;
      for (ServerProcess s : servers) {
        stats0.add(s.command("stats", COMMAND));
        cpu0 += ProcessCpu.ticks(s.pid());
      }
      long db0 = postgres.map(Postgres::ticks).orElse(-1L);
      Map<String, Double> threads0 = threadCpu();
      long driver0 = Machine.processCpuNanos();
      long exchanges0 = exchanges.get();
      errors.set(0);
      notStarted.set(0);
      firstError.set(null);
      long start = System.nanoTime();
      Latencies[] l = load.run();
      double seconds = (System.nanoTime() - start) / 1e9;
      long cpu1 = 0;
      for (ServerProcess s : servers) {
        cpu1 += ProcessCpu.ticks(s.pid());
      }
      long db1 = postgres.map(Postgres::ticks).orElse(-1L);
      Map<String, Double> threads = ThreadCpu.minus(threadCpu(), threads0);
      long driver1 = Machine.processCpuNanos();
      long exchanges1 = exchanges.get();
      long allocated = 0;
      long peakRss = -1;
      List<Window> uptimes = new ArrayList<>();
      for (int i = 0; i < servers.size(); i++) {
        Map<String, String> stats1 = servers.get(i).command("stats", COMMAND);
        allocated +=
            Results.number(stats1, "allocated") - Results.number(stats0.get(i), "allocated");
        peakRss = Math.max(peakRss, Results.number(stats1, "peakRss"));
        uptimes.add(
            new Window(
                Results.number(stats0.get(i), "uptimeMillis") / 1000.0,
                Results.number(stats1, "uptimeMillis") / 1000.0));
      }
      Map<String, String> heap = summed("heap");
      Latencies.Summary invitee = l[0].summary();
      Latencies.Summary completion = l[1].summary();
      Phase p =
          new Phase(
              phase,
              seconds,
              completion.count(),
              errors.get(),
              notStarted.get(),
              Optional.ofNullable(firstError.get()),
              invitee,
              completion,
              ProcessCpu.seconds(cpu1 - cpu0),
              db0 < 0 || db1 < 0 ? Double.NaN : ProcessCpu.seconds(db1 - db0),
              (driver1 - driver0) / 1e9,
              exchanges1 - exchanges0,
              allocated,
              heap,
              peakRss,
              List.copyOf(uptimes),
              threads);
      say(
          String.format(
              "%s, %s: %d flows, %.0f flows/s, %.2f server CPU-s per 1,000 flows, p99 to"
                  + " completion %.1f ms, %d errors; live heap %s",
              name,
              phase,
              p.flows(),
              p.flowsPerSecond(),
              p.cpuPerThousand(),
              completion.p99() / 1000.0,
              p.errors(),
              mb(heap.get("used"))));
      return p;
    }

    /** Each pair runs flows back to back until the time is up; flows ending later do not count. */
    private Latencies[] closedLoop(Duration length) throws InterruptedException {
      Latencies invitee = new Latencies(CAPACITY, 0);
      Latencies completion = new Latencies(CAPACITY, 0);
      long end = System.nanoTime() + length.toNanos();
      List<Thread> threads = new ArrayList<>();
      for (InvitationPair pair : pairs) {
        threads.add(
            Thread.ofVirtual()
                .name("pair")
                .start(
                    () -> {
                      while (System.nanoTime() < end && !pair.lost()) {
                        flow(pair, Micros.now(), end, invitee, completion);
                      }
                    }));
      }
      for (Thread t : threads) {
        t.join();
      }
      return new Latencies[] {invitee, completion};
    }

    /**
     * Flows are due at {@code rate} per second, to the pairs in turn; a pair still busy starts its
     * next flow late, and the latency counts from when it was due. Flows still waiting to start
     * when the time is up are not started, and counted.
     */
    private Latencies[] openLoop(int rate, Duration length) throws InterruptedException {
      Latencies invitee = new Latencies(CAPACITY, 0);
      Latencies completion = new Latencies(CAPACITY, 0);
      long start = System.nanoTime();
      // the due times count from here, on the clock the latencies are taken on: starting the
      // pairs' threads below takes time, and flows are handed out from this moment on
      long startMicros = Micros.now();
      long end = start + length.toNanos();
      List<LinkedBlockingQueue<Long>> due = new ArrayList<>();
      List<Thread> threads = new ArrayList<>();
      for (InvitationPair pair : pairs) {
        LinkedBlockingQueue<Long> q = new LinkedBlockingQueue<>();
        due.add(q);
        threads.add(
            Thread.ofVirtual()
                .name("pair")
                .start(
                    () -> {
                      try {
                        while (true) {
                          Long at = q.poll(1, TimeUnit.SECONDS);
                          if (at == null && System.nanoTime() >= end) {
                            return;
                          }
                          if (at != null && at >= 0 && System.nanoTime() >= end) {
                            notStarted.incrementAndGet(); // the server fell behind the rate
                          } else if (at != null && at >= 0 && !pair.lost()) {
                            flow(pair, at, Long.MAX_VALUE, invitee, completion);
                          }
                          if (at != null && at < 0) {
                            return;
                          }
                        }
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                    }));
      }
      long interval = 1_000_000_000L / rate;
      for (long i = 0; ; i++) {
        long at = start + i * interval;
        if (at >= end) {
          break;
        }
        long wait = at - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        due.get((int) (i % due.size())).add(startMicros + i * interval / 1_000);
      }
      due.forEach(q -> q.add(-1L));
      for (Thread t : threads) {
        t.join();
      }
      return new Latencies[] {invitee, completion};
    }

    private void flow(
        InvitationPair pair,
        long dueMicros,
        long endNanos,
        Latencies invitee,
        Latencies completion) {
      try {
        InvitationPair.Flow f = pair.run(dueMicros);
        if (System.nanoTime() <= endNanos) {
          invitee.record(0, f.toInvitee());
          completion.record(0, f.toCompletion());
        }
      } catch (IOException | RuntimeException e) {
        errors.incrementAndGet();
        firstError.compareAndSet(null, e.toString());
        pair.lose();
        pairsLost.incrementAndGet();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static String mb(String bytes) {
    return bytes == null ? "?" : String.format("%.1f MB", Long.parseLong(bytes) / 1048576.0);
  }

  private static void say(String line) {
    System.out.println("[bench] " + line);
  }
}
