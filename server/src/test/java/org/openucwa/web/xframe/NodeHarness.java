package org.openucwa.web.xframe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the script of a real {@link XFramePage} under Node.js with {@code harness.js}, so the relay
 * is tested as shipped rather than as a copy: messages go in, what the page posted back comes out.
 * One Node process per {@link #run}; the caller's thread waits for it.
 */
final class NodeHarness {

  /** A message event: the sender's origin and the posted data (a string or a JSON object). */
  record Message(String origin, Object data) {}

  /** What the page posted to the sender of message number {@code message}. */
  record Reply(int message, String targetOrigin, String dataType, String data) {

    JsonNode json() {
      try {
        return MAPPER.readTree(data);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The page's message listeners, its allowed origins as the script holds them, its replies. */
  record Result(int listeners, List<String> allowedOrigins, List<Reply> replies) {}

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long TIMEOUT_SECONDS = 30;

  private final Path node;

  private NodeHarness(Path node) {
    this.node = node;
  }

  /** The harness over the {@code node} found on the PATH, if there is one. */
  static Optional<NodeHarness> find() {
    return executable("node").map(NodeHarness::new);
  }

  /** A program on the PATH (or in /usr/local/bin, /usr/bin), if there is one. */
  static Optional<Path> executable(String name) {
    String path = Optional.ofNullable(System.getenv("PATH")).orElse("");
    return Stream.concat(
            Stream.of(path.split(File.pathSeparator)).filter(s -> !s.isEmpty()).map(Path::of),
            Stream.of(Path.of("/usr/local/bin"), Path.of("/usr/bin")))
        .map(dir -> dir.resolve(name))
        .filter(Files::isExecutable)
        .findFirst();
  }

  /**
   * The inline script of the page: what lies between its {@code <script>} and {@code </script>}.
   */
  static String script(byte[] html) {
    String page = new String(html, StandardCharsets.UTF_8);
    int open = page.indexOf("<script>");
    int close = page.indexOf("</script>", open);
    if (open < 0 || close < 0) {
      throw new IllegalArgumentException("The page holds no inline script");
    }
    return page.substring(open + "<script>".length(), close);
  }

  Result run(XFramePage page, String pageOrigin, List<Message> messages) throws Exception {
    return run(page.html(), pageOrigin, messages);
  }

  /** Runs the script of a page as served (for instance fetched from a running server). */
  Result run(byte[] html, String pageOrigin, List<Message> messages) throws Exception {
    Path dir = Files.createTempDirectory("xframe-harness");
    try {
      Path script = Files.writeString(dir.resolve("xframe.js"), script(html));
      Path harness = dir.resolve("harness.js");
      try (InputStream in = NodeHarness.class.getResourceAsStream("harness.js")) {
        Files.write(harness, in.readAllBytes());
      }
      Process process =
          new ProcessBuilder(node.toString(), harness.toString(), script.toString())
              .redirectOutput(dir.resolve("stdout.json").toFile())
              .redirectError(dir.resolve("stderr.txt").toFile())
              .start();
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(
            MAPPER.writeValueAsBytes(Map.of("pageOrigin", pageOrigin, "messages", messages)));
      }
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("node did not finish in " + TIMEOUT_SECONDS + " s");
      }
      if (process.exitValue() != 0) {
        throw new AssertionError(
            "node failed ("
                + process.exitValue()
                + "): "
                + Files.readString(dir.resolve("stderr.txt")));
      }
      return MAPPER.readValue(dir.resolve("stdout.json").toFile(), Result.class);
    } finally {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(dir);
    }
  }
}
