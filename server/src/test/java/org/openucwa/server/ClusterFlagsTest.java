package org.openucwa.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openucwa.cluster.ClusterSettings;

/** The --cluster-... flags, their variables and config keys, and the launcher run as a node. */
class ClusterFlagsTest {

  private static final String DB = "jdbc:postgresql://db.contoso.com/ucwa";

  @Test
  void without_cluster_flags_the_server_is_a_single_node() {
    assertThat(Flags.parse(new String[0], Map.of()).cluster()).isEmpty();
    assertThat(Flags.parse(new String[] {"--database-url", DB}, Map.of()).cluster()).isEmpty();
  }

  @Test
  void the_cluster_flags_name_the_members_the_port_the_name_and_the_secret() {
    ClusterSettings c =
        Flags.parse(
                new String[] {
                  "--database-url",
                  DB,
                  "--bind",
                  "10.0.0.1",
                  "--cluster-members",
                  "10.0.0.1:5701, 10.0.0.2:5701,10.0.0.3",
                  "--cluster-port=5702",
                  "--cluster-name",
                  "contoso-pool",
                  "--cluster-secret",
                  "a long shared secret",
                  "--cluster-dead-after",
                  "5"
                },
                Map.of())
            .cluster()
            .orElseThrow();

    assertThat(c.members()).containsExactly("10.0.0.1:5701", "10.0.0.2:5701", "10.0.0.3");
    assertThat(c.bind()).isEqualTo("10.0.0.1");
    assertThat(c.port()).isEqualTo(5702);
    assertThat(c.name()).isEqualTo("contoso-pool");
    assertThat(c.secret()).contains("a long shared secret");
    assertThat(c.deadAfter()).isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void defaults_and_variables() {
    ClusterSettings c =
        Flags.parse(
                new String[0],
                Map.of("UCWA_DATABASE_URL", DB, "UCWA_CLUSTER_MEMBERS", "node1:5701,node2:5701"))
            .cluster()
            .orElseThrow();

    assertThat(c.members()).containsExactly("node1:5701", "node2:5701");
    assertThat(c.port()).isEqualTo(5701);
    assertThat(c.name()).isEqualTo("ucwa");
    assertThat(c.secret()).isEmpty();
    assertThat(c.deadAfter()).isEqualTo(Duration.ofSeconds(10));
    assertThat(
            Flags.parse(
                    new String[0],
                    Map.of(
                        "UCWA_DATABASE_URL", DB,
                        "UCWA_CLUSTER_MEMBERS", "node1:5701",
                        "UCWA_CLUSTER_PORT", "6000",
                        "UCWA_CLUSTER_NAME", "pool2",
                        "UCWA_CLUSTER_SECRET", "0123456789abcdef",
                        "UCWA_CLUSTER_DEAD_AFTER", "30"))
                .cluster()
                .orElseThrow())
        .isEqualTo(
            new ClusterSettings(
                List.of("node1:5701"),
                "127.0.0.1",
                6000,
                "pool2",
                java.util.Optional.of("0123456789abcdef"),
                Duration.ofSeconds(30)));
  }

  @Test
  void the_config_file_takes_the_same_keys(@TempDir Path dir) throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("ucwa.yaml"),
            "database-url: "
                + DB
                + "\ncluster-members: [node1:5701, node2:5701]\ncluster-port: 5801\n"
                + "cluster-name: east\ncluster-secret: sixteen-chars-at-least\n");
    ClusterSettings c =
        Flags.parse(new String[] {"--config", file.toString()}, Map.of()).cluster().orElseThrow();

