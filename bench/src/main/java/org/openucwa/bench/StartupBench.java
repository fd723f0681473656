package org.openucwa.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Start-up with a large users file of plain passwords: starts the server's own main class (the
 * launcher's JVM options, a fresh data folder, port 0) with a users file of {@code --users} users
 * and, in turn, with one of three users, and times each from the process start to its listening
 * line. Each start must then sign the last user of the file in with its plain password, so that a
 * server that starts fast by not reading its users fails. Results go to {@code startup-<date>.md}
 * and {@code startup-latest.md}, the median of the large file against the target.
 *
 * <pre>
 * StartupBench [--users 10000] [--runs 5] [--target-seconds 5] [--server-flag F]...
 *              --results DIR --work DIR
 * </pre>
 */
public final class StartupBench {

  private static final Pattern LISTENING =
      Pattern.compile("UCWA server listening on (http://\\S+)");
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);

  private int users = 10_000;
  private int runs = 5;
  private double targetSeconds = 5;
  private final List<String> serverFlags = new ArrayList<>();
  private Path results;
  private Path work;

  private StartupBench() {}

  public static void main(String[] args) throws Exception {
    StartupBench bench;
    try {
      bench = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("[bench] " + e.getMessage());
      System.exit(2);
      return;
    }
    System.exit(bench.run() ? 0 : 1);
  }

  private static StartupBench parse(String[] args) {
    StartupBench b = new StartupBench();
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (args[i]) {
        case "--users" -> b.users = positive(args[i], value);
        case "--runs" -> b.runs = positive(args[i], value);
        case "--target-seconds" -> b.targetSeconds = positive(args[i], value);
        case "--server-flag" -> b.serverFlags.add(required(args[i], value));
        case "--results" -> b.results = Path.of(required(args[i], value));
        case "--work" -> b.work = Path.of(required(args[i], value));
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
      i++;
    }
    if (b.results == null || b.work == null) {
      throw new IllegalArgumentException("--results and --work are required");
    }
    return b;
  }

  private static String required(String option, String value) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }

  private static int positive(String option, String value) {
    try {
      int n = Integer.parseInt(required(option, value));
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw new IllegalArgumentException(option + " needs a positive whole number");
  }

  private boolean run() throws IOException, InterruptedException {
    Files.createDirectories(work);
    Files.createDirectories(results);
    Map<String, String> machine = Machine.describe();
    Path large = usersFile(users);
    Path small = usersFile(3);
    List<Long> largeMillis = new ArrayList<>();
    List<Long> smallMillis = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    for (int i = 0; i < runs; i++) { // interleaved, so that a busy moment spoils both alike
      String run = " users, run " + (i + 1);
      time(small, 3, i).ifPresentOrElse(smallMillis::add, () -> failures.add(3 + run));
      time(large, users, i).ifPresentOrElse(largeMillis::add, () -> failures.add(users + run));
    }
    boolean pass = failures.isEmpty() && median(largeMillis) <= targetSeconds * 1000;
    write(machine, largeMillis, smallMillis, failures, pass);
    return pass;
  }

  /** A users file of {@code n} users, each with a plain password. */
  private Path usersFile(int n) throws IOException {
    Path file = work.resolve("startup-users-" + n + ".yaml");
    try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      w.write("domain: contoso.com\nusers:\n");
      for (int i = 0; i < n; i++) {
        w.write("  - uri: sip:user" + i + "@contoso.com\n");
        w.write("    name: User " + i + "\n");
        w.write("    password: " + password(i) + "\n");
      }
    }
    return file;
  }

  private static String password(int i) {
    return "start-up-" + i + "-secret";
  }

  /**
   * Starts the server on {@code file} and returns the milliseconds to its listening line, or empty
   * when it did not start or did not sign the file's last user in.
   */
  private java.util.Optional<Long> time(Path file, int n, int run)
      throws IOException, InterruptedException {
    Path data = Files.createTempDirectory(work, "startup-data-");
    Path log = work.resolve("startup-" + n + "-" + run + ".log");
    List<String> cmd =
        ServerProcess.javaCommand(
            serverFlags,
            "org.openucwa.server.Main",
            List.of(
                "--port",
                "0",
                "--bind",
                "127.0.0.1",
                "--users",
                file.toString(),
                "--data-dir",
                data.toString()));
    long start = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      CompletableFuture<String> base = new CompletableFuture<>();
      Thread.ofPlatform()
          .daemon()
          .start(
              () -> {
                try (BufferedReader r =
                        new BufferedReader(
                            new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
                    Writer out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                  for (String line; (line = r.readLine()) != null; ) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                      base.complete(m.group(1));
                    }
                    out.write(line + "\n");
                  }
                } catch (IOException e) {
                  base.completeExceptionally(e);
                }
                base.completeExceptionally(new IOException("the server exited"));
              });
      String url;
      try {
        url = base.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (Exception e) {
        System.err.println("[bench] no listening line: " + e + "; see " + log);
        return java.util.Optional.empty();
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      boolean signedIn = signIn(url, "user" + (n - 1) + "@contoso.com", password(n - 1));
      System.err.printf(
          "[bench] %d users: listening after %d ms%s%n",
          n, millis, signedIn ? "" : "; the last user could NOT sign in");
      return signedIn ? java.util.Optional.of(millis) : java.util.Optional.empty();
    } finally {
      p.destroy();
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
      delete(data);
    }
  }

  private static boolean signIn(String base, String user, String password) {
    try (HttpClient http = HttpClient.newHttpClient()) {
      String form =
          "grant_type=password&username="
              + URLEncoder.encode(user, StandardCharsets.UTF_8)
              + "&password="
              + URLEncoder.encode(password, StandardCharsets.UTF_8);
      HttpResponse<String> r =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "/WebTicket/oauthtoken"))
                  .header("Content-Type", "application/x-www-form-urlencoded")
                  .POST(HttpRequest.BodyPublishers.ofString(form))
                  .timeout(Duration.ofSeconds(60))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 && r.body().contains("access_token");
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  private static long median(List<Long> values) {
    if (values.isEmpty()) {
      return Long.MAX_VALUE;
    }
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static String summary(List<Long> values) {
    if (values.isEmpty()) {
      return "–";
    }
    List<Long> sorted = values.stream().sorted().toList();
    return String.format(
        "%.2f s (min %.2f, max %.2f; %d runs)",
        median(values) / 1000.0,
        sorted.getFirst() / 1000.0,
        sorted.getLast() / 1000.0,
        values.size());
  }

  private void write(
      Map<String, String> machine,
      List<Long> largeMillis,
      List<Long> smallMillis,
      List<String> failures,
      boolean pass)
      throws IOException {
    LocalDateTime now = LocalDateTime.now().withNano(0);
    StringBuilder md = new StringBuilder();
    md.append("# Start-up benchmark, ").append(now).append("\n\n");
    md.append("`bench/run startup --users ")
        .append(users)
        .append(" --runs ")
        .append(runs)
        .append("`\n\n");
    md.append("| figure | measured | target | result |\n|---|---|---|---|\n");
    md.append("| start-up, ")
        .append(users)
        .append(" users with plain passwords (median) | ")
        .append(summary(largeMillis))
        .append(" | < ")
        .append(String.format("%.0f", targetSeconds))
        .append(" s | ")
        .append(pass ? "PASS" : "FAIL")
        .append(" |\n");
    md.append("| start-up, 3 users (median), for comparison | ")
        .append(summary(smallMillis))
        .append(" | (no target) | – |\n");
    md.append("| starts that failed or could not sign the last user in | ")
        .append(failures.isEmpty() ? "0" : String.join(", ", failures))
        .append(" | 0 | ")
        .append(failures.isEmpty() ? "PASS" : "FAIL")
        .append(" |\n\n");
    md.append(
        "Each start: the server's main class with the launcher's JVM options, port 0, a fresh data"
            + " folder (the embedded store is created and migrated), timed from the process start"
            + " to its listening line; then the file's last user signs in with the plain password."
            + " Runs alternate between the two files.\n\n");
    md.append("## Machine and flags\n\n| | |\n|---|---|\n");
    machine.forEach((k, v) -> md.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    md.append("| load average at the end | ").append(Machine.loadAverage()).append(" |\n");
    md.append("| server JVM flags | `").append(String.join(" ", serverFlags)).append("` |\n");
    String name = "startup-" + now.format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss")) + ".md";
    Files.writeString(results.resolve(name), md.toString());
    Files.writeString(results.resolve("startup-latest.md"), md.toString());
    System.out.println("Report: " + results.resolve(name) + (pass ? "" : " (not all PASS)"));
  }
}
