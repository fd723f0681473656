package org.openucwa.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openucwa.testing.TestServer;
import org.openucwa.testing.UcwaClient;
import org.openucwa.testing.UcwaClient.Response;

/**
 * Each part of a batch answer laid out as the samples of BatchingRequests.md and batch_ref.md show
 * it: the part's own Content-Type and a blank line, the inner status line, its headers with
 * Content-Type last, a blank line, the body. The reference's JavaScript library (MimeLibrary.md)
 * relies on that order: it reads the status from the {@code HTTP/1.1} line and takes every line
 * after the inner Content-Type header as body, so any header placed after Content-Type would be
 * read as body. Both checked here, for JSON and XML parts, with bodies and without.
 */
class BatchPartLayoutScenarioTest {

  private static final String BOUNDARY = "77f2569d-c005-442b-b856-782305305e5f";
  private static final String XML = "application/vnd.microsoft.com.ucwa+xml";

  /** A part as its samples lay it out; group 1 the status, 2 the Content-Type, 3 the body. */
  private static final Pattern SAMPLE_LAYOUT =
      Pattern.compile(
          "\r\nContent-Type: application/http; msgtype=response\r\n\r\n"
              + "HTTP/1\\.1 (\\d{3}) [A-Za-z ]+\r\n"
              + "(?:(?!Content-Type:)[A-Za-z-]+: [^\r\n]*\r\n)*"
              + "(?:Content-Type: ([^\r\n]+)\r\n)?"
              + "\r\n(.*)\r\n",
          Pattern.DOTALL);

  private TestServer server;
  private UcwaClient alice;

  @BeforeEach
  void start() {
    server = TestServer.start();
    alice = server.client("alice");
    alice.createApplication("layout");
    alice.makeAvailable();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void json_parts_read_by_the_reference_mime_library_are_the_resources_themselves() {
    assertEveryPartReadsAsSentAlone("application/json");
  }

  @Test
  void xml_parts_read_by_the_reference_mime_library_are_the_resources_themselves() {
    assertEveryPartReadsAsSentAlone(XML);
  }

  private void assertEveryPartReadsAsSentAlone(String accept) {
    List<String> gets =
        List.of(
            alice.link("me/self"),
            alice.link("policies"),
            alice.link("people/myContacts"),
            alice.link("self") + "/noSuchResource");
    List<String> parts = new ArrayList<>();
    gets.forEach(href -> parts.add("GET " + href + " HTTP/1.1\r\nAccept: " + accept + "\r\n"));
    parts.add(
        "POST "
            + alice.get(alice.link("me/self")).json().at("/_links/reportMyActivity/href").asText()
            + " HTTP/1.1\r\nAccept: "
            + accept
            + "\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}");

    Response r =
        alice.post(
            alice.link("batch"),
            "multipart/batching;boundary=" + BOUNDARY,
            multipart(parts),
            Map.of("Accept", "multipart/batching"));

    assertThat(r.status()).as(r.body()).isEqualTo(200);
    List<ReferenceMime.Message> read =
        ReferenceMime.processMessage(r.header("Content-Type"), r.body());
    assertThat(read)
        .extracting(ReferenceMime.Message::status)
        .containsExactly(200, 200, 200, 404, 204);
    for (int i = 0; i < gets.size(); i++) {
      Response alone = alice.get(gets.get(i), Map.of("Accept", accept));
      assertThat(read.get(i).responseText()).as(gets.get(i)).isEqualTo(alone.body().strip());
      assertThat(read.get(i).header()).as(gets.get(i)).contains("Content-Type: " + accept);
    }
    assertThat(read.get(4).responseText()).isEmpty();

    String delimiter = "--" + boundary(r);
    String[] chunks = r.body().split(Pattern.quote(delimiter));
    assertThat(chunks).hasSize(parts.size() + 2);
    assertThat(chunks[0]).isEmpty();
    assertThat(chunks[chunks.length - 1]).isEqualTo("--\r\n");
    for (int i = 1; i <= parts.size(); i++) {
      Matcher m = SAMPLE_LAYOUT.matcher(chunks[i]);
      assertThat(m.matches()).as("part %d:%n%s", i, chunks[i]).isTrue();
      assertThat(m.group(2) == null).as("part %d has no body", i).isEqualTo(m.group(3).isEmpty());
    }
  }

  private static String boundary(Response r) {
    Matcher m = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(r.header("Content-Type"));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static String multipart(List<String> requests) {
    StringBuilder b = new StringBuilder();
    for (String request : requests) {
      b.append("--")
          .append(BOUNDARY)
          .append("\r\nContent-Type: application/http; msgtype=request\r\n\r\n")
          .append(request)
          .append("\r\n");
    }
    return b.append("--").append(BOUNDARY).append("--\r\n").toString();
  }

  /**
   * A batch answer read as MimeLibrary.md's processMessage describes: the boundary from the
   * response's Content-Type, the body split on it, each part's lines split on CRLF; the {@code
   * HTTP/1.1} line gives the status and the header lines after it, and every non-blank line after
   * the inner Content-Type header (the one that is not {@code application/http}) is body.
   */
  static final class ReferenceMime {

    record Message(int status, String header, String responseText) {}

    static List<Message> processMessage(String contentType, String body) {
      Matcher m = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(contentType);
      if (!m.find()) {
        throw new AssertionError("no boundary in " + contentType);
      }
      List<Message> messages = new ArrayList<>();
      for (String part : body.split(Pattern.quote("--" + m.group(1)))) {
        String trimmed = part.strip();
        if (trimmed.isEmpty() || trimmed.equals("--")) {
          continue;
        }
        String[] lines = trimmed.split("\r\n", -1);
        int status = 0;
        StringBuilder header = new StringBuilder();
        List<String> bodyLines = new ArrayList<>();
        boolean inBody = false;
        for (int i = 0; i < lines.length; i++) {
          String line = lines[i];
          if (!inBody && line.contains("Content-Type")) {
            inBody = !line.contains("http; msgtype=response");
          } else if (!inBody && line.contains("HTTP/1.1")) {
            status = Integer.parseInt(line.split(" ")[1]);
            for (int h = i + 1; h < lines.length && !lines[h].isBlank(); h++) {
              header.append(lines[h]).append('\n');
            }
          } else if (inBody && !line.isBlank()) {
            bodyLines.add(line);
          }
        }
        messages.add(new Message(status, header.toString(), String.join("\r\n", bodyLines)));
      }
      return messages;
    }
  }
}
