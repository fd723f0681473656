package org.openucwa.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the invitation benchmark's figures as Markdown, each against its target (issue targets for
 * 200 pairs; at other pair counts the rate and CPU figures are shown without a verdict), to {@code
 * invitations-<date>.md} and {@code invitations-latest.md}.
 */
final class InvitationReport {

  private static final int TARGET_PAIRS = 200;
  private static final double TARGET_ACCEPT_RATE = 2_500;
  private static final double TARGET_ACCEPT_CPU = 0.5;
  private static final double TARGET_DECLINE_CPU = 0.3;
  private static final double TARGET_OPEN_P99_MS = 50;
  private static final long TARGET_RSS = 300L << 20;
  private static final long TARGET_HEAP_GROWTH = 5L << 20;
  private static final long TARGET_ALLOCATION_PER_FLOW = 200L << 10;

  record Results(
      InvitationOptions options,
      List<String> serverFlags,
      List<String> driverFlags,
      Map<String, String> machine,
      String loadAverage,
      InvitationBench.Outcome outcome) {

    Duration setup() {
      return outcome.setup();
    }

    Map<String, String> baselineHeap() {
      return outcome.baselineHeap();
    }

    List<InvitationBench.Phase> phases() {
      return outcome.phases();
    }

    long pairsLost() {
      return outcome.pairsLost();
    }

    Optional<String> aborted() {
      return outcome.aborted();
    }
  }

  record Written(Path file, boolean passed) {}

  private final Results r;
  private final StringBuilder out = new StringBuilder();
  private boolean passed = true;

  private InvitationReport(Results r) {
    this.r = r;
  }

  static Written write(Results results, Path dir) throws IOException {
    Files.createDirectories(dir);
    String date = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss"));
    Path file = dir.resolve("invitations-" + date + ".md");
    InvitationReport report = new InvitationReport(results);
    Files.writeString(file, report.render());
    Files.copy(file, dir.resolve("invitations-latest.md"), StandardCopyOption.REPLACE_EXISTING);
    return new Written(file, report.passed && results.aborted().isEmpty());
  }

  private String render() {
    InvitationOptions o = r.options();
    line("# Invitation flow benchmark, " + LocalDateTime.now().withNano(0));
    line();
    line("`" + o.command() + "`");
    line();
    r.aborted().ifPresent(a -> line("**Run aborted:** " + a + "\n"));
    line(
        "Each flow: addParticipant → the invitee's onlineMeetingInvitation event → "
            + (o.accept()
                ? "accept → the inviter's participantInvitation completed (Success) → the invitee"
                    + " leaves (stopMessaging) → the inviter's participant deleted."
                : "decline → the inviter's participantInvitation completed (Failure, Declined)."));
    line();
    targets();
    phases();
    memory();
    machine();
    return out.toString();
  }

  private void targets() {
    InvitationOptions o = r.options();
    boolean atTarget = o.pairs() >= TARGET_PAIRS;
    line("## Figures against targets");
    line();
    line("| figure | measured | target | |");
    line("|---|---|---|---|");
    long errors = r.phases().stream().mapToLong(InvitationBench.Phase::errors).sum();
    verdict("errors, all phases", Long.toString(errors), "0", errors == 0 && r.pairsLost() == 0);
    for (InvitationBench.Phase p : r.phases()) {
      double cpuTarget = o.accept() ? TARGET_ACCEPT_CPU : TARGET_DECLINE_CPU;
      String cpu = String.format("%.3f", p.cpuPerThousand());
      if (atTarget) {
        verdict(
            p.name() + ": server CPU-s per 1,000 flows",
            cpu,
            "≤ " + cpuTarget,
            p.cpuPerThousand() <= cpuTarget);
      } else {
        info(p.name() + ": server CPU-s per 1,000 flows", cpu, "≤ " + cpuTarget + " at 200 pairs");
      }
      if (p.name().startsWith("closed") && o.accept()) {
        String rate = String.format("%.0f", p.flowsPerSecond());
        if (atTarget) {
          verdict(
              p.name() + ": accept flows/s",
              rate,
              "≥ " + (int) TARGET_ACCEPT_RATE,
              p.flowsPerSecond() >= TARGET_ACCEPT_RATE);
        } else {
          info(p.name() + ": accept flows/s", rate, "≥ 2500 at 200 pairs");
        }
      }
      if (p.name().startsWith("open")) {
        verdict(
            p.name() + ": flows due but not started when the time was up",
            Long.toString(p.notStarted()),
            "0",
            p.notStarted() == 0);
        String p99 = ms(p.toCompletion().p99());
        if (atTarget && o.rate() == 1000) {
          verdict(
              p.name() + ": p99 to completion",
              p99,
              "< " + (int) TARGET_OPEN_P99_MS + " ms",
              p.toCompletion().p99() < TARGET_OPEN_P99_MS * 1000);
        } else {
          info(p.name() + ": p99 to completion", p99, "< 50 ms at 1,000/s over 200 pairs");
        }
      }
      if (p.flows() > 0 && p.allocatedBytes() > 0) {
        long perFlow = p.allocatedBytes() / p.flows();
        verdict(
            p.name() + ": server allocation per flow",
            kb(perFlow),
            "≤ " + kb(TARGET_ALLOCATION_PER_FLOW),
            perFlow <= TARGET_ALLOCATION_PER_FLOW);
      }
    }
    long rss = maxRss();
    verdict(
        "server RSS, highest seen (sampled every 20 ms in the phases, and after set-up)",
        mb(rss),
        "≤ " + mb(TARGET_RSS),
        rss <= TARGET_RSS);
    if (!r.phases().isEmpty() && !r.baselineHeap().isEmpty()) {
      long before = org.openucwa.bench.Results.number(r.baselineHeap(), "used");
      long after = org.openucwa.bench.Results.number(r.phases().getLast().heapAfter(), "used");
      verdict(
          "live heap after GC, growth over the run",
          mb(after - before) + " (" + mb(before) + " → " + mb(after) + ")",
          "≤ " + mb(TARGET_HEAP_GROWTH),
          after - before <= TARGET_HEAP_GROWTH);
    }
    line();
  }

