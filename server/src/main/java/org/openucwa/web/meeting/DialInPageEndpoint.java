package org.openucwa.web.meeting;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openucwa.meeting.AudioConferenceProvider;
import org.openucwa.meeting.DialInRegion;
import org.openucwa.web.Endpoint;
import org.openucwa.web.Exchange;
import org.openucwa.web.Reply;

/**
 * The dial-in page phoneDialInInformation names as its externalDirectoryUri and
 * internalDirectoryUri (decision 0052): a small HTML page, without sign-in, listing the numbers
 * phone users dial into meetings, by region, and the audio conference provider's. The conference id
 * to enter is each meeting's own, in its invitation. Without configured numbers it is a 404 page.
 */
public final class DialInPageEndpoint {

  /** Where the page is, on the server's public URL. */
  public static final String PATH = "/dialin";

  private final List<DialInRegion> regions;
  private final Optional<AudioConferenceProvider> provider;

  public DialInPageEndpoint(
      List<DialInRegion> regions, Optional<AudioConferenceProvider> provider) {
    this.regions = List.copyOf(regions);
    this.provider = provider;
  }

  public List<Endpoint> endpoints() {
    return List.of(new Endpoint(PATH, "dialIn", false, Map.of("GET", this::page)));
  }

  private Reply page(Exchange x) {
    if (regions.isEmpty() && provider.isEmpty()) {
      return JoinPageEndpoint.html(
          404,
          "No dial-in numbers",
          "<h1>No dial-in numbers</h1>\n<p>This server's meetings have no dial-in numbers.</p>");
    }
    StringBuilder body = new StringBuilder("<h1>Dial-in numbers</h1>\n");
    if (!regions.isEmpty()) {
      body.append("<table>\n<tr><th>Region</th><th>Number</th><th>Languages</th></tr>\n");
      for (DialInRegion r : regions) {
        body.append("<tr><td>")
            .append(JoinPageEndpoint.escape(r.name()))
            .append("</td><td>")
            .append(JoinPageEndpoint.escape(number(r.number())))
            .append("</td><td>")
            .append(JoinPageEndpoint.escape(String.join(", ", r.languages())))
            .append("</td></tr>\n");
      }
      body.append("</table>\n");
    }
    provider.ifPresent(
        p -> {
          body.append("<h2>Audio conference provider</h2>\n<p>Toll: ")
              .append(JoinPageEndpoint.escape(number(p.tollNumber())))
              .append("</p>\n");
          if (!p.tollFreeNumbers().isEmpty()) {
            body.append("<p>Toll-free: ")
                .append(
                    JoinPageEndpoint.escape(
                        String.join(
                            ", ",
                            p.tollFreeNumbers().stream().map(DialInPageEndpoint::number).toList())))
                .append("</p>\n");
          }
          p.participantPassCode()
              .ifPresent(
                  c ->
                      body.append("<p>Participant pass code: ")
                          .append(JoinPageEndpoint.escape(c))
                          .append("</p>\n"));
        });
    body.append("<p>When asked, enter the conference ID given in the meeting's invitation.</p>");
    return JoinPageEndpoint.html(200, "Dial-in numbers", body.toString());
  }

  /** {@code tel:+14255550001} as a person dials it: {@code +14255550001}. */
  private static String number(String tel) {
    return tel.startsWith("tel:") ? tel.substring(4) : tel;
  }
}
