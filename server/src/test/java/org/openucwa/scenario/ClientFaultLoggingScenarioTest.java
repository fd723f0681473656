package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * What clients do wrong is not logged as a server fault: a malformed request, a request cut off for
 * being sent too slowly, or a client that goes away before its response is written log at most one
 * line below WARN each, without a stack trace. The logging is set up as the launcher sets it up
 * (the server library's java.util.logging bridged to SLF4J, its loggers at WARN).
 */
class ClientFaultLoggingScenarioTest {

  private static final String TOKEN = "POST /WebTicket/oauthtoken HTTP/1.1\r\nHost: 127.0.0.1\r\n";

  private final LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
  private Level helidonLevel;
  private TestServer server;

  @BeforeEach
  void start() {
    SLF4JBridgeHandler.removeHandlersForRootLogger();
    SLF4JBridgeHandler.install();
    Logger helidon = logging.getLogger("io.helidon");
    helidonLevel = helidon.getLevel();
    helidon.setLevel(Level.WARN);
    logged.start();
    logging.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(logged);
    server = TestServer.start(b -> b.requestReadTimeout(Duration.ofMillis(500)));
  }

  @AfterEach
  void stop() {
    server.close();
    logging.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(logged);
    logging.getLogger("io.helidon").setLevel(helidonLevel);
    SLF4JBridgeHandler.uninstall();
  }

  private void send(String raw, boolean resetAfter) throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.server().port())) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      if (resetAfter) {
        s.setSoLinger(true, 0);
        return;
      }
      s.shutdownOutput();
      s.getInputStream().readAllBytes();
    }
  }

  @Test
  void malformedRequestsSlowClientsAndVanishedClientsLogNoStackTraceAndNoWarning()
      throws Exception {
    UcwaClient alice = server.client("alice");
    alice.createApplication("logging");
    String events = URI.create(alice.resolve(alice.link("events"))).getRawPath();
    String query = URI.create(alice.resolve(alice.link("events"))).getRawQuery();

    List<String> malformed =
        List.of(
            TOKEN + "Transfer-Encoding: chunked\r\n\r\nZZZ\r\nabc\r\n0\r\n\r\n",
            TOKEN + "Transfer-Encoding: chunked\r\n\r\nFFFFFFFFFFFFFFFF\r\nabc\r\n0\r\n\r\n",
            TOKEN + "Content-Length: -1\r\n\r\nabc",
            TOKEN + "Content-Length: 100\r\n\r\nabc",
            TOKEN + "Content-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
            "GET /\0 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
            "GET / HTTP/1.1\0\r\nHost: 127.0.0.1\r\n\r\n",
            "NONSENSE\r\n\r\n",
            TOKEN + "X-Never-Finished: ");
    for (String raw : malformed) {
      send(raw, false);
    }
    for (int i = 0; i < 3; i++) {
      send(
          "GET "
              + events
              + "?"
              + query
              + "&timeout=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
              + alice.token()
              + "\r\n\r\n",
          true);
      Thread.sleep(100);
      alice.get(UcwaClient.withQuery(alice.link("events"), "timeout=1"));
    }
    Thread.sleep(1500); // the vanished clients' P-GETs are answered after their 1 s timeout

    assertThat(logged.list)
        .as("logged at WARN or above")
        .filteredOn(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
        .extracting(ILoggingEvent::getFormattedMessage)
        .isEmpty();
    assertThat(logged.list)
        .as("logged with a stack trace")
        .filteredOn(e -> e.getThrowableProxy() != null)
        .extracting(e -> e.getLoggerName() + ": " + e.getFormattedMessage())
        .isEmpty();
  }
}