  private void phases() {
    line("## Phases");
    line();
    line(
        "| phase | s | flows | flows/s | errors | to invitee p50 / p99 / max | to completion p50 /"
            + " p99 / max | server CPU-s | per 1,000 flows | exchanges per flow | driver CPU-s |"
            + " allocated per flow | live heap after | RSS: highest in the phase / after GC |"
            + " GC pauses (count, total, longest)"
            + " |");
    line("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for (InvitationBench.Phase p : r.phases()) {
      GcLog.Summary gc = gcOf(p, r.outcome().gc());
      line(
          String.format(
              "| %s | %.1f | %d | %.0f | %d | %s / %s / %s | %s / %s / %s | %.2f | %.3f | %.1f |"
                  + " %.2f | %s | %s | %s | %d, %.1f ms, %.1f ms |",
              p.name(),
              p.seconds(),
              p.flows(),
              p.flowsPerSecond(),
              p.errors(),
              ms(p.toInvitee().p50()),
              ms(p.toInvitee().p99()),
              ms(p.toInvitee().max()),
              ms(p.toCompletion().p50()),
              ms(p.toCompletion().p99()),
              ms(p.toCompletion().max()),
              p.serverCpuSeconds(),
              p.cpuPerThousand(),
              p.flows() == 0 ? Double.NaN : (double) p.exchanges() / p.flows(),
              p.driverCpuSeconds(),
              p.flows() == 0 ? "—" : kb(p.allocatedBytes() / p.flows()),
              mb(org.openucwa.bench.Results.number(p.heapAfter(), "used")),
              mb(p.peakRss()) + " / " + mb(org.openucwa.bench.Results.number(p.heapAfter(), "rss")),
              gc.pauses(),
              gc.pauseMillis(),
              gc.longestPause()));
    }
    line();
    r.phases().stream()
        .filter(p -> p.firstError().isPresent())
        .forEach(p -> line("First error in " + p.name() + ": `" + p.firstError().get() + "`\n"));
    if (r.pairsLost() > 0) {
      line(r.pairsLost() + " pairs stopped after an error.\n");
    }
  }

  /** The phases table and the set-up of one configuration, for the cluster report. */
  static String phasesAndSetup(Results results) {
    InvitationReport report = new InvitationReport(results);
    report.phases();
    report.memory();
    return report.out.toString();
  }

  /** The GC delays of a phase, over every server of its configuration. */
  static GcLog.Summary gcOf(InvitationBench.Phase p, List<GcLog.Log> logs) {
    int pauses = 0;
    int stalls = 0;
    double pauseMs = 0;
    double stallMs = 0;
    double maxPause = 0;
    double maxStall = 0;
    for (int i = 0; i < logs.size() && i < p.uptimes().size(); i++) {
      InvitationBench.Window w = p.uptimes().get(i);
      GcLog.Summary s = GcLog.Summary.of(logs.get(i).delays(), w.from(), w.to());
      pauses += s.pauses();
      stalls += s.stalls();
      pauseMs += s.pauseMillis();
      stallMs += s.stallMillis();
      maxPause = Math.max(maxPause, s.longestPause());
      maxStall = Math.max(maxStall, s.longestStall());
    }
    return new GcLog.Summary(pauses, pauseMs, maxPause, stalls, stallMs, maxStall);
  }

