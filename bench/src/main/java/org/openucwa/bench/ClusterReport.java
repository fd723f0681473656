package org.openucwa.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the invitation benchmark's cluster mode as Markdown: each phase on one node and with every
 * pair split over two nodes, the cost of crossing nodes (server CPU per flow, both server processes
 * summed, against the target of at most 30% more), a capacity model derived from those figures, and
 * each configuration's full phase table; to {@code invitations-cluster-<date>.md} and {@code
 * invitations-cluster-latest.md}.
 */
final class ClusterReport {

  /** Crossing nodes may cost at most this much more server CPU per flow. */
  static final double TARGET_CROSSING = 1.30;

  private static final int[] MODEL_NODES = {1, 2, 3, 4, 8, 16};

  record Results(
      InvitationOptions options,
      List<String> driverFlags,
      Map<String, String> machine,
      String loadAtStart,
      String loadAtEnd,
      boolean startedPostgres,
      List<InvitationBench.Outcome> outcomes) {}

  private final Results r;
  private final StringBuilder out = new StringBuilder();
  private boolean passed = true;

  private ClusterReport(Results r) {
    this.r = r;
  }

  static InvitationReport.Written write(Results results, Path dir) throws IOException {
    Files.createDirectories(dir);
    String date = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss"));
    Path file = dir.resolve("invitations-cluster-" + date + ".md");
    ClusterReport report = new ClusterReport(results);
    Files.writeString(file, report.render());
    Files.copy(
        file, dir.resolve("invitations-cluster-latest.md"), StandardCopyOption.REPLACE_EXISTING);
    boolean aborted = results.outcomes().stream().anyMatch(o -> o.aborted().isPresent());
    return new InvitationReport.Written(file, report.passed && !aborted);
  }

  private String render() {
    InvitationOptions o = r.options();
    line("# Invitation flow benchmark across nodes, " + LocalDateTime.now().withNano(0));
    line();
    line("`" + o.command() + "`");
    line();
    for (InvitationBench.Outcome c : r.outcomes()) {
      c.aborted().ifPresent(a -> line("**" + c.name() + " aborted:** " + a + "\n"));
    }
    line(
        "The same flows twice, each configuration on a fresh database "
            + (r.startedPostgres()
                ? "of one PostgreSQL server the benchmark started"
                : "(`--database-url`, shared)")
            + ": **one node**, a single server (no cluster) with every pair on it; **two nodes**,"
            + " two servers forming a cluster over loopback, the inviter of every pair homed on"
            + " the first node and the invitee on the second (pinned, as a users file's `home`"
            + " would), so that every flow crosses nodes: the invitation and the answer, the"
            + " invitee's joining the conference (focused on the inviter's node, with its"
            + " organizer), its roster and its leaving. Each flow: addParticipant → the invitee's"
            + " onlineMeetingInvitation event → "
            + (o.accept()
                ? "accept → the inviter's participantInvitation completed (Success) → the invitee"
                    + " leaves (stopMessaging) → the inviter's participant deleted."
                : "decline → the inviter's participantInvitation completed (Failure, Declined)."));
    line();
    line(
        "Load average (1, 5, 15 minutes): "
            + threeFields(r.loadAtStart())
            + " at the start, "
            + threeFields(r.loadAtEnd())
            + " at the end (on "
            + r.machine().getOrDefault("processors", "?")
            + " CPUs, shared by the driver, both servers and PostgreSQL). On a busy machine the"
            + " rates and latencies mean little; CPU per flow, counted per process, much more.");
    line();
    crossing();
    model();
    for (InvitationBench.Outcome c : r.outcomes()) {
      if (c.nodes() == 0) {
        continue;
      }
      line("## " + capitalized(c.name()) + (c.nodes() > 1 ? " (figures summed over both)" : ""));
      line();
      String section =
          InvitationReport.phasesAndSetup(
              new InvitationReport.Results(
                  o, c.serverFlags(), r.driverFlags(), r.machine(), r.loadAtEnd(), c));
      out.append(section.replaceAll("(?m)^## ", "### "));
    }
    machine();
    return out.toString();
  }

