package org.openucwa.web;

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

  public static String communication(String appId) {
    return application(appId) + "/communication";
  }

  public static String people(String appId) {
    return application(appId) + "/people";
  }

  public static String onlineMeetings(String appId) {
    return application(appId) + "/onlineMeetings";
  }
}
