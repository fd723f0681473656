package org.openucwa.web;

import java.nio.charset.StandardCharsets;

/**
 * The URL layout of the server, modelled on a Skype for Business front end so that clients see
 * familiar paths. Everything below the applications resource is given to clients as relative
 * links; discovery links (root, user, xframe, token) are absolute, built from the public base URL.
 */
public final class Paths {

  public static final String ROOT = "/Autodiscover/AutodiscoverService.svc/root";
  public static final String USER = ROOT + "/oauth/user";
  public static final String XFRAME = "/Autodiscover/XFrame/XFrame.html";
  public static final String TOKEN = "/WebTicket/oauthtoken";
  public static final String APPLICATIONS = "/ucwa/oauth/v1/applications";

  private Paths() {}

  public static String application(String appId) {
    return APPLICATIONS + "/" + appId;
  }

  public static String events(String appId) {
    return application(appId) + "/events";
  }

  public static String batch(String appId) {
    return application(appId) + "/batch";
  }

  public static String policies(String appId) {
    return application(appId) + "/policies";
  }

  public static String me(String appId) {
    return application(appId) + "/me";
  }

  public static String makeMeAvailable(String appId) {
    return me(appId) + "/makeMeAvailable";
  }

  public static String reportMyActivity(String appId) {
    return me(appId) + "/reportMyActivity";
  }

  public static String presence(String appId) {
    return me(appId) + "/presence";
  }

  public static String photo(String appId) {
    return me(appId) + "/photo";
  }

  public static String communication(String appId) {
    return application(appId) + "/communication";
  }

  public static String people(String appId) {
    return application(appId) + "/people";
  }

  public static String onlineMeetings(String appId) {
    return application(appId) + "/onlineMeetings";
  }

  public static String myContacts(String appId) {
    return people(appId) + "/contacts";
  }

  public static String search(String appId) {
    return people(appId) + "/search";
  }

  /** A contact, named by its address as in ReceiveAnIM.md: {@code people/bob@contoso.com}. */
  public static String contact(String appId, String userUri) {
    return people(appId) + "/" + segment(address(userUri));
  }

  public static String contactPresence(String appId, String userUri) {
    return contact(appId, userUri) + "/presence";
  }

  public static String contactPhoto(String appId, String userUri) {
    return application(appId) + "/photos/" + segment(address(userUri));
  }

  private static String address(String userUri) {
    return userUri.regionMatches(true, 0, "sip:", 0, 4) ? userUri.substring(4) : userUri;
  }

  /** Percent-encodes what may not stand in a path segment; letters, digits, @ and + stay. */
  static String segment(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || "-._~@+".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }
}