  private Optional<InvitationBench.Outcome> outcome(int nodes) {
    return r.outcomes().stream().filter(c -> c.nodes() == nodes).findFirst();
  }

  /** The phase both configurations ran under this name, closed loop first. */
  private Optional<String> commonPhase() {
    Optional<InvitationBench.Outcome> one = outcome(1);
    Optional<InvitationBench.Outcome> two = outcome(2);
    if (one.isEmpty() || two.isEmpty()) {
      return Optional.empty();
    }
    return one.get().phases().stream()
        .map(InvitationBench.Phase::name)
        .filter(n -> phase(two.get(), n).filter(p -> p.flows() > 0).isPresent())
        .filter(n -> phase(one.get(), n).filter(p -> p.flows() > 0).isPresent())
        .findFirst();
  }

  private static Optional<InvitationBench.Phase> phase(InvitationBench.Outcome c, String name) {
    return c.phases().stream().filter(p -> p.name().equals(name)).findFirst();
  }

  private void crossing() {
    line("## The cost of crossing nodes");
    line();
    line(
        "| phase | configuration | flows | flows/s | errors | server CPU-s per 1,000 flows |"
            + " PostgreSQL CPU-s per 1,000 flows | server allocation per flow | p99 to"
            + " completion |");
    line("|---|---|---|---|---|---|---|---|---|");
    long errors = 0;
    for (InvitationBench.Outcome c : r.outcomes()) {
      errors += c.pairsLost();
      for (InvitationBench.Phase p : c.phases()) {
        errors += p.errors();
        line(
            String.format(
                "| %s | %s | %d | %.0f | %d | %.3f | %s | %s | %.1f ms |",
                p.name(),
                c.name(),
                p.flows(),
                p.flowsPerSecond(),
                p.errors(),
                p.cpuPerThousand(),
                Double.isNaN(p.databaseCpuSeconds())
                    ? "—"
                    : String.format("%.3f", p.databaseCpuPerThousand()),
                p.flows() == 0
                    ? "—"
                    : String.format("%.1f KB", p.allocatedBytes() / 1024.0 / p.flows()),
                p.toCompletion().p99() / 1000.0));
      }
    }
    line();
    line("| figure | measured | target | |");
    line("|---|---|---|---|");
    verdict("errors, all phases", Long.toString(errors), "0", errors == 0);
    Optional<InvitationBench.Outcome> one = outcome(1);
    Optional<InvitationBench.Outcome> two = outcome(2);
    boolean compared = false;
    if (one.isPresent() && two.isPresent()) {
      for (InvitationBench.Phase p1 : one.get().phases()) {
        Optional<InvitationBench.Phase> p2 = phase(two.get(), p1.name());
        if (p2.isEmpty() || p1.flows() == 0 || p2.get().flows() == 0) {
          continue;
        }
        double ratio = p2.get().cpuPerThousand() / p1.cpuPerThousand();
        verdict(
            p1.name() + ": server CPU per flow, two nodes against one",
            String.format(
                "%.3f / %.3f = %.2f (%+.0f%%)",
                p2.get().cpuPerThousand(), p1.cpuPerThousand(), ratio, (ratio - 1) * 100),
            String.format("≤ %.2f (+%.0f%%)", TARGET_CROSSING, (TARGET_CROSSING - 1) * 100),
            ratio <= TARGET_CROSSING);
        compared = true;
      }
    }
    if (!compared) {
      verdict("server CPU per flow, two nodes against one", "not measured", "≤ 1.30", false);
    }
    line();
    threads();
  }

