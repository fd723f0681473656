package org.openucwa.web.xframe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openucwa.testing.SelfSignedCertificate;
import org.openucwa.testing.TestServer;

/**
 * A real browser client, end to end: Debian's headless Chromium, driven from Node.js, opens a page
 * on another origin ({@code app.fabrikam.com}) that signs in through the discovery host's frame at
 * {@code https://lyncdiscover.contoso.com/xframe} exactly as the reference's library pages describe
 * (postMessage to the frame, MsRtcOAuth challenge, password grant, application, P-GET), sends one
 * batch and reads its parts as MimeLibrary.md does, and loads a contact's photo with an {@code
 * <img>} that only the cwt_ucwa cookie can authorize: a cookie set in a cross-site frame, so the
 * browser keeps it only because it says {@code SameSite=None; Secure}. Both host names are mapped
 * to the loopback address inside Chromium; the server has a self-signed certificate.
 *
 * <p>Needs node, npm, Chromium and openssl; {@code .ci/run} installs them. Without them the test is
 * skipped on a developer's machine but fails under CI ({@code CI=true}).
 */
class BrowserSignInTest {

  private static final String DISCOVERY_HOST = "lyncdiscover.contoso.com";
  private static final String APP_HOST = "app.fabrikam.com";
  private static final Path DRIVER = Path.of("src", "test", "browser");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void a_page_on_another_origin_signs_in_batches_and_loads_a_photo_through_the_xframe(
      @TempDir Path dir) throws Exception {
    Path node = require(NodeHarness.executable("node"), "node is not installed");
    Path chromium =
        require(
            Optional.of(
                    Path.of(
                        Optional.ofNullable(System.getenv("CHROMIUM")).orElse("/usr/bin/chromium")))
                .filter(Files::isExecutable),
            "chromium is not installed (apt-get install chromium)");
    installDriver(dir);
    SelfSignedCertificate cert =
        require(
            SelfSignedCertificate.create(dir, List.of(DISCOVERY_HOST)), "openssl is not installed");

    HttpServer pages =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    byte[] page = Files.readAllBytes(DRIVER.resolve("page.html"));
    pages.createContext(
        "/",
        exchange -> {
          exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
          exchange.sendResponseHeaders(200, page.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(page);
          }
        });
    pages.start();
    String appOrigin = "http://" + APP_HOST + ":" + pages.getAddress().getPort();
    try (TestServer server =
        TestServer.start(b -> b.tls(cert.cert(), cert.key()).allowedOrigins(List.of(appOrigin)))) {
      String discovery = "https://" + DISCOVERY_HOST + ":" + server.server().port();
      String pageUrl =
          appOrigin
              + "/?discovery="
              + enc(discovery)
              + "&username="
              + enc("alice@contoso.com")
              + "&password="
              + enc(TestServer.PASSWORD);

      JsonNode result = drive(node, chromium, pageUrl, dir);

      assertThat(result.path("ok").asBoolean())
          .as(
              "the page failed: %s%nsteps: %s%nconsole: %s",
              result.path("error"),
              result.path("steps"),
              result.path("console") + " " + result.path("cookies"))
          .isTrue();
      assertThat(result.path("steps").findValuesAsText("name"))
          .containsExactly(
              "frame",
              "discovery",
              "challenge",
              "token",
              "application",
              "events",
              "batch",
              "photo");
      assertThat(result.toString()).contains(discovery + "/WebTicket/oauthtoken");
    } finally {
      pages.stop(0);
    }
  }

  private static JsonNode drive(Path node, Path chromium, String pageUrl, Path dir)
      throws IOException, InterruptedException {
    ProcessBuilder b =
        new ProcessBuilder(node.toString(), DRIVER.resolve("signin.js").toString(), pageUrl)
            .redirectOutput(dir.resolve("stdout.json").toFile())
            .redirectError(dir.resolve("stderr.txt").toFile());
    b.environment().put("CHROMIUM", chromium.toString());
    b.environment()
        .put(
            "HOST_RESOLVER_RULES",
            "MAP " + DISCOVERY_HOST + " 127.0.0.1, MAP " + APP_HOST + " 127.0.0.1");
    Process p = b.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail("the browser did not finish: " + Files.readString(dir.resolve("stderr.txt")));
    }
    String stdout = Files.readString(dir.resolve("stdout.json"));
    assertThat(p.exitValue())
        .as(
            "the browser could not be driven: %s%s",
            stdout, Files.readString(dir.resolve("stderr.txt")))
        .isZero();
    return JSON.readTree(stdout);
  }

  /** The driver's npm packages, from the committed lock file, unless already installed. */
  private static void installDriver(Path dir) throws IOException, InterruptedException {
    if (Files.exists(DRIVER.resolve("node_modules/playwright-core/package.json"))) {
      return;
    }
    Path npm = require(NodeHarness.executable("npm"), "npm is not installed");
    Process p =
        new ProcessBuilder(npm.toString(), "ci", "--no-audit", "--no-fund")
            .directory(DRIVER.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("npm.log").toFile())
            .start();
    if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      fail("npm ci failed: " + Files.readString(dir.resolve("npm.log")));
    }
  }

  /**
   * What the test needs from the machine: skipped with a clear message on a developer's machine
   * that lacks it, but a failure under CI, where .ci/run installs everything.
   */
  private static <T> T require(Optional<T> thing, String missing) {
    if (thing.isEmpty()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail(missing + ", and CI must run the browser test");
      }
      assumeTrue(false, missing + ": the browser test is skipped");
    }
    return thing.get();
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
