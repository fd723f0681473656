package org.openucwa.web.people;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.openucwa.web.Paths;

/**
 * The hrefs of contact groups (decision 0051), below the people hub as
 * SubscribeToThePresenceOfAGroupOfContacts.md shows them: {@code people/groups}, {@code
 * people/groups/{id}}, a group's contacts at {@code people/contacts?groupId={id}} and its presence
 * subscription at {@code people/presenceSubscriptions?groupId={id}}.
 */
final class GroupPaths {

  private GroupPaths() {}

  static String myGroups(String appId) {
    return Paths.people(appId) + "/groups";
  }

  static String group(String appId, String id) {
    return myGroups(appId) + "/" + id;
  }

  static String groupContacts(String appId, String id) {
    return Paths.myContacts(appId) + "?groupId=" + query(id);
  }

  static String subscribeToGroupPresence(String appId, String id) {
    return Paths.presenceSubscriptions(appId) + "?groupId=" + query(id);
  }

  static String groupMemberships(String appId, String id) {
    return group(appId, id) + "/groupMemberships";
  }

  static String expandDistributionGroup(String appId, String id) {
    return group(appId, id) + "/expandDistributionGroup";
  }

  static String addToContactList(String appId) {
    return myGroups(appId) + "/addToContactList";
  }

  static String removeFromContactList(String appId) {
    return myGroups(appId) + "/removeFromContactList";
  }

  static String myGroupMemberships(String appId) {
    return Paths.people(appId) + "/groupMemberships";
  }

  /** One membership: {@code people/groupMemberships/{groupId},{address}}. */
  static String myGroupMembership(String appId, String groupId, String contactUri) {
    return myGroupMemberships(appId) + "/" + groupId + "," + Paths.bareUri(contactUri);
  }

  static String removeContactFromAllGroups(String appId) {
    return myGroupMemberships(appId) + "/removeContactFromAllGroups";
  }

  static String myContactsAndGroupsSubscription(String appId) {
    return Paths.people(appId) + "/myContactsAndGroupsSubscription";
  }

  static String startOrRefresh(String appId) {
    return myContactsAndGroupsSubscription(appId)
        + "/startOrRefreshSubscriptionToContactsAndGroups";
  }

  static String stop(String appId) {
    return myContactsAndGroupsSubscription(appId) + "/stopSubscriptionToContactsAndGroups";
  }

  private static String query(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