  /** Where the server CPU went, per 1,000 flows, by kind of thread. */
  private void threads() {
    for (InvitationBench.Outcome c : r.outcomes()) {
      if (!c.phases().isEmpty()) {
        line("- " + c.name() + ": " + InvitationReport.warmup(c.warmup()));
      }
    }
    line();
    java.util.Set<String> kinds = new java.util.TreeSet<>();
    r.outcomes().forEach(c -> c.phases().forEach(p -> kinds.addAll(p.threadCpu().keySet())));
    if (kinds.isEmpty()) {
      return;
    }
    line(
        "Server CPU-s per 1,000 flows by kind of thread (`/proc/<pid>/task`, both nodes summed),"
            + " and without the JIT compilers, whose share on a loaded machine depends mostly on"
            + " how far each JVM got with compiling (two JVMs compile the same code twice):");
    line();
    StringBuilder head = new StringBuilder("| phase | configuration |");
    StringBuilder rule = new StringBuilder("|---|---|");
    for (String k : kinds) {
      head.append(' ').append(k).append(" |");
      rule.append("---|");
    }
    line(head.append(" all but the JIT |").toString());
    line(rule.append("---|").toString());
    for (InvitationBench.Outcome c : r.outcomes()) {
      for (InvitationBench.Phase p : c.phases()) {
        if (p.flows() == 0) {
          continue;
        }
        StringBuilder row = new StringBuilder("| " + p.name() + " | " + c.name() + " |");
        for (String k : kinds) {
          row.append(
              String.format(" %.3f |", p.threadCpu().getOrDefault(k, 0.0) * 1000 / p.flows()));
        }
        row.append(String.format(" %.3f |", withoutJit(p) * 1000 / p.flows()));
        line(row.toString());
      }
    }
    line();
    Optional<InvitationBench.Outcome> one = outcome(1);
    Optional<InvitationBench.Outcome> two = outcome(2);
    if (one.isPresent() && two.isPresent()) {
      for (InvitationBench.Phase p1 : one.get().phases()) {
        Optional<InvitationBench.Phase> p2 = phase(two.get(), p1.name());
        if (p2.isEmpty() || p1.flows() == 0 || p2.get().flows() == 0 || withoutJit(p1) <= 0) {
          continue;
        }
        double a = withoutJit(p1) * 1000 / p1.flows();
        double b = withoutJit(p2.get()) * 1000 / p2.get().flows();
        line(
            String.format(
                "- %s, without the JIT compilers: %.3f / %.3f = %.2f (%+.0f%%).",
                p1.name(), b, a, b / a, (b / a - 1) * 100));
      }
      line();
    }
  }

  private static double withoutJit(InvitationBench.Phase p) {
    double all = 0;
    for (var e : p.threadCpu().entrySet()) {
      if (!e.getKey().equals("JIT compilers")) {
        all += e.getValue();
      }
    }
    return all;
  }

