package org.openucwa.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Runs each benchmark for a second or two with a handful of clients, so that neither rots: the
 * driver starts the server JVM, every phase completes and a report is written. The figures of so
 * small a run mean nothing, so their verdicts are not looked at; the run must not abort (exit
 * status 2 or an "aborted" line) and must have no errors.
 */
class BenchSmokeTest {

  private static final Path TARGET = Path.of("target", "smoke");

  @Test
  void the_event_channel_benchmark_runs_end_to_end() throws Exception {
    Path results = TARGET.resolve("events");
    int status =
        run(
            Driver.class,
            "--pgets",
            "20",
            "--rate",
            "50",
            "--seconds",
            "1",
            "--warmup",
            "0",
            "--apps-per-user",
            "10",
            "--server-heap",
            "128m",
            "--results",
            results.toString(),
            "--work",
            results.resolve("run").toString());

    String report = Files.readString(results.resolve("event-channel-latest.md"));
    assertThat(status).as(report).isIn(0, 1);
    assertThat(report).doesNotContain("aborted");
  }

  @Test
  void the_startup_benchmark_starts_the_server_on_both_files_and_signs_the_last_user_in()
      throws Exception {
    Path results = TARGET.resolve("startup");
    int status =
        run(
            StartupBench.class,
            "--users",
            "50",
            "--runs",
            "1",
            "--server-flag",
            "-XX:+UseG1GC",
            "--results",
            results.toString(),
            "--work",
            results.resolve("run").toString());

    String report = Files.readString(results.resolve("startup-latest.md"));
    assertThat(status).as(report).isIn(0, 1);
    assertThat(report)
        .contains("| starts that failed or could not sign the last user in | 0 | 0 | PASS |")
        .contains("| start-up, 50 users with plain passwords (median) | ");
  }

  @Test
  void the_invitation_benchmark_runs_both_loops_end_to_end() throws Exception {
    Path results = TARGET.resolve("invitations");
    int status =
        run(
            InvitationBench.class,
            "--pairs",
            "2",
            "--mode",
            "accept",
            "--seconds",
            "1",
            "--warmup",
            "0",
            "--load",
            "both",
            "--rate",
            "20",
            "--server-flag",
            "-XX:+UseG1GC",
            "--results",
            results.toString(),
            "--work",
            results.resolve("run").toString());

    String report = Files.readString(results.resolve("invitations-latest.md"));
    assertThat(status).as(report).isIn(0, 1);
    assertThat(report).doesNotContain("aborted").contains("| errors, all phases | 0 | 0 | PASS |");
    assertThat(report).contains("| closed loop |").contains("| open loop at 20 flows/s |");
  }

  private static int run(Class<?> main, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(main.getName());
    cmd.addAll(List.of(args));
    Files.createDirectories(TARGET);
    Process p =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(TARGET.resolve(main.getSimpleName() + ".log").toFile())
            .start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(main.getSimpleName() + " did not finish within 120 s");
    }
    return p.exitValue();
  }
}
