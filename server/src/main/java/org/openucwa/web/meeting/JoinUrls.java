package org.openucwa.web.meeting;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Join URLs ({@code https://host/meet/alice@contoso.com/IB88RLLY}, decision 0038) and the
 * onlineMeetingUri each stands for, so that joinOnlineMeeting takes either.
 */
public final class JoinUrls {

  private static final Pattern JOIN_URL =
      Pattern.compile("(?i)https?://[^/\\s]+/meet/([^/?#\\s]+@[^/?#\\s]+)/([A-Za-z0-9]+)/?");

  private JoinUrls() {}

  /** Whether the text looks like a URL rather than a SIP URI. */
  public static boolean isUrl(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    return t.startsWith("http://") || t.startsWith("https://");
  }

  /** The onlineMeetingUri of a join URL of this server's form. */
  public static Optional<String> meetingUri(String joinUrl) {
    Matcher m = JOIN_URL.matcher(joinUrl.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    String organizer = URLDecoder.decode(m.group(1), StandardCharsets.UTF_8);
    return Optional.of(
        "sip:"
            + organizer.toLowerCase(Locale.ROOT)
            + ";gruu;opaque=app:conf:focus:id:"
            + m.group(2).toUpperCase(Locale.ROOT));
  }
}
