package org.openucwa.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openucwa.directory.PasswordHasher;
import org.openucwa.testing.UcwaClient;

/**
 * The launcher as an operator runs it, in a separate process: it fails fast with one line, prints
 * its flags and version, stops gracefully on SIGTERM (every held P-GET answered 503) and re-reads
 * the users file on SIGHUP.
 */
class OperatorProcessTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private Process launch(String... args) throws IOException {
    return launch(List.of(), args);
  }

  /**
   * Launched with SIGHUP back to its default: a test run started under {@code nohup} passes the
   * signal on ignored, and a JVM keeps ignoring a signal ignored when it started (it installs no
   * handler for it), so the re-read would never come. GNU env resets it.
   */
  private Process launchHearingHangUp(String... args) throws IOException {
    boolean resets;
    try {
      resets = new ProcessBuilder("env", "--default-signal=HUP", "true").start().waitFor() == 0;
    } catch (IOException e) {
      resets = false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      resets = false;
    }
    return launch(resets ? List.of("env", "--default-signal=HUP") : List.of(), args);
  }

  private Process launch(List<String> prefix, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(prefix);
    cmd.addAll(
        List.of(
            ProcessHandle.current().info().command().orElse("java"),
            "-cp",
            System.getProperty("java.class.path"),
            // the server's own logging configuration, not the tests'
            "-Dlogback.configurationFile=logback.xml",
            Main.class.getName()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectError(dir.resolve("stderr.txt").toFile()).start();
  }

  /** The threads of a launched server, as {@code jcmd Thread.print} shows them. */
  private static String threads(Process p) {
    try {
      Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
      Process jcmd =
          new ProcessBuilder(
                  java.resolveSibling("jcmd").toString(), Long.toString(p.pid()), "Thread.print")
              .redirectErrorStream(true)
              .start();
      String dump = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      jcmd.waitFor(30, TimeUnit.SECONDS);
      return dump;
    } catch (IOException | InterruptedException e) {
      return "(no thread dump: " + e + ")";
    }
  }

  private String stderr() throws IOException {
    return Files.readString(dir.resolve("stderr.txt"));
  }

  /** A users file with cheap hashes, so that start-up does not spend seconds on PBKDF2. */
  private Path users(String... userAndPassword) throws IOException {
    StringBuilder yaml = new StringBuilder("domain: contoso.com\nusers:\n");
    for (int i = 0; i < userAndPassword.length; i += 2) {
      String hash =
          PasswordHasher.hash(userAndPassword[i + 1].toCharArray(), new SecureRandom(), 1000);
      yaml.append("  - uri: sip:")
          .append(userAndPassword[i])
          .append("@contoso.com\n    name: ")
          .append(userAndPassword[i])
          .append("\n    passwordHash: '")
          .append(hash)
          .append("'\n");
    }
    Path file = dir.resolve("users.yaml");
    Path tmp = dir.resolve("users.yaml.tmp");
    Files.writeString(tmp, yaml);
    Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    return file;
  }

  /** Reads standard output up to the listening line and returns the server's URL. */
  private static String awaitListening(Process p) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    String line;
    while ((line = out.readLine()) != null) {
      if (line.startsWith("UCWA server listening on ")) {
        return line.substring("UCWA server listening on ".length());
      }
    }
    throw new AssertionError("the server did not start");
  }

  private static String output(Process p) throws IOException {
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void a_port_in_use_stops_start_up_with_one_line_and_a_non_zero_exit() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Process p =
          launch("--users", users("alice", "pw").toString(), "--port", "" + taken.getLocalPort());

      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(p.exitValue()).isEqualTo(1);
      assertThat(stderr().strip())
          .startsWith("ucwa-server: cannot listen on 127.0.0.1:" + taken.getLocalPort())
          .doesNotContain("\n")
          .doesNotContain("Exception");
    }
  }

  @Test
  void an_address_of_another_machine_stops_start_up_with_one_line() throws Exception {
    Process p = launch("--users", users("alice", "pw").toString(), "--bind", "192.0.2.1");

    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
    assertThat(stderr().strip())
        .startsWith("ucwa-server: cannot listen on 192.0.2.1:")
        .doesNotContain("\n");
  }

  @Test
  void a_missing_tls_key_stops_start_up_with_one_line() throws Exception {
    Process p =
        launch(
            "--users",
            users("alice", "pw").toString(),
            "--port",
            "0",
            "--tls-cert",
            dir.resolve("cert.pem").toString(),
            "--tls-key",
            dir.resolve("key.pem").toString());

    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(stderr().strip())
        .isEqualTo("ucwa-server: --tls-key " + dir.resolve("key.pem") + ": no such file");
  }

  @Test
  void help_prints_every_flag_and_version_prints_the_version() throws Exception {
    Process help = launch("--help");
    String text = output(help);
    assertThat(help.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(help.exitValue()).isZero();
    for (Flags.Flag f : Flags.FLAGS) {
      assertThat(text).contains("--" + f.name(), f.variable(), "default: " + f.byDefault());
    }

    Process version = launch("--version");
    String v = output(version);
    assertThat(version.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(version.exitValue()).isZero();
    assertThat(v.strip()).matches("ucwa-server \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
  }

  @Test
  void sigterm_answers_every_held_pget_503_then_exits_logging_start_and_end_as_json()
      throws Exception {
    Process p =
        launch(
            "--users",
            users("alice", "pw").toString(),
            "--port",
            "0",
            "--log-format",
            "json",
            "--shutdown-grace",
            "20");
    try {
      String url = awaitListening(p);
      List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
      UcwaClient alice = UcwaClient.of(url, "alice@contoso.com", "pw");
      for (int i = 0; i < 3; i++) {
        JsonNode app = alice.createApplication("held-" + i);
        String events = alice.resolve(app.at("/_links/events/href").asText());
        held.add(
            HTTP.sendAsync(
                HttpRequest.newBuilder(URI.create(events))
                    .header("Authorization", "Bearer " + alice.token())
                    .header("Accept", "application/json")
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
      }
      awaitMetric(url, "ucwa_pgets_held 3.0");

      p.destroy(); // SIGTERM

      for (CompletableFuture<HttpResponse<String>> f : held) {
        HttpResponse<String> r = f.get(60, TimeUnit.SECONDS);
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).contains("\"code\":\"ServiceUnavailable\"");
      }
      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      List<JsonNode> lines = new ArrayList<>();
      for (String line : stderr().strip().split("\n")) {
        lines.add(JSON.readTree(line)); // every line is JSON
      }
      assertThat(lines)
          .anySatisfy(
              l -> assertThat(l.path("formattedMessage").asText()).startsWith("Shutting down"))
          .anySatisfy(l -> assertThat(l.path("formattedMessage").asText()).startsWith("Stopped"))
          .anySatisfy(
              l -> {
                assertThat(l.path("loggerName").asText()).isEqualTo("org.openucwa.access");
                assertThat(l.toString()).contains("\"status\"", "sip:alice@contoso.com");
              });
    } finally {
      p.destroyForcibly();
    }
  }

  private static void awaitMetric(String url, String line) throws Exception {
    for (int i = 0; i < 400; i++) {
      String metrics =
          HTTP.send(
                  HttpRequest.newBuilder(URI.create(url + "/metrics")).build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      if (metrics.contains("\n" + line + "\n")) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the metric never read " + line);
  }

  @Test
  void started_with_sighup_ignored_it_says_the_users_file_is_not_re_read() throws Exception {
    Path file = users("alice", "pw");
    Process p = launch(List.of("nohup"), "--users", file.toString(), "--port", "0");
    try {
      awaitListening(p);
      assertThat(stderr()).contains("SIGHUP is ignored by this process");
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void sighup_rereads_the_users_file_adding_changing_and_signing_out_users() throws Exception {
    Path file = users("alice", "old", "bob", "pw");
    Process p = launchHearingHangUp("--users", file.toString(), "--port", "0");
    try {
      String url = awaitListening(p);
      UcwaClient bob = UcwaClient.of(url, "bob@contoso.com", "pw");
      bob.createApplication("before-reload");
      String bobApp = bob.resolve(bob.application().at("/_links/self/href").asText());
      assertThat(bob.get(bobApp).status()).isEqualTo(200);

      users("alice", "new", "carol", "pw");
      new ProcessBuilder("kill", "-HUP", Long.toString(p.pid())).start().waitFor();
      for (int i = 0; i < 1200 && !stderr().contains("SIGHUP: re-read"); i++) {
        Thread.sleep(50);
      }
      assertThat(stderr())
          .as(() -> "no re-read within a minute; the server's threads:\n" + threads(p))
          .contains("removed and signed out: sip:bob@contoso.com");

      assertThat(p.isAlive()).isTrue();
      assertThat(UcwaClient.of(url, "carol@contoso.com", "pw").signIn()).isNotNull();
      assertThat(UcwaClient.of(url, "alice@contoso.com", "new").signIn()).isNotNull();
      assertThat(bob.get(bobApp).status()).isEqualTo(404);
    } finally {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
