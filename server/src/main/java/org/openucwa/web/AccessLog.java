package org.openucwa.web;

import java.util.Optional;
import org.openucwa.auth.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per request on the {@code org.openucwa.access} logger: method, path, status, bytes,
 * milliseconds and the signed-in user ({@code -} for none); the time is the log line's own. The
 * query is left out, and tokens never appear in paths, so no secret reaches the log. With {@code
 * --log-format json} the same fields are key-value pairs of the JSON line.
 */
public final class AccessLog implements RequestObserver {

  /** The logger's name, for the logging configuration. */
  public static final String LOGGER = "org.openucwa.access";

  private static final Logger LOG = LoggerFactory.getLogger(LOGGER);

  @Override
  public void answered(
      HttpRequest request,
      String template,
      Optional<Principal> principal,
      HttpResponse response,
      long nanos) {
    if (!LOG.isInfoEnabled()) {
      return;
    }
    String user = principal.map(Principal::userUri).orElse("-");
    long micros = nanos / 1000;
    String millis = (micros / 1000) + "." + (char) ('0' + (micros / 100) % 10);
    LOG.atInfo()
        .addKeyValue("method", request.method())
        .addKeyValue("path", request.path())
        .addKeyValue("status", response.status())
        .addKeyValue("bytes", response.body().length)
        .addKeyValue("ms", millis)
        .addKeyValue("user", user)
        .log(
            new StringBuilder(request.path().length() + user.length() + 40)
                .append(request.method())
                .append(' ')
                .append(request.path())
                .append(' ')
                .append(response.status())
                .append(' ')
                .append(response.body().length)
                .append("B ")
                .append(millis)
                .append("ms ")
                .append(user)
                .toString());
  }
}
