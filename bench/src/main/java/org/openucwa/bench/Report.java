package org.openucwa.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes the results of a run as Markdown: the figures against their targets with PASS or FAIL,
 * then the details, the machine and the flags. Saved as {@code event-channel-<date>.md} and copied
 * to {@code event-channel-latest.md}.
 */
final class Report {

  private static final long TARGET_HEAP = 512L << 20;
  private static final long TARGET_P99_MICROS = 5_000;
  private static final long TARGET_RELEASE_10K_MICROS = 300_000;
  private static final long TARGET_RSS_19K = 600L << 20;
  private static final long TARGET_RELEASE_19K_MICROS = 500_000;

  /** Where the report went, and whether the run completed with every target met. */
  record Written(Path file, boolean passed) {}

  private final Results r;
  private final StringBuilder out = new StringBuilder();
  private boolean passed = true;

  private Report(Results r) {
    this.r = r;
  }

  static Written write(Results results, Path dir) throws IOException {
    Files.createDirectories(dir);
    String date = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss"));
    Path file = dir.resolve("event-channel-" + date + ".md");
    Report report = new Report(results);
    Files.writeString(file, report.render());
    Files.copy(file, dir.resolve("event-channel-latest.md"), StandardCopyOption.REPLACE_EXISTING);
    return new Written(file, report.passed && results.aborted.isEmpty());
  }

  private String render() {
    Options o = r.options;
    line("# Event channel benchmark, " + LocalDateTime.now().withNano(0));
    line();
    line(
        "`bench/run --pgets "
            + o.pgets()
            + " --rate "
            + o.rate()
            + " --seconds "
            + o.steady().toSeconds()
            + " --warmup "
            + o.warmup().toSeconds()
            + " --releases "
            + o.releases()
            + (o.serverHeap() == null ? "" : " --server-heap " + o.serverHeap())
            + String.join("", o.serverFlags().stream().map(f -> " --server-flag " + f).toList())
            + "`");
    line();
    r.aborted.ifPresent(a -> line("**The run was aborted:** " + a + "\n"));
    targets();
    details();
    machine();
    method();
    return out.toString();
  }

  private void targets() {
    int n = r.options.pgets();
    line("| figure | measured | target | result |");
    line("|---|---|---|---|");
    boolean held = r.heldPending == n;
    row(
        "P-GETs held at once (server's count)",
        r.heldPending < 0 ? "–" : "" + r.heldPending,
        "" + n,
        verdict(held));
    boolean heapOk =
        held && !r.outOfMemory && !r.reheldHeap.isEmpty() && r.heldHeapMax() <= TARGET_HEAP;
    row(
        "server live heap while holding them (after GC; first hold / held again after each"
            + " channel delivered once)",
        mb(r.heldHeap.get("used")) + " / " + mb(r.reheldHeap.get("used")),
        "≤ 512 MB, no OutOfMemoryError with -Xmx" + r.options.effectiveHeap(),
        verdict(heapOk) + (r.outOfMemory ? " (OutOfMemoryError)" : ""));
    row(
        "heap per held P-GET (first hold / held again)",
        (r.heldHeap.isEmpty() ? "–" : kb(r.heldBytesPerPget()))
            + " / "
            + (r.reheldHeap.isEmpty() ? "–" : kb(r.reheldBytesPerPget())),
        "≤ "
            + kb((TARGET_HEAP - Results.number(r.baselineHeap, "used")) / n)
            + " (what fits beside the baseline)",
        verdict(heapOk));
    Optional<Results.Release> last =
        r.releases.isEmpty() ? Optional.empty() : Optional.of(r.releases.getLast());
    row(
        "time to release all held P-GETs (the last of "
            + r.options.releases()
            + " releases; all in the details)",
        last.map(
                l ->
                    ms(l.micros())
                        + String.format(
                            Locale.ROOT, " (%.0f responses/s)", n * 1e6 / Math.max(1, l.micros())))
            .orElse("–"),
        "< " + ms(releaseTarget(n)) + (n <= 10_000 ? " (10,000 P-GETs)" : " (19,000 P-GETs)"),
        verdict(
            r.releases.size() == r.options.releases() && last.get().micros() < releaseTarget(n)));
    long peakRss =
        r.stats.values().stream().mapToLong(m -> Results.number(m, "peakRss")).max().orElse(0);
    if (n > 10_000) {
      row(
          "server RSS, highest seen (sampled every 20 ms)",
          mb(Long.toString(peakRss)),
          "≤ 600.0 MB (19,000 P-GETs)",
          verdict(peakRss > 0 && peakRss <= TARGET_RSS_19K));
    }
    Optional<Double> delivered =
        r.steadyLatency.map(l -> l.count() * 1e6 / Math.max(1, r.steadyElapsedMicros));
    boolean allDelivered =
        r.published.isPresent()
            && r.steadyLatency.isPresent()
            && r.steadyLatency.get().count() >= r.published.get();
    boolean rateOk = allDelivered && delivered.get() >= 0.99 * r.options.rate();
    row(
        "events delivered per second, steady",
        delivered.map(d -> String.format(Locale.ROOT, "%.0f", d)).orElse("–"),
        "≥ " + r.options.rate(),
        verdict(rateOk));
    row(
        "delivery latency p50 / p99, steady",
        r.steadyLatency.map(l -> ms(l.p50()) + " / " + ms(l.p99())).orElse("–"),
        "p99 < " + ms(TARGET_P99_MICROS),
        verdict(
            r.steadyLatency.isPresent()
                && r.steadyLatency.get().p99() < TARGET_P99_MICROS
                && allDelivered));
    line();
  }

