package org.openucwa.web;

import java.nio.charset.StandardCharsets;

/**
 * The URL layout of the server, modelled on a Skype for Business front end so that clients see
 * familiar paths. Everything below the applications resource is given to clients as relative links;
 * discovery links (root, user, xframe, token) are absolute, built from the public base URL.
 */
public final class Paths {

  public static final String ROOT = "/Autodiscover/AutodiscoverService.svc/root";
  public static final String USER = ROOT + "/oauth/user";
  public static final String XFRAME = "/Autodiscover/XFrame/XFrame.html";

  /**
   * The XFrame as the reference library loads it: the discovery location plus {@code /xframe}
   * (TransportLibrary.md), on whichever host name the server is reached.
   */
  public static final String DISCOVERY_XFRAME = "/xframe";

  public static final String TOKEN = "/WebTicket/oauthtoken";
  public static final String APPLICATIONS = "/ucwa/oauth/v1/applications";
  public static final String ANON_APPLICATIONS = "/ucwa/oauth/v1/anonApplications";

  /** Where meetings' join URLs live (decision 0038). */
  public static final String MEET = "/meet";

  private Paths() {}

  public static String application(String appId) {
    return APPLICATIONS + "/" + appId;
  }

  public static String events(String appId) {
    return APPLICATIONS + "/" + appId + "/events";
  }

  public static String batch(String appId) {
    return APPLICATIONS + "/" + appId + "/batch";
  }

  public static String policies(String appId) {
    return APPLICATIONS + "/" + appId + "/policies";
  }

  public static String me(String appId) {
    return APPLICATIONS + "/" + appId + "/me";
  }

  public static String makeMeAvailable(String appId) {
    return APPLICATIONS + "/" + appId + "/me/makeMeAvailable";
  }

  public static String reportMyActivity(String appId) {
    return APPLICATIONS + "/" + appId + "/me/reportMyActivity";
  }

  public static String presence(String appId) {
    return APPLICATIONS + "/" + appId + "/me/presence";
  }

  public static String note(String appId) {
    return me(appId) + "/note";
  }

  public static String location(String appId) {
    return me(appId) + "/location";
  }

  public static String phones(String appId) {
    return me(appId) + "/phones";
  }

  public static String phone(String appId, String type) {
    return phones(appId) + "/" + type;
  }

  public static String changeNumber(String appId, String type) {
    return phone(appId, type) + "/changeNumber";
  }

  public static String changeVisibility(String appId, String type) {
    return phone(appId, type) + "/changeVisibility";
  }

  public static String photo(String appId) {
    return APPLICATIONS + "/" + appId + "/me/photo";
  }

  public static String communication(String appId) {
    return APPLICATIONS + "/" + appId + "/communication";
  }

  public static String people(String appId) {
    return APPLICATIONS + "/" + appId + "/people";
  }

  public static String onlineMeetings(String appId) {
    return APPLICATIONS + "/" + appId + "/onlineMeetings";
  }

  public static String myOnlineMeetings(String appId) {
    return onlineMeetings(appId) + "/myOnlineMeetings";
  }

  public static String myOnlineMeeting(String appId, String onlineMeetingId) {
    return myOnlineMeetings(appId) + "/" + onlineMeetingId;
  }

  public static String onlineMeetingDefaultValues(String appId) {
    return onlineMeetings(appId) + "/defaultValues";
  }

  public static String onlineMeetingEligibleValues(String appId) {
    return onlineMeetings(appId) + "/eligibleValues";
  }

  public static String onlineMeetingPolicies(String appId) {
    return onlineMeetings(appId) + "/policies";
  }

  /**
   * A meeting's join URL, below the public URL: {@code /meet/alice@contoso.com/ID}, the form of
   * myOnlineMeeting_ref.md's {@code https://meet.contoso.com/bmauldin/IB88RLLY} with the whole
   * address, since one server may serve several domains.
   */
  public static String joinUrl(String organizerUri, String onlineMeetingId) {
    return MEET + "/" + bareUri(organizerUri) + "/" + onlineMeetingId;
  }