  private void memory() {
    line("## Set-up");
    line();
    line(
        "Signed in "
            + 2 * r.options().pairs()
            + " users, one application and one held P-GET each, one meeting per inviter in "
            + String.format("%.1f s", r.setup().toMillis() / 1000.0)
            + "; live heap after GC then: "
            + mb(org.openucwa.bench.Results.number(r.baselineHeap(), "used"))
            + ", RSS "
            + mb(org.openucwa.bench.Results.number(r.baselineHeap(), "rss"))
            + ".");
    line();
    if (!r.outcome().heapGrowth().isEmpty()) {
      line(
          "Live heap after GC, the classes that grew most from then to the end of the run (first"
              + " node): "
              + String.join(
                  ", ",
                  r.outcome().heapGrowth().stream()
                      .map(g -> "`" + g.className() + "` " + kb(g.bytes()))
                      .toList())
              + ".");
      line();
    }
    line(warmup(r.outcome().warmup()));
    line();
    for (InvitationBench.Phase p : r.outcome().phases()) {
      if (p.flows() > 0 && !p.threadCpu().isEmpty()) {
        line(
            "Server CPU-s per 1,000 flows by kind of thread (`/proc/<pid>/task`), "
                + p.name()
                + ": "
                + byThread(p)
                + ".");
        line();
      }
    }
  }

  /** A phase's CPU per 1,000 flows by kind of thread, largest first. */
  static String byThread(InvitationBench.Phase p) {
    return p.threadCpu().entrySet().stream()
        .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .map(e -> String.format("%s %.3f", e.getKey(), e.getValue() * 1000 / p.flows()))
        .collect(java.util.stream.Collectors.joining(", "));
  }

  /** What a configuration's warm-up was, as a sentence. */
  static String warmup(InvitationBench.Warmup w) {
    if (w.length().isZero()) {
      return "No warm-up: the figures include the JIT compiling the server's code.";
    }
    String s = "Warm-up: " + w.length().toSeconds() + " s of closed loop, not measured";
    if (Double.isNaN(w.jitPercent())) {
      return s + ".";
    }
    return s
        + String.format(
            "; the JIT compilers took %.1f%% of the server CPU in its last 10 s (`--settle`).",
            w.jitPercent());
  }

  private void machine() {
    line("## Machine and flags");
    line();
    line("| | |");
    line("|---|---|");
    r.machine().forEach((k, v) -> line("| " + k + " | " + v + " |"));
    line("| load average at end | " + r.loadAverage() + " |");
    line("| server JVM flags | `" + withoutLocalPaths(String.join(" ", r.serverFlags())) + "` |");
    line("| driver JVM flags | `" + withoutLocalPaths(String.join(" ", r.driverFlags())) + "` |");
    line();
    line(
        """
        Server and driver share the machine. Server CPU is the server process's user plus system
        time from `/proc/<pid>/stat` over the phase; flows counted are those completed within it.
        Latencies count from the moment a flow was due (open loop) or began (closed loop) to the
        arrival of the P-GET response carrying the event. HTTP exchanges count every request of
        the driver, P-GETs included. Allocation is the server's total thread-allocated bytes.""");
  }

  private long maxRss() {
    long max =
        r.baselineHeap().isEmpty() ? 0 : org.openucwa.bench.Results.number(r.baselineHeap(), "rss");
    for (InvitationBench.Phase p : r.phases()) {
      max =
          Math.max(
              max, Math.max(p.peakRss(), org.openucwa.bench.Results.number(p.heapAfter(), "rss")));
    }
    return max;
  }

  private void verdict(String figure, String measured, String target, boolean ok) {
    passed &= ok;
    line("| " + figure + " | " + measured + " | " + target + " | " + (ok ? "PASS" : "FAIL") + " |");
  }

  private void info(String figure, String measured, String target) {
    line("| " + figure + " | " + measured + " | " + target + " | — |");
  }

  private static String withoutLocalPaths(String flags) {
    return flags.replace(Path.of("").toAbsolutePath() + "/", "");
  }

  private static String ms(long micros) {
    return String.format("%.1f ms", micros / 1000.0);
  }

  private static String kb(long bytes) {
    return String.format("%.1f KB", bytes / 1024.0);
  }

  private static String mb(long bytes) {
    return String.format("%.1f MB", bytes / 1048576.0);
  }

  private void line(String s) {
    out.append(s).append('\n');
  }

  private void line() {
    out.append('\n');
  }
}
