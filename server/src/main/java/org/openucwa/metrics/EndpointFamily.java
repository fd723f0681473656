package org.openucwa.metrics;

import org.openucwa.web.Paths;
import org.openucwa.web.RequestObserver;

/**
 * Groups endpoints into the families metrics are reported by, from their path template: {@code
 * discovery}, {@code oauthtoken}, {@code xframe}, {@code applications}, and below an application
 * the first fixed segment after {@code communication/} or the application ({@code events}, {@code
 * me}, {@code people}, {@code conversations}, {@code messagingInvitations}, {@code batch}, ...).
 */
final class EndpointFamily {

  private static final String APP = Paths.APPLICATIONS + "/{app}";

  private EndpointFamily() {}

  static String of(String template) {
    if (template.equals(RequestObserver.UNMATCHED)) {
      return "unmatched";
    }
    if (template.equals(Paths.TOKEN)) {
      return "oauthtoken";
    }
    if (template.startsWith(Paths.XFRAME)) {
      return "xframe";
    }
    if (template.startsWith("/Autodiscover") || template.equals("/")) {
      return "discovery";
    }
    if (!template.startsWith(APP + "/")) {
      return template.startsWith(Paths.APPLICATIONS) ? "applications" : "other";
    }
    String[] rest = template.substring(APP.length() + 1).split("/");
    int i = rest.length > 1 && rest[0].equals("communication") ? 1 : 0;
    while (i < rest.length && rest[i].startsWith("{")) {
      i++;
    }
    return i < rest.length ? rest[i] : "applications";
  }
}