  public static String myContacts(String appId) {
    return APPLICATIONS + "/" + appId + "/people/contacts";
  }

  public static String presenceSubscriptions(String appId) {
    return people(appId) + "/presenceSubscriptions";
  }

  public static String presenceSubscription(String appId, String id) {
    return presenceSubscriptions(appId) + "/" + id;
  }

  /** As SubscribeToThePresenceOfSelectedContacts.md shows it, also addToPresenceSubscription. */
  public static String presenceSubscriptionMemberships(String appId, String id) {
    return people(appId) + "/presenceSubscriptionMemberships?presenceSubscriptionId=" + id;
  }

  /**
   * A membership: {@code presenceSubscriptionMemberships/{id},{address}}, as the reference names
   * it.
   */
  public static String presenceSubscriptionMembership(String appId, String id, String userUri) {
    return people(appId) + "/presenceSubscriptionMemberships/" + id + "," + bareUri(userUri);
  }

  public static String subscribedContacts(String appId) {
    return people(appId) + "/subscribedContacts";
  }

  public static String search(String appId) {
    return APPLICATIONS + "/" + appId + "/people/search";
  }

  /** A contact, named by its address as in ReceiveAnIM.md: {@code people/bob@contoso.com}. */
  public static String contact(String appId, String userUri) {
    return APPLICATIONS + "/" + appId + "/people/" + bareUri(userUri);
  }

  public static String contactPresence(String appId, String userUri) {
    return APPLICATIONS + "/" + appId + "/people/" + bareUri(userUri) + "/presence";
  }

  /** As ReceiveAnIM.md shows them: {@code people/{address}/note}. */
  /**
   * {@code people/{address}/contactPrivacyRelationship}, as resetContactPrivacyRelationship_ref.md.
   */
  public static String contactPrivacyRelationship(String appId, String userUri) {
    return contact(appId, userUri) + "/contactPrivacyRelationship";
  }

  /** {@code people/myPrivacyRelationships}, as myPrivacyRelationships_ref.md. */
  public static String myPrivacyRelationships(String appId) {
    return people(appId) + "/myPrivacyRelationships";
  }

  public static String contactNote(String appId, String userUri) {
    return contact(appId, userUri) + "/note";
  }

  /** As ReceiveAnIM.md shows it: {@code people/{address}/supportedMedia}. */
  public static String contactSupportedModalities(String appId, String userUri) {
    return contact(appId, userUri) + "/supportedMedia";
  }

  public static String contactLocation(String appId, String userUri) {
    return contact(appId, userUri) + "/location";
  }

  public static String contactPhoto(String appId, String userUri) {
    return APPLICATIONS + "/" + appId + "/photos/" + bareUri(userUri);
  }

  /**
   * {@code sip:alice@contoso.com} as a path segment: without its scheme, as the reference's paths
   * show it, and percent-encoded where a path segment needs it (letters, digits, @ and + stay).
   */
  public static String bareUri(String userUri) {
    return segment(userUri.regionMatches(true, 0, "sip:", 0, 4) ? userUri.substring(4) : userUri);
  }

  static String segment(String text) {
    if (safe(text)) {
      return text;
    }
    StringBuilder out = new StringBuilder(text.length());
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z')
          || (c >= 'A' && c <= 'Z')
          || (c >= '0' && c <= '9')
          || "-._~@+".indexOf(c) >= 0) {
        out.append(c);
      } else {
        out.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return out.toString();
  }

  /** The ASCII characters a path segment keeps as they are: letters, digits and {@code -._~@+}. */
  private static final boolean[] SAFE = new boolean[128];

  static {
    for (char c = 0; c < 128; c++) {
      SAFE[c] =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "-._~@+".indexOf(c) >= 0;
    }
  }