  private void model() {
    Optional<String> name = commonPhase();
    line("## Capacity model");
    line();
    if (name.isEmpty()) {
      line("No phase ran on both configurations: no model.");
      line();
      return;
    }
    InvitationBench.Phase one = phase(outcome(1).orElseThrow(), name.get()).orElseThrow();
    InvitationBench.Phase two = phase(outcome(2).orElseThrow(), name.get()).orElseThrow();
    double local = one.cpuPerThousand() / 1000;
    double crossing = two.cpuPerThousand() / 1000;
    double db =
        Double.isNaN(one.databaseCpuSeconds()) || Double.isNaN(two.databaseCpuSeconds())
            ? Double.NaN
            : (one.databaseCpuPerThousand() + two.databaseCpuPerThousand()) / 2000;
    int cores = Runtime.getRuntime().availableProcessors();
    line(
        String.format(
            "From the %s figures above: a flow whose two users are homed on one node costs %.2f"
                + " ms of server CPU (one node), one whose users are on two nodes %.2f ms (both"
                + " nodes together). With users homed evenly over N nodes, a flow's two users share"
                + " a node with probability 1/N, so a flow costs on average c(N) = %.2f/N + %.2f ×"
                + " (N−1)/N ms of server CPU, spread evenly over the nodes. A core then carries"
                + " 1/c(N) flows/s, a node of K cores K/c(N), and N such nodes N·K/c(N). Shown for"
                + " K = %d (this machine) and K = 8, every core spent on flows (no headroom, no"
                + " other work: sign-ins, P-GET renewals, presence). The store is one PostgreSQL"
                + " server for the whole cluster%s.",
            name.get(),
            local * 1000,
            crossing * 1000,
            local * 1000,
            crossing * 1000,
            cores,
            Double.isNaN(db)
                ? ""
                : String.format(
                    ": it used %.2f ms of CPU per flow here, so its cores needed grow with the"
                        + " cluster's total rate (last column)",
                    db * 1000)));
    line();
    line(
        "| nodes N | flows crossing nodes | server CPU per flow c(N) | flows/s per core |"
            + " flows/s per node, K = "
            + cores
            + " | cluster flows/s, K = "
            + cores
            + " | flows/s per node, K = 8 | cluster flows/s, K = 8 | PostgreSQL cores at the"
            + " K = 8 rate |");
    line("|---|---|---|---|---|---|---|---|---|");
    for (int n : MODEL_NODES) {
      double c = local / n + crossing * (n - 1) / n;
      double perCore = 1 / c;
      line(
          String.format(
              "| %d | %.0f%% | %.2f ms | %.0f | %.0f | %.0f | %.0f | %.0f | %s |",
              n,
              100.0 * (n - 1) / n,
              c * 1000,
              perCore,
              perCore * cores,
              perCore * cores * n,
              perCore * 8,
              perCore * 8 * n,
              Double.isNaN(db) ? "—" : String.format("%.1f", db * perCore * 8 * n)));
    }
    line();
    line(
        "The model assumes CPU per flow stays what it was here as the rate grows (on this"
            + " machine it falls as batches fill; under a heavier load the store's write batching"
            + " helps more) and that the cluster's own traffic per node does not grow with N:"
            + " a signal goes only to its recipient's node, and a node's membership traffic"
            + " (heartbeats every second) is negligible at these sizes.");
    line();
  }

  private void machine() {
    line("## Machine and flags");
    line();
    line("| | |");
    line("|---|---|");
    r.machine().forEach((k, v) -> line("| " + k + " | " + v + " |"));
    line("| load average at end | " + r.loadAtEnd() + " |");
    r.outcomes().stream()
        .filter(c -> !c.serverFlags().isEmpty())
        .findFirst()
        .ifPresent(
            c ->
                line(
                    "| server JVM flags (each node) | `"
                        + withoutLocalPaths(String.join(" ", c.serverFlags()))
                        + "` |"));
    line("| driver JVM flags | `" + withoutLocalPaths(String.join(" ", r.driverFlags())) + "` |");
    line();
    line(
        """
        Server CPU is the user plus system time of each server process from `/proc/<pid>/stat`
        over the phase, summed over the configuration's servers; PostgreSQL's is that of its
        postmaster and every backend, where the benchmark started it. Flows counted are those
        completed within the phase. The two configurations run one after the other, each after
        its own warm-up.""");
  }

  private void verdict(String figure, String measured, String target, boolean ok) {
    passed &= ok;
    line("| " + figure + " | " + measured + " | " + target + " | " + (ok ? "PASS" : "FAIL") + " |");
  }

  private static String threeFields(String loadAverage) {
    String[] f = loadAverage.trim().split("\\s+");
    return f.length < 3 ? loadAverage : f[0] + " " + f[1] + " " + f[2];
  }

  private static String capitalized(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  private static String withoutLocalPaths(String flags) {
    return flags.replace(Path.of("").toAbsolutePath() + "/", "");
  }

  private void line(String s) {
    out.append(s).append('\n');
  }

  private void line() {
    out.append('\n');
  }
}
