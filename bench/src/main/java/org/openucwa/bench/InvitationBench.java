package org.openucwa.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /** The figures of one measured phase. */
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
      double driverCpuSeconds,
      long exchanges,
      long allocatedBytes,
      Map<String, String> heapAfter,
      double fromUptime,
      double toUptime) {

    double flowsPerSecond() {
      return flows / seconds;
    }

    double cpuPerThousand() {
      return flows == 0 ? Double.NaN : serverCpuSeconds * 1000 / flows;
    }
  }

  private final InvitationOptions options;
  private final AtomicLong exchanges = new AtomicLong();
  private final List<Phase> phases = new ArrayList<>();
  private final List<InvitationPair> pairs = new ArrayList<>();
  private final AtomicLong pairsLost = new AtomicLong();
  private Map<String, String> baselineHeap = Map.of();
  private Optional<String> aborted = Optional.empty();
  private Duration setup = Duration.ZERO;

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
    Path gcLog = options.work().resolve("invitations-server-gc.log");
    Path serverLog = options.work().resolve("invitations-server.log");
    List<String> flags = new ArrayList<>(options.serverFlags());
    flags.add("-XX:+ExitOnOutOfMemoryError");
    flags.add("-Xlog:gc*:file=" + gcLog + ":uptime,timemillis,level,tags:filecount=0");
    ServerProcess server = null;
    GcLog.Log gc = GcLog.Log.empty();
    try {
      say("starting the server: " + String.join(" ", flags));
      server =
          ServerProcess.start(
              flags,
              List.of("--users", Integer.toString(2 * options.pairs()), "--defaults"),
              serverLog,
              COMMAND);
      ServerProcess s = server;
      Thread stopper = new Thread(s::close);
      Runtime.getRuntime().addShutdownHook(stopper);
      try {
        measure(server);
        server.command("stop", COMMAND);
      } finally {
        Runtime.getRuntime().removeShutdownHook(stopper);
        pairs.forEach(InvitationPair::close);
      }
    } catch (IOException | RuntimeException | InterruptedException e) {
      aborted = Optional.of(e.getMessage() == null ? e.toString() : e.getMessage());
      say("aborted: " + aborted.get());
    } finally {
      if (server != null) {
        server.close();
      }
      gc = GcLog.read(gcLog);
    }
    return InvitationReport.write(
        new InvitationReport.Results(
            options,
            flags,
            ManagementFactory.getRuntimeMXBean().getInputArguments(),
            Machine.describe(),
            Machine.loadAverage(),
            setup,
            baselineHeap,
            List.copyOf(phases),
            pairsLost.get(),
            gc,
            aborted),
        options.results());
  }

  private void measure(ServerProcess server) throws IOException, InterruptedException {
    InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
    say("signing in " + 2 * options.pairs() + " users, one application and one P-GET each");
    long t = System.nanoTime();
    openPairs(address);
    setup = Duration.ofNanos(System.nanoTime() - t);
    baselineHeap = server.command("heap", COMMAND);
    say("baseline heap after GC: " + mb(baselineHeap.get("used")));
    if (!options.warmup().isZero()) {
      say("warming up: closed loop for " + options.warmup().toSeconds() + " s, not measured");
      closedLoop(options.warmup());
    }
    if (options.closed()) {
      long slices = Math.max(1, options.seconds().toSeconds() / options.slice().toSeconds());
      for (int i = 0; i < slices; i++) {
        String name = options.longRun() ? "closed loop, minute " + (i + 1) : "closed loop";
        phases.add(phase(server, name, () -> closedLoop(options.slice())));
      }
    }
    if (options.open()) {
      phases.add(
          phase(
              server,
              "open loop at " + options.rate() + " flows/s",
              () -> openLoop(options.rate(), options.seconds())));
    }
  }

  private void openPairs(InetSocketAddress address) throws IOException, InterruptedException {
    String userPath;
    String tokenPath;
    try (HttpConnection c = HttpConnection.open(address, COMMAND)) {
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
      FlowClient inviter = client(address, 2 * p, userPath, tokenPath);
      FlowClient invitee = client(address, 2 * p + 1, userPath, tokenPath);
      InvitationPair pair = new InvitationPair(inviter, invitee, options.accept());
      pairs.add(pair);
      pair.openMeeting();
    }
  }

  private FlowClient client(InetSocketAddress address, int user, String userPath, String tokenPath)
      throws IOException {
    String name = BenchDirectory.username(user);
    FlowClient c = new FlowClient(address, "sip:" + name, exchanges);
    c.start(userPath, tokenPath, name, BenchDirectory.PASSWORD);
    return c;
  }

  @FunctionalInterface
  private interface Load {
    Latencies[] run() throws InterruptedException;
  }

  /** Runs a load and takes every figure around it. */
  private Phase phase(ServerProcess server, String name, Load load)
      throws IOException, InterruptedException {
    say(name + ": " + options.pairs() + " pairs, " + options.mode());
    Map<String, String> stats0 = server.command("stats", COMMAND);
    long cpu0 = ProcessCpu.ticks(server.pid());
    long driver0 = Machine.processCpuNanos();
    long exchanges0 = exchanges.get();
    errors.set(0);
    notStarted.set(0);
    firstError.set(null);
    long start = System.nanoTime();
    Latencies[] l = load.run();
    double seconds = (System.nanoTime() - start) / 1e9;
    long cpu1 = ProcessCpu.ticks(server.pid());
    long driver1 = Machine.processCpuNanos();
    long exchanges1 = exchanges.get();
    Map<String, String> stats1 = server.command("stats", COMMAND);
    Map<String, String> heap = server.command("heap", COMMAND);
    Latencies.Summary invitee = l[0].summary();
    Latencies.Summary completion = l[1].summary();
    double from = Results.number(stats0, "uptimeMillis") / 1000.0;
    double to = Results.number(stats1, "uptimeMillis") / 1000.0;
    Phase p =
        new Phase(
            name,
            seconds,
            completion.count(),
            errors.get(),
            notStarted.get(),
            Optional.ofNullable(firstError.get()),
            invitee,
            completion,
            ProcessCpu.seconds(cpu1 - cpu0),
            (driver1 - driver0) / 1e9,
            exchanges1 - exchanges0,
            Results.number(stats1, "allocated") - Results.number(stats0, "allocated"),
            heap,
            from,
            to);
    say(
        String.format(
            "%s: %d flows, %.0f flows/s, %.2f server CPU-s per 1,000 flows, p99 to completion"
                + " %.1f ms, %d errors; live heap %s",
            name,
            p.flows(),
            p.flowsPerSecond(),
            p.cpuPerThousand(),
            completion.p99() / 1000.0,
            p.errors(),
            mb(heap.get("used"))));
    return p;
  }

  private final AtomicLong errors = new AtomicLong();
  private final AtomicLong notStarted = new AtomicLong();
  private final AtomicReference<String> firstError = new AtomicReference<>();

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
   * next flow late, and the latency counts from when it was due. Flows still waiting to start when
   * the time is up are not started, and counted.
   */
  private Latencies[] openLoop(int rate, Duration length) throws InterruptedException {
    Latencies invitee = new Latencies(CAPACITY, 0);
    Latencies completion = new Latencies(CAPACITY, 0);
    long start = System.nanoTime();
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
    long startMicros = Micros.now();
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
      InvitationPair pair, long dueMicros, long endNanos, Latencies invitee, Latencies completion) {
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

  private static String mb(String bytes) {
    return bytes == null ? "?" : String.format("%.1f MB", Long.parseLong(bytes) / 1048576.0);
  }

  private static void say(String line) {
    System.out.println("[bench] " + line);
  }
}