  private static boolean safe(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c >= 128 || !SAFE[c]) {
        return false;
      }
    }
    return true;
  }

  public static String conversations(String appId) {
    return APPLICATIONS + "/" + appId + "/communication/conversations";
  }

  public static String conversation(String appId, String conversationId) {
    return APPLICATIONS + "/" + appId + "/communication/conversations/" + conversationId;
  }

  public static String participants(String appId, String conversationId) {
    return APPLICATIONS
        + "/"
        + appId
        + "/communication/conversations/"
        + conversationId
        + "/participants";
  }

  public static String participant(String appId, String conversationId, String userUri) {
    return APPLICATIONS
        + "/"
        + appId
        + "/communication/conversations/"
        + conversationId
        + "/participants/"
        + bareUri(userUri);
  }

  public static String participantMessaging(String appId, String conversationId, String userUri) {
    return APPLICATIONS
        + "/"
        + appId
        + "/communication/conversations/"
        + conversationId
        + "/participants/"
        + bareUri(userUri)
        + "/messaging";
  }

  public static String messaging(String appId, String conversationId) {
    return APPLICATIONS
        + "/"
        + appId
        + "/communication/conversations/"
        + conversationId
        + "/messaging";
  }

  public static String messages(String appId, String conversationId) {
    return APPLICATIONS
        + "/"
        + appId
        + "/communication/conversations/"
        + conversationId
        + "/messaging/messages";
  }

  public static String message(String appId, String conversationId, String messageId) {
    return APPLICATIONS
        + "/"
        + appId
        + "/communication/conversations/"
        + conversationId
        + "/messaging/messages/"
        + messageId;
  }

  public static String stopMessaging(String appId, String conversationId) {
    return APPLICATIONS
        + "/"
        + appId
        + "/communication/conversations/"
        + conversationId
        + "/messaging/terminate";
  }

  public static String setIsTyping(String appId, String conversationId) {
    return APPLICATIONS
        + "/"
        + appId
        + "/communication/conversations/"
        + conversationId
        + "/messaging/typing";
  }

  public static String typingParticipants(String appId, String conversationId) {
    return APPLICATIONS
        + "/"
        + appId
        + "/communication/conversations/"
        + conversationId
        + "/messaging/typingParticipants";
  }

  public static String addMessaging(String appId, String conversationId) {
    return APPLICATIONS
        + "/"
        + appId
        + "/communication/conversations/"
        + conversationId
        + "/messaging/messagingInvitations";
  }

  public static String messagingInvitations(String appId) {
    return APPLICATIONS + "/" + appId + "/communication/messagingInvitations";
  }

  public static String messagingInvitation(String appId, String invitationId) {
    return APPLICATIONS + "/" + appId + "/communication/messagingInvitations/" + invitationId;
  }

  public static String addParticipant(String appId, String conversationId) {
    return APPLICATIONS
        + "/"
        + appId
        + "/communication/conversations/"
        + conversationId
        + "/participantInvitations";
  }

  public static String participantInvitation(String appId, String invitationId) {
    return APPLICATIONS + "/" + appId + "/communication/participantInvitations/" + invitationId;
  }

  public static String leaders(String appId, String conversationId) {
    return APPLICATIONS
        + "/"
        + appId
        + "/communication/conversations/"
        + conversationId
        + "/leaders";
  }

  public static String attendees(String appId, String conversationId) {
    return APPLICATIONS
        + "/"
        + appId
        + "/communication/conversations/"
        + conversationId
        + "/attendees";
  }

  public static String lobby(String appId, String conversationId) {
    return conversation(appId, conversationId) + "/lobby";
  }

  public static String onlineMeetingInvitation(String appId, String invitationId) {
    return APPLICATIONS + "/" + appId + "/communication/onlineMeetingInvitations/" + invitationId;
  }
}