  /** CPU seconds by kind of thread, each with {@code format}. */
  private static String byThread(Map<String, Double> cpu, String format) {
    StringBuilder b = new StringBuilder();
    cpu.forEach(
        (k, v) ->
            b.append(b.isEmpty() ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s " + format + " s", k, v)));
    return b.toString();
  }

  /** Issue 9's release targets: 10,000 P-GETs in under 0.3 s, 19,000 in under 0.5 s. */
  private static long releaseTarget(int n) {
    return n <= 10_000 ? TARGET_RELEASE_10K_MICROS : TARGET_RELEASE_19K_MICROS;
  }

  private void details() {
    int n = r.options.pgets();
    line("## Details");
    line();
    line("| | |");
    line("|---|---|");
    row("users signed in / applications created", r.options.users() + " / " + r.applications);
    if (!r.options.warmup().isZero()) {
      row(
          "before the baseline",
          "the server warmed up: the steady rate for the warm-up's length to applications of one"
              + " more user, which were then deleted");
    }
    row(
        "setup (sign-in + POST applications over HTTP)",
        r.setup.map(d -> ms(d.toNanos() / 1000)).orElse("–"));
    row("baseline: live heap with the applications, no P-GET", mb(r.baselineHeap.get("used")));
    row("live heap with " + n + " P-GETs held", mb(r.heldHeap.get("used")));
    row(
        "live heap with " + n + " P-GETs held again, after each channel delivered once",
        mb(r.reheldHeap.get("used")));
    if (!r.perPgetGrowth.isEmpty()) {
      StringBuilder b = new StringBuilder();
      long total = r.histogramGrowth / n;
      for (Histogram.Growth g : r.perPgetGrowth) {
        b.append(b.isEmpty() ? "" : ", ")
            .append('`')
            .append(g.className())
            .append("` ")
            .append(kb(g.bytes() / n));
        total -= g.bytes() / n;
      }
      row(
          "held again: where a P-GET's heap goes (class histograms, held again − baseline,"
              + " per P-GET)",
          b + ", everything else " + kb(total) + "; in all " + kb(r.histogramGrowth / n));
    }
    row(
        "resident set: baseline → held",
        mb(r.baselineHeap.get("rss"))
            + " → "
            + mb(r.heldHeap.get("rss"))
            + (r.heldHeap.isEmpty() ? "" : " (" + kb(r.heldRssPerPget()) + " per P-GET)"));
    row("heap committed while held", mb(r.heldHeap.get("committed")));
    row(
        "time to open all P-GETs (connect + request, "
            + r.options.connectConcurrency()
            + " connecting at once)",
        r.open.map(d -> ms(d.toNanos() / 1000)).orElse("–"));
    for (int i = 0; i < r.releases.size(); i++) {
      Results.Release l = r.releases.get(i);
      String which = "release " + (i + 1) + (i == 0 ? " (right after the hold)" : "");
      row(
          which + ": until the last response / publishing one event to each application (server)",
          ms(l.micros()) + " / " + ms(l.publishMicros()));
      row(
          which + ": latency per event p50 / p99 / max",
          ms(l.latency().p50()) + " / " + ms(l.latency().p99()) + " / " + ms(l.latency().max()));
      row(
          which + ": CPU used by the server / the driver; the server's by thread",
          String.format(
                  Locale.ROOT,
                  "%.2f s / %.2f s; ",
                  l.serverCpu().toMillis() / 1000.0,
                  l.driverCpu().toMillis() / 1000.0)
              + byThread(l.serverThreadCpu(), "%.2f"));
    }
    r.published.ifPresent(
        p ->
            row(
                "steady: events published / planned",
                p
                    + " / "
                    + (long) r.options.rate() * r.options.steady().toSeconds()
                    + " in "
                    + ms(r.steadyElapsedMicros)
                    + " (publisher at most "
                    + ms(r.maxPublishLagMicros)
                    + " behind schedule)"));
    r.steadyLatency.ifPresent(
        l -> {
          row("steady: events delivered", "" + l.count());
          row(
              "steady: latency p50 / p90 / p99 / p99.9 / max",
              ms(l.p50())
                  + " / "
                  + ms(l.p90())
                  + " / "
                  + ms(l.p99())
                  + " / "
                  + ms(l.p999())
                  + " / "
                  + ms(l.max()));
          row("steady: latency mean", ms(Math.round(l.mean())));
        });
    r.serverCpu.ifPresent(
        c ->
            row(
                "steady: CPU used by the server / the driver",
                String.format(
                    Locale.ROOT,
                    "%.1f s / %.1f s of %d s × %s cores",
                    c.toMillis() / 1000.0,
                    r.driverCpu.orElseThrow().toMillis() / 1000.0,
                    r.options.steady().toSeconds(),
                    r.machine.get("processors"))));
    if (!r.serverThreadCpu.isEmpty()) {
      row("steady: server CPU by thread", byThread(r.serverThreadCpu, "%.1f"));
    }
    r.otherCpu.ifPresent(
        o ->
            row(
                "steady: CPU used meanwhile by other processes on the machine" + " (at least)",
                String.format(Locale.ROOT, "%.1f s", o)));
    row(
        "failed P-GETs (connect errors, non-200 answers)",
        r.pollFailures + r.firstPollFailure.map(f -> " (first: " + f + ")").orElse(""));
    row("events outside any phase (should be 0)", "" + r.unexpectedEvents);
    line();
    phases();
  }

  /** Per phase: the server's peak heap, its collections, and what the GC log says delayed it. */
  private void phases() {
    line("### The server, phase by phase");
    line();
    line(
        "| phase | peak heap used (sampled every 20 ms, garbage included) | peak RSS (sampled every"
            + " 20 ms) | old generation live"
            + " at major collections (largest) | collections (minor / major) | GC pauses: count,"
            + " longest | allocation stalls: count, total, longest |");
    line("|---|---|---|---|---|---|---|");
    Map<String, String> previous = Map.of();
    for (Map.Entry<String, Map<String, String>> e : r.stats.entrySet()) {
      Map<String, String> now = e.getValue();
      double from = Results.number(previous, "uptimeMillis") / 1000.0;
      double to = Results.number(now, "uptimeMillis") / 1000.0;
      GcLog.Summary gc = GcLog.Summary.of(r.gcLog.delays(), from, to);
      long oldLive = r.gcLog.maxOldLive(from, to);
      row(
          e.getKey(),
          mb(now.get("peakUsed")),
          mb(now.get("peakRss")),
          oldLive == 0 ? "–" : oldLive + " MB",
          collections(now, previous, MINOR) + " / " + collections(now, previous, MAJOR),
          String.format(Locale.ROOT, "%d, %.3f ms", gc.pauses(), gc.longestPause()),
          String.format(
              Locale.ROOT,
              "%d, %.1f ms, %.1f ms",
              gc.stalls(),
              gc.stallMillis(),
              gc.longestStall()));
      previous = now;
    }
    line();
    line(
        "Phases: setup = sign-in and POST applications, the server's warm-up on one more user's"
            + " applications (deleted after), then the baseline; hold = opening"
            + " every P-GET and measuring; release = one event to every application, every client"
            + " polling again, measuring again (then released again, --releases); warm-up = the publish rate, not measured; steady ="
            + " the publish rate, measured.");
    line();
  }

  /**
   * The collectors' MXBean names (spaces as underscores) of young and of whole-heap collections.
   */
  private static final Set<String> MINOR =
      Set.of("ZGC_Minor_Cycles", "G1_Young_Generation", "Copy", "PS_Scavenge");

  private static final Set<String> MAJOR =
      Set.of("ZGC_Major_Cycles", "G1_Old_Generation", "MarkSweepCompact", "PS_MarkSweep");

  private static long collections(
      Map<String, String> now, Map<String, String> before, Set<String> collectors) {
    long n = 0;
    for (String c : collectors) {
      n += delta(now, before, "gc." + c + ".count");
    }
    return n;
  }

  private static long delta(Map<String, String> now, Map<String, String> before, String key) {
    return Results.number(now, key) - Results.number(before, key);
  }

  /** Reports are committed: file paths are shown relative to the working directory. */
  private static String withoutLocalPaths(String flags) {
    String cwd = java.nio.file.Path.of("").toAbsolutePath() + "/";
    return flags.replace(cwd, "");
  }

  private void machine() {
    line("## Machine and flags");
    line();
    line("| | |");
    line("|---|---|");
    r.machine.forEach(this::row);
    row("server JVM flags", "`" + withoutLocalPaths(String.join(" ", r.serverFlags)) + "`");
    row("driver JVM flags", "`" + withoutLocalPaths(String.join(" ", r.driverFlags)) + "`");
    line();
  }

  private void method() {
    line("## How it was measured");
    line();
    line(
        """
        Two JVMs on one machine, talking only over 127.0.0.1. The server JVM runs the real
        `UcwaServer` (Helidon SE, a virtual thread per request) with the flags above and a
        control channel on its standard input; the driver JVM signs users in with the password
        grant, creates the applications with `POST applications`, and holds one keep-alive
        HTTP/1.1 connection per application, each served by a virtual thread that sends
        `GET <events link>&timeout=600` and, on every answer, the next P-GET with the `next`
        link at once.

        * Memory: live heap = `MemoryMXBean` heap used after three `System.gc()` in the server:
          with all applications created and no P-GET (baseline), with every P-GET held, and
          with every P-GET held again after each channel has delivered one response (the steady
          state: each waiting virtual thread then keeps its stack in two chunks, not one). The
          difference from the baseline over the number held is the memory per held P-GET, its
          connection, its request and its waiting virtual thread included. The old
          generation's live set at each major collection, from the GC log, shows the same
          under load.
        * Release: the server publishes one high-priority event to every application; the time
          runs from the driver sending the command to the last of the responses arriving.
          Every client polls again at once, as clients do, so the server also takes N new
          P-GETs meanwhile.
        * Steady: the server publishes events at the given rate, paced on the monotonic clock,
          to applications drawn at random, each a high-priority "message added" event whose
          embedded message carries `sentAtMicros` (wall clock); latency = arrival in the driver
          (wall clock, same machine) − `sentAtMicros`, for every event, so it includes the
          driver's own receive path. A warm-up at the same rate, not measured, comes first.
          Both JVMs share the machine's cores with each other and with whatever else runs
          there: see the CPU used by other processes above.
        * Files of the run (not kept here): `bench/target/run/` holds the server's log and GC
          log, class histograms of the live heap at each measurement (`baseline-`, `held-`,
          `reheld-histogram.txt`) and every steady latency with its send time
          (`steady-latencies.csv`).
        """);
  }

  private String verdict(boolean ok) {
    passed &= ok;
    return ok ? "PASS" : "FAIL";
  }

  private void row(String... cells) {
    line("| " + String.join(" | ", cells) + " |");
  }

  private void line(String s) {
    out.append(s).append('\n');
  }

  private void line() {
    out.append('\n');
  }

  private static String mb(String bytes) {
    return bytes == null
        ? "–"
        : String.format(Locale.ROOT, "%.1f MB", Long.parseLong(bytes) / 1048576.0);
  }

  private static String kb(long bytes) {
    return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
  }

  private static String ms(long micros) {
    return String.format(Locale.ROOT, "%.2f ms", micros / 1000.0);
  }
}
