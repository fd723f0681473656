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
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The benchmark: starts the server JVM, signs users in and creates the applications over HTTP, then
 * runs three phases against the event channels and writes a report under the results directory.
 *
 * <ol>
 *   <li>warming (unless {@code --warmup 0}): P-GET cycles on applications of one more user, deleted
 *       before the baseline
 *   <li>hold: one P-GET pending per application; the server's live heap before and while they are
 *       held gives the memory per held P-GET
 *   <li>release: one event to every application; the time until the last response arrives; again
 *       ({@code --releases}) once every client polls again
 *   <li>steady: events at a fixed rate to applications drawn at random, every client re-polling at
 *       once; after a warm-up at the same rate, the latency from publishing to arrival of every
 *       event
 * </ol>
 *
 * <p>Every wait has a time bound; the server child is stopped at the end, on failure, and on
 * interrupt.
 */
public final class Driver {

  private static final Duration POLL_TIMEOUT = Duration.ofSeconds(600);
  private static final Duration COMMAND = Duration.ofSeconds(60);
  private static final int WARM_APPLICATIONS = 100;

  private final Options options;
  private final Results results = new Results();
  private final AtomicInteger unexpected = new AtomicInteger();
  private volatile Latencies phase;

  private Driver(Options options) {
    this.options = options;
    results.options = options;
  }

