package org.openucwa.web.meeting;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openucwa.meeting.MeetingCustomization;
import org.openucwa.meeting.MeetingScheduler;
import org.openucwa.meeting.OnlineMeeting;
import org.openucwa.web.Endpoint;
import org.openucwa.web.Exchange;
import org.openucwa.web.HttpResponse;
import org.openucwa.web.Paths;
import org.openucwa.web.Reply;

/**
 * What a browser sees at a meeting's join URL: a small HTML page naming the meeting and saying how
 * to join it (the join URL or the onlineMeetingUri, POSTed on joinOnlineMeeting). It needs no
 * sign-in, as a link in an invitation mail; an unknown or expired meeting is a 404 page.
 */
public final class JoinPageEndpoint {

  private static final String HTML = "text/html; charset=utf-8";

  private final MeetingScheduler scheduler;
  private final Clock clock;
  private final MeetingCustomization customization;

  public JoinPageEndpoint(MeetingScheduler scheduler, Clock clock) {
    this(scheduler, clock, MeetingCustomization.NONE);
  }

  /**
   * @param customization the operator's disclaimer, shown before the ways to join
   */
  public JoinPageEndpoint(
      MeetingScheduler scheduler, Clock clock, MeetingCustomization customization) {
    this.scheduler = scheduler;
    this.clock = clock;
    this.customization = customization;
  }

  public List<Endpoint> endpoints() {
    return List.of(
        new Endpoint(
            Paths.MEET + "/{organizer}/{meeting}", "joinUrl", false, Map.of("GET", this::page)));
  }

  private Reply page(Exchange x) {
    String organizer = "sip:" + URLDecoder.decode(x.param("organizer"), StandardCharsets.UTF_8);
    Optional<OnlineMeeting> found =
        organizer.contains("@")
            ? scheduler
                .find(organizer, x.param("meeting"))
                .filter(m -> !m.isExpiredAt(clock.instant()))
            : Optional.empty();
    if (found.isEmpty()) {
      return html(
          404,
          "Meeting not found",
          "<h1>Meeting not found</h1>\n<p>There is no such meeting, or it has expired.</p>");
    }
    OnlineMeeting m = found.get();
    String title = m.subject().orElse("Online meeting");
    String body =
        "<h1>"
            + escape(title)
            + "</h1>\n<p>Organized by "
            + escape(m.organizerUri())
            + (m.expirationTime().map(t -> ", until " + t).orElse(""))
            + ".</p>\n"
            + m.description().map(d -> "<p>" + escape(d) + "</p>\n").orElse("")
            + disclaimer()
            + "<p>To join from a UCWA application, POST this page's address or the meeting URI"
            + " below as <code>onlineMeetingUri</code> on your application's"
            + " <code>joinOnlineMeeting</code> link.</p>\n<p>Meeting URI: <code>"
            + escape(m.onlineMeetingUri())
            + "</code></p>\n<p>Conference ID: <code>"
            + escape(m.conferenceId())
            + "</code></p>";
    return html(200, title, body);
  }

  private String disclaimer() {
    if (customization.disclaimerTitle().isEmpty() && customization.disclaimerBody().isEmpty()) {
      return "";
    }
    return "<section class=\"disclaimer\">\n"
        + customization.disclaimerTitle().map(t -> "<h2>" + escape(t) + "</h2>\n").orElse("")
        + customization.disclaimerBody().map(b -> "<p>" + escape(b) + "</p>\n").orElse("")
        + "</section>\n";
  }

  static Reply html(int status, String title, String body) {
    String page =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>"
            + escape(title)
            + "</title>\n</head>\n<body>\n"
            + body
            + "\n</body>\n</html>\n";
    return new Reply.Raw(
        HttpResponse.of(status, HTML, page.getBytes(StandardCharsets.UTF_8))
            .withHeader("Cache-Control", "no-store"));
  }

  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
