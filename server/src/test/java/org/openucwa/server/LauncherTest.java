package org.openucwa.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher as a person runs it: a separate process, its output, its exit code. */
class LauncherTest {

  @TempDir static Path data;

  private static Process launch(String... args) throws IOException {
    return launcher(args).redirectError(ProcessBuilder.Redirect.DISCARD).start();
  }

  private static ProcessBuilder launcher(String... args) {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder b = new ProcessBuilder(cmd);
    b.environment().put("UCWA_DATA_DIR", data.toString());
    return b;
  }

  /** Runs the launcher to its end; returns its exit code and what it wrote on standard error. */
  private static String[] runToEnd(String... args) throws Exception {
    Process p = launcher(args).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new String[] {String.valueOf(p.exitValue()), err};
  }

  @Test
  void with_embedded_defaults_it_prints_the_demo_passwords_then_the_listening_line()
      throws Exception {
    Process p = launch("--port", "0");
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      List<String> lines = new ArrayList<>();
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("UCWA server listening on ")) {
        lines.add(line);
      }
      assertThat(line).matches("UCWA server listening on http://127\\.0\\.0\\.1:\\d+");
      assertThat(lines).anyMatch(l -> l.contains("sip:alice@contoso.com  password: "));
      String url = line.substring("UCWA server listening on ".length());

      HttpResponse<String> root =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(url + "/")).build(),
                  HttpResponse.BodyHandlers.ofString());

      assertThat(root.statusCode()).isEqualTo(200);
      assertThat(root.body()).contains("\"user\"");
    } finally {
      p.destroy();
      p.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void it_refuses_to_serve_the_demo_directory_on_a_non_loopback_address() throws Exception {
    Process p = launch("--bind", "0.0.0.0", "--port", "0");

    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
  }

  @Test
  void a_malformed_users_file_stops_start_up(@TempDir Path dir) throws Exception {
    Path users =
        Files.writeString(
            dir.resolve("users.yaml"),
            "domain: contoso.com\nusers:\n  - uri: sip:alice@contoso.com\n    colour: red\n");
    Process p = launch("--users", users.toString(), "--port", "0");

    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
  }

  @Test
  void a_malformed_database_url_stops_start_up_with_one_line() throws Exception {
    String[] r = runToEnd("--port", "0", "--database-url", "postgres://db.example/ucwa");

    assertThat(r[0]).isEqualTo("2");
    assertThat(r[1].strip())
        .isEqualTo(
            "ucwa-server: --database-url must be jdbc:postgresql://host[:port]/database, not"
                + " 'postgres://db.example/ucwa'");
  }

  @Test
  void an_unreachable_database_stops_start_up_with_one_line() throws Exception {
    String[] r =
        runToEnd(
            "--port", "0", "--database-url", "jdbc:postgresql://127.0.0.1:1/ucwa?connectTimeout=2");

    assertThat(r[0]).isEqualTo("1");
    assertThat(r[1].strip().lines())
        .singleElement()
        .asString()
        .startsWith("ucwa-server: cannot open the database jdbc:postgresql://127.0.0.1:1/ucwa");
  }

  @Test
  void an_unreachable_directory_server_stops_start_up_with_one_line() throws Exception {
    String[] r =
        runToEnd("--port", "0", "--ldap-url", "ldap://127.0.0.1:1", "--ldap-base-dn", "DC=x");

    assertThat(r[0]).isEqualTo("1");
    assertThat(r[1].strip().lines())
        .singleElement()
        .asString()
        .startsWith("ucwa-server: cannot reach the directory ldap://127.0.0.1:1");
  }
}