    assertThat(c.members()).containsExactly("node1:5701", "node2:5701");
    assertThat(c.port()).isEqualTo(5801);
    assertThat(c.name()).isEqualTo("east");
    assertThat(c.secret()).contains("sixteen-chars-at-least");
  }

  @Test
  void unusable_cluster_flags_are_refused_naming_the_flag() {
    assertThatThrownBy(
            () -> Flags.parse(new String[] {"--database-url", DB, "--cluster-port", "1"}, Map.of()))
        .hasMessageContaining("--cluster-members");
    assertThatThrownBy(
            () ->
                Flags.parse(
                    new String[] {"--database-url", DB, "--cluster-members", "a:1:2"}, Map.of()))
        .hasMessageContaining("--cluster-members");
    assertThatThrownBy(
            () ->
                Flags.parse(
                    new String[] {
                      "--database-url", DB, "--cluster-members", "a:1", "--cluster-secret", "short"
                    },
                    Map.of()))
        .hasMessageContaining("--cluster-secret");
    assertThatThrownBy(
            () ->
                Flags.parse(
                    new String[] {
                      "--database-url", DB, "--cluster-members", "a:1", "--cluster-name", "a b"
                    },
                    Map.of()))
        .hasMessageContaining("--cluster-name");
  }

  @Test
  void the_embedded_database_refuses_a_cluster_with_one_line_and_exit_2() throws Exception {
    Process p =
        launcher("--port", "0", "--cluster-members", "127.0.0.1:21400")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(err.strip())
        .isEqualTo(
            "ucwa-server: a cluster shares its store: give --database-url"
                + " jdbc:postgresql://host[:port]/database (the embedded database serves a single"
                + " node)");
  }

  @Test
  void a_node_names_its_cluster_and_its_size_in_the_listening_line() throws Exception {
    Process p =
        launcher(
                "--port",
                "0",
                "--database-url",
                "jdbc:h2:mem:cluster-launch",
                "--cluster-members",
                "127.0.0.1:21400",
                "--cluster-port",
                "21400",
                "--cluster-name",
                "launch-test")
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line;
      while ((line = out.readLine()) != null && !line.startsWith("UCWA server listening on ")) {
        // the demo passwords and the start line
      }
      assertThat(line)
          .matches(
              "UCWA server listening on http://127\\.0\\.0\\.1:\\d+ \\(cluster launch-test, 1"
                  + " nodes\\)");
    } finally {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /**
   * bin/ucwa-server starts the JVM with the options Hazelcast asks for on Java 17 and newer: a node
   * started with them (read from the launcher) says nothing on standard error before its listening
   * line, neither Hazelcast's warning about the JDK's internals nor the JVM's about {@code
   * sun.misc.Unsafe}.
   */
  @Test
  void a_node_started_with_the_launchers_jvm_options_starts_without_warnings() throws Exception {
    Process options =
        new ProcessBuilder(Path.of("..", "bin", "ucwa-server").toString(), "--print-jvm-options")
            .redirectErrorStream(true)
            .start();
    String jvm = new String(options.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(options.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(options.exitValue()).as(jvm).isZero();
    assertThat(jvm).contains("--add-opens=java.base/java.lang=ALL-UNNAMED");

    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(List.of(jvm.strip().split("\\s+")));
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            Main.class.getName(),
            "--port",
            "0",
            "--database-url",
            "jdbc:h2:mem:cluster-quiet",
            "--cluster-members",
            "127.0.0.1:22201",
            "--cluster-port",
            "0",
            "--cluster-name",
            "quiet-test"));
    Process p = new ProcessBuilder(cmd).start();
    StringBuilder err = new StringBuilder();
    Thread errors =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    err.append(
                        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
                  } catch (java.io.IOException e) {
                    err.append(e);
                  }
                });
    String line;
    try {
      BufferedReader out =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      while ((line = out.readLine()) != null && !line.startsWith("UCWA server listening on ")) {
        // the demo passwords and the start line
      }
    } finally {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
      errors.join(Duration.ofSeconds(10));
    }

    assertThat(line).as(err.toString()).contains("(cluster quiet-test, 1 nodes)");
    assertThat(err.toString())
        .doesNotContain("WARNING")
        .doesNotContain("Java modular environment")
        .doesNotContain("--add-opens");
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
    return new ProcessBuilder(cmd);
  }
}