  public static void main(String[] args) throws Exception {
    Options options;
    try {
      options = Options.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Report.Written report;
    try {
      report = new Driver(options).run();
    } catch (IllegalStateException e) {
      System.err.println("bench: " + e.getMessage());
      System.exit(2);
      return;
    }
    System.out.println("Report: " + report.file() + (report.passed() ? "" : " (not all PASS)"));
    System.exit(report.passed() ? 0 : 1);
  }

  private Report.Written run() throws IOException {
    Files.createDirectories(options.work());
    Path gcLog = options.work().resolve("server-gc.log");
    Path serverLog = options.work().resolve("server.log");
    // the launcher's options (bench/run passes them), with --server-heap over their -Xmx
    List<String> flags = new ArrayList<>();
    options.serverFlags().stream().filter(f -> !f.startsWith("-Xmx")).forEach(flags::add);
    flags.add("-Xmx" + options.effectiveHeap());
    flags.add("-XX:+ExitOnOutOfMemoryError");
    flags.add("-Xlog:gc*:file=" + gcLog + ":uptime,timemillis,level,tags:filecount=0");
    results.serverFlags = List.copyOf(flags);
    results.driverFlags = ManagementFactory.getRuntimeMXBean().getInputArguments();
    results.machine = Machine.describe();
    long files = Machine.openFilesLimit();
    if (files < options.pgets() + 500L) {
      throw new IllegalStateException(
          "the open-file limit is "
              + files
              + ", too low to hold "
              + options.pgets()
              + " P-GETs (each is a socket in the driver and in the server);"
              + " raise it with ulimit -n, as bench/run does");
    }
    ServerProcess server = null;
    try {
      say("starting the server: " + String.join(" ", results.serverFlags));
      server =
          ServerProcess.start(
              results.serverFlags,
              List.of(
                  "--users",
                  Integer.toString(options.users() + 1),
                  "--apps-per-user",
                  Integer.toString(options.appsPerUser())),
              serverLog,
              COMMAND);
      ServerProcess s = server;
      Thread stopper = new Thread(s::close);
      Runtime.getRuntime().addShutdownHook(stopper);
      try {
        phases(server);
      } finally {
        Runtime.getRuntime().removeShutdownHook(stopper);
      }
    } catch (IOException | RuntimeException | InterruptedException e) {
      results.aborted = Optional.of(e.getMessage() == null ? e.toString() : e.getMessage());
      say("aborted: " + results.aborted.get());
    } finally {
      if (server != null) {
        results.outOfMemory = server.ranOutOfMemory() || logMentionsOom(serverLog);
        server.close();
      }
      results.gcLog = GcLog.read(gcLog);
      results.machine.put("load average at end", Machine.loadAverage());
    }
    return Report.write(results, options.results());
  }

  private void phases(ServerProcess server) throws IOException, InterruptedException {
    InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
    int n = options.pgets();

    say("signing in " + options.users() + " users and creating " + n + " applications");
    long t = System.nanoTime();
    List<Setup.App> apps = new Setup(address).createApplications(n, options.appsPerUser(), 8);
    results.setup = Optional.of(Duration.ofNanos(System.nanoTime() - t));
    results.applications = apps.size();
    if (!options.warmup().isZero()) {
      warmServer(address, server);
    }
    results.baselineHeap = server.command("heap", COMMAND);
    server.command("histogram " + histogram("baseline"), COMMAND);
    results.stats.put("setup", server.command("stats", COMMAND));
    say("baseline heap after GC: " + mb(results.baselineHeap.get("used")));

    try (EventPoller poller =
        new EventPoller(
            address, apps, POLL_TIMEOUT, options.connectConcurrency(), this::delivered)) {
      say("opening " + n + " P-GETs");
      t = System.nanoTime();
      poller.start();
      results.heldPending = awaitPending(server, poller, n, Duration.ofSeconds(300));
      results.open = Optional.of(Duration.ofNanos(System.nanoTime() - t));
      results.heldHeap = server.command("heap", COMMAND);
      server.command("histogram " + histogram("held"), COMMAND);
      results.stats.put("hold", server.command("stats", COMMAND));
      say(
          "holding "
              + results.heldPending
              + " P-GETs; heap after GC: "
              + mb(results.heldHeap.get("used"))
              + ", "
              + results.heldBytesPerPget()
              + " bytes per held P-GET");
      check(
          results.heldPending == n,
          "the server held "
              + results.heldPending
              + " of "
              + n
              + " P-GETs"
              + poller.firstFailure().map(f -> "; first failure: " + f).orElse(""));

      try {
        release(server, poller, n);
        if (!options.warmup().isZero()) {
          warmUp(server, poller);
        }
        steady(server, poller);
      } finally {
        results.pollFailures = poller.failures();
        results.firstPollFailure = poller.firstFailure();
      }
    } finally {
      phase = null;
      results.unexpectedEvents = unexpected.get();
    }
    server.command("stop", COMMAND);
  }

  /**
   * Releases every held P-GET {@code --releases} times, each time one event to every application
   * and every client polling again; measures the heap once, after the first.
   */
  private void release(ServerProcess server, EventPoller poller, int n)
      throws IOException, InterruptedException {
    for (int round = 1; round <= options.releases(); round++) {
      say("releasing all " + n + " P-GETs" + (round > 1 ? " (" + round + ")" : ""));
      Results.Release r = releaseOnce(server, poller, n);
      results.releases.add(r);
      say(
          "released all in "
              + r.micros() / 1000
              + " ms; CPU: server "
              + r.serverCpu().toMillis()
              + " ms, driver "
              + r.driverCpu().toMillis()
              + " ms");
      check(
          awaitPending(server, poller, n, Duration.ofSeconds(120)) == n,
          "the clients did not all poll again after the release");
      if (round == 1) {
        results.reheldHeap = server.command("heap", COMMAND);
        server.command("histogram " + histogram("reheld"), COMMAND);
        Map<String, Long> before = Histogram.read(histogram("baseline"));
        Map<String, Long> after = Histogram.read(histogram("reheld"));
        results.perPgetGrowth = Histogram.growth(before, after, 5);
        results.histogramGrowth = Histogram.totalGrowth(before, after);
        say("holding " + n + " P-GETs again; heap after GC: " + mb(results.reheldHeap.get("used")));
      }
    }
    results.stats.put("release", server.command("stats", COMMAND));
  }

  private Results.Release releaseOnce(ServerProcess server, EventPoller poller, int n)
      throws IOException, InterruptedException {
    Latencies release = new Latencies(2 * n, n);
    Optional<Duration> serverCpu0 = server.cpu();
    Map<String, Double> threads0 = ThreadCpu.of(server.pid());
    long driverCpu0 = Machine.processCpuNanos();
    phase = release;
    long start = Micros.now();
    Map<String, String> r = server.command("release", COMMAND);
    boolean all = release.awaitExpected(Duration.ofSeconds(120));
    phase = null;
    Duration driverCpu = Duration.ofNanos(Machine.processCpuNanos() - driverCpu0);
    Duration serverCpu =
        serverCpu0.flatMap(c0 -> server.cpu().map(c1 -> c1.minus(c0))).orElse(Duration.ZERO);
    Map<String, Double> threads = ThreadCpu.minus(ThreadCpu.of(server.pid()), threads0);
    check(
        all,
        "only "
            + release.count()
            + " of "
            + n
            + " released P-GETs arrived in 120 s"
            + poller.firstFailure().map(f -> "; first failure: " + f).orElse(""));
    return new Results.Release(
        release.lastArrivalMicros() - start,
        Results.number(r, "publishMicros"),
        release.summary(),
        serverCpu,
        driverCpu,
        threads);
  }

  /**
   * Before anything is measured: P-GET cycles at the steady rate on the applications of one more
   * user, which are then deleted, so that the server has compiled the path of a P-GET answered
   * after it waited, as a server that has run for a while has. Without it the P-GETs held next wait
   * in code compiled before any P-GET was answered, and releasing them deoptimizes each one's
   * frames in turn (about 40,000 deoptimizations for 10,000 P-GETs, most of the release's time).
   */
  private void warmServer(InetSocketAddress address, ServerProcess server)
      throws IOException, InterruptedException {
    int user = options.users();
    int count = Math.min(options.appsPerUser(), WARM_APPLICATIONS);
    long seconds = options.warmup().toSeconds();
    say(
        "warming the server: "
            + options.rate()
            + " events/s for "
            + seconds
            + " s to "
            + count
            + " applications of one more user, deleted after");
    Setup setup = new Setup(address);
    List<Setup.App> apps = setup.createForUser(user, count);
    try (EventPoller poller =
        new EventPoller(
            address, apps, POLL_TIMEOUT, options.connectConcurrency(), this::delivered)) {
      poller.start();
      check(
          awaitPending(server, poller, count, Duration.ofSeconds(60)) == count,
          "the warming applications did not all poll"
              + poller.firstFailure().map(f -> "; first failure: " + f).orElse(""));
      publishUnmeasured(
          server,
          poller,
          "rate " + options.rate() + " " + seconds + " sip:" + BenchDirectory.username(user),
          "events of the server's warm-up");
    }
    setup.delete(apps);
  }

  /**
   * The steady rate for a few seconds, not measured: lets the JIT compile the paths of a P-GET
   * cycle under load before the measured window, as it would have in a server that has run for a
   * while.
   */
  private void warmUp(ServerProcess server, EventPoller poller)
      throws IOException, InterruptedException {
    say(
        "warming up: "
            + options.rate()
            + " events/s for "
            + options.warmup().toSeconds()
            + " s, not measured");
    publishUnmeasured(
        server,
        poller,
        "rate " + options.rate() + " " + options.warmup().toSeconds(),
        "warm-up events");
    results.stats.put("warm-up", server.command("stats", COMMAND));
  }

  /**
   * Has the server publish at the steady rate for the warm-up's length ({@code rateCommand}) and
   * waits until every event arrived, none of them measured.
   */
  private void publishUnmeasured(
      ServerProcess server, EventPoller poller, String rateCommand, String what)
      throws IOException, InterruptedException {
    long planned = options.rate() * options.warmup().toSeconds();
    Latencies warm = new Latencies(1, planned);
    boolean all;
    phase = warm;
    try {
      Map<String, String> r = server.command(rateCommand, options.warmup().plusSeconds(60));
      warm.forgive(planned - Results.number(r, "published"));
      all = warm.awaitExpected(Duration.ofSeconds(30));
    } finally {
      phase = null;
    }
    check(
        all,
        "only "
            + warm.count()
            + " of "
            + planned
            + " "
            + what
            + " arrived"
            + poller.firstFailure().map(f -> "; first failure: " + f).orElse(""));
  }

  private void steady(ServerProcess server, EventPoller poller)
      throws IOException, InterruptedException {
    int rate = options.rate();
    long seconds = options.steady().toSeconds();
    long planned = rate * seconds;
    say("publishing " + rate + " events/s for " + seconds + " s");
    Latencies steady = new Latencies((int) Math.min(Integer.MAX_VALUE - 8, planned * 2), planned);
    Optional<Duration> serverCpu0 = server.cpu();
    Map<String, Double> processes0 = Machine.processCpu();
    Map<String, Double> threads0 = ThreadCpu.of(server.pid());
    long driverCpu0 = Machine.processCpuNanos();
    phase = steady;
    Map<String, String> r =
        server.command("rate " + rate + " " + seconds, options.steady().plusSeconds(60));
    long published = Results.number(r, "published");
    steady.forgive(planned - published);
    boolean all = steady.awaitExpected(Duration.ofSeconds(30));
    phase = null;
    results.serverCpu = serverCpu0.flatMap(c0 -> server.cpu().map(c1 -> c1.minus(c0)));
    results.driverCpu = Optional.of(Duration.ofNanos(Machine.processCpuNanos() - driverCpu0));
    results.otherCpu =
        processes0.isEmpty()
            ? Optional.empty()
            : Optional.of(
                Machine.otherProcessesCpu(
                    processes0,
                    Machine.processCpu(),
                    Set.of(server.pid(), ProcessHandle.current().pid())));
    results.serverThreadCpu = ThreadCpu.minus(ThreadCpu.of(server.pid()), threads0);
    results.published = Optional.of(published);
    results.steadyElapsedMicros = Results.number(r, "elapsedMicros");
    results.maxPublishLagMicros = Results.number(r, "maxLagMicros");
    results.steadyLatency = Optional.of(steady.summary());
    steady.writeCsv(options.work().resolve("steady-latencies.csv"));
    results.stats.put("steady", server.command("stats", COMMAND));
    say(
        "delivered "
            + steady.count()
            + " of "
            + published
            + " events; p99 "
            + steady.summary().p99()
            + " µs");
    check(
        all,
        "only "
            + steady.count()
            + " of "
            + published
            + " events arrived"
            + poller.firstFailure().map(f -> "; first failure: " + f).orElse(""));
  }

  private void delivered(long receivedAtMicros, long[] sentAtMicros) {
    Latencies l = phase;
    for (long sent : sentAtMicros) {
      if (l == null) {
        unexpected.incrementAndGet();
      } else {
        l.record(sent, receivedAtMicros);
        l.arrived(receivedAtMicros);
      }
    }
  }

  /**
   * Asks the server every 200 ms how many P-GETs it holds until it holds {@code n}, a poller fails,
   * or the time is up; returns the last count. The server has no signal for this, and asking is
   * cheap.
   */
  private static int awaitPending(ServerProcess server, EventPoller poller, int n, Duration timeout)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    int pending = 0;
    while (System.nanoTime() < deadline && poller.failures() == 0) {
      pending = (int) Results.number(server.command("count", COMMAND), "pending");
      if (pending >= n) {
        break;
      }
      Thread.sleep(200);
    }
    return pending;
  }

  private Path histogram(String name) {
    return options.work().toAbsolutePath().resolve(name + "-histogram.txt");
  }

  private static void check(boolean ok, String failure) throws IOException {
    if (!ok) {
      throw new IOException(failure);
    }
  }

  private static boolean logMentionsOom(Path log) {
    try {
      return Files.readString(log).contains("OutOfMemoryError");
    } catch (IOException e) {
      return false;
    }
  }

  private static String mb(String bytes) {
    return bytes == null ? "?" : String.format("%.1f MB", Long.parseLong(bytes) / 1048576.0);
  }

  private static void say(String line) {
    System.out.println("[bench] " + line);
  }
}
