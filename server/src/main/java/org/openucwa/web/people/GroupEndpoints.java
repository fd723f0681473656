package org.openucwa.web.people;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.openucwa.application.Application;
import org.openucwa.directory.Directory;
import org.openucwa.directory.User;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;
import org.openucwa.people.ContactGroup;
import org.openucwa.people.ContactLists;
import org.openucwa.people.ContactsAndGroupsSubscriptions;
import org.openucwa.people.GroupKind;
import org.openucwa.resource.Input;
import org.openucwa.web.Endpoint;
import org.openucwa.web.Exchange;
import org.openucwa.web.HttpResponse;
import org.openucwa.web.Params;
import org.openucwa.web.Reply;
import org.openucwa.web.application.ApplicationEndpoints;

/**
 * Contact groups and the contact list over HTTP (decision 0051): myGroups (GET, POST a new group),
 * a group (GET; PUT and DELETE of a personal group), its groupMemberships, a distribution group's
 * expansion, addToContactList and removeFromContactList, myGroupMemberships (GET, POST a contact to
 * a group), a membership (GET, DELETE), removeContactFromAllGroups, and the contacts-and-groups
 * subscription. Listed before {@code people/{contact}} so that the literal paths win the match.
 */
public final class GroupEndpoints {

  private static final String APP = PeopleEndpoints.APP;

  /** removeContactFromAllGroups_ref.md and myGroupMemberships2_ref.md: "at most 250 characters". */
  private static final int MAX_CONTACT_URI = 250;

  private static final int MAX_ADDRESS = 512;

  private final ApplicationEndpoints applications;
  private final Directory directory;
  private final ContactLists lists;
  private final ContactsAndGroupsSubscriptions subscriptions;
  private final GroupAssembler assembler;

  public GroupEndpoints(
      ApplicationEndpoints applications,
      Directory directory,
      ContactLists lists,
      ContactsAndGroupsSubscriptions subscriptions,
      GroupAssembler assembler) {
    this.applications = applications;
    this.directory = directory;
    this.lists = lists;
    this.subscriptions = subscriptions;
    this.assembler = assembler;
  }

  public List<Endpoint> endpoints() {
    String groups = APP + "/people/groups";
    String memberships = APP + "/people/groupMemberships";
    String subscription = APP + "/people/myContactsAndGroupsSubscription";
    return List.of(
        new Endpoint(
            groups, "myGroups", true, Map.of("GET", this::myGroups, "POST", this::createGroup)),
        new Endpoint(
            groups + "/addToContactList",
            "addToContactList",
            true,
            Map.of("POST", this::addToContactList)),
        new Endpoint(
            groups + "/removeFromContactList",
            "removeFromContactList",
            true,
            Map.of("POST", this::removeFromContactList)),
        new Endpoint(
            groups + "/{group}",
            "group",
            true,
            Map.of("GET", this::group, "PUT", this::rename, "DELETE", this::deleteGroup)),
        new Endpoint(
            groups + "/{group}/groupMemberships",
            "groupMemberships",
            true,
            Map.of("GET", this::groupMemberships)),
        new Endpoint(
            groups + "/{group}/expandDistributionGroup",
            "expandDistributionGroup",
            true,
            Map.of("GET", this::expandDistributionGroup)),
        new Endpoint(
            memberships,
            "myGroupMemberships",
            true,
            Map.of("GET", this::myGroupMemberships, "POST", this::addMember)),
        new Endpoint(
            memberships + "/removeContactFromAllGroups",
            "removeContactFromAllGroups",
            true,
            Map.of("POST", this::removeContactFromAllGroups)),
        new Endpoint(
            memberships + "/{membership}",
            "myGroupMembership",
            true,
            Map.of("GET", this::membership, "DELETE", this::removeMember)),
        new Endpoint(
            subscription,
            "myContactsAndGroupsSubscription",
            true,
            Map.of("GET", this::subscription)),
        new Endpoint(
            subscription + "/startOrRefreshSubscriptionToContactsAndGroups",
            "startOrRefreshSubscriptionToContactsAndGroups",
            true,
            Map.of("POST", this::startOrRefresh)),
        new Endpoint(
            subscription + "/stopSubscriptionToContactsAndGroups",
            "stopSubscriptionToContactsAndGroups",
            true,
            Map.of("POST", this::stop)));
  }

  // ---- groups ----------------------------------------------------------------------------------

  private Reply myGroups(Exchange x) {
    Application app = applications.app(x);
    return Reply.ok(assembler.myGroups(app.id(), lists.groups(app.user()), expand(x)));
  }

  /** myGroups_ref.md POST: 204 as the page shows it, with the new group's Location. */
  private Reply createGroup(Exchange x) {
    Application app = applications.app(x);
    String name = Params.required(x.input(), "displayName", ContactLists.MAX_GROUP_NAME);
    ContactGroup g = lists.createGroup(app.user(), name);
    return noContentAt(GroupPaths.group(app.id(), g.id()));
  }

  private Reply group(Exchange x) {
    Application app = applications.app(x);
    return Reply.ok(assembler.group(app.id(), lists.group(app.user(), x.param("group"))));
  }

  /** group2_ref.md PUT: renames a personal group; {@code name} is required. */
  private Reply rename(Exchange x) {
    Application app = applications.app(x);
    String id = x.param("group");
    lists.group(app.user(), id);
    String name = Params.required(x.input(), "name", ContactLists.MAX_GROUP_NAME);
    lists.renameGroup(app.user(), id, name);
    return Reply.noContent();
  }

  private Reply deleteGroup(Exchange x) {
    Application app = applications.app(x);
    lists.deleteGroup(app.user(), x.param("group"));
    return Reply.noContent();
  }

  private Reply groupMemberships(Exchange x) {
    Application app = applications.app(x);
    ContactGroup g = lists.group(app.user(), x.param("group"));
    return Reply.ok(
        assembler.memberships(
            "groupMemberships",
            GroupPaths.groupMemberships(app.id(), g.id()),
            app.id(),
            List.of(g)));
  }

  private Reply expandDistributionGroup(Exchange x) {
    Application app = applications.app(x);
    ContactGroup g = lists.group(app.user(), x.param("group"));
    if (g.kind() != GroupKind.distributionGroup) {
      throw UcwaException.notFound(
          Subcode.ResourceNotFound, "The group '" + g.id() + "' is not a distribution group.");
    }
    return Reply.ok(assembler.expanded(app.id(), app.user().uri(), g, users(g.members())));
  }

  /** addToContactList_ref.md: {@code displayName} and {@code smtpAddress}, both required. */
  private Reply addToContactList(Exchange x) {
    Application app = applications.app(x);
    Input in = input(x);
    Params.requirePresent(in, "displayName", "smtpAddress");
    String name = Params.required(in, "displayName", ContactLists.MAX_GROUP_NAME);
    String address = Params.required(in, "smtpAddress", MAX_ADDRESS);
    ContactGroup g = lists.addDistributionGroup(app.user(), name, address);
    return noContentAt(GroupPaths.group(app.id(), g.id()));
  }

  /** removeFromContactList_ref.md: {@code groupId} required. */
  private Reply removeFromContactList(Exchange x) {
    Application app = applications.app(x);
    String id = Params.required(input(x), "groupId", ContactLists.MAX_GROUP_NAME);
    lists.removeDistributionGroup(app.user(), id);
    return Reply.noContent();
  }

  // ---- memberships -----------------------------------------------------------------------------

  /** myGroupMemberships: every membership of the groups whose members the user chose. */
  private Reply myGroupMemberships(Exchange x) {
    Application app = applications.app(x);
    Optional<String> groupId = queryText(x, "groupId");
    List<ContactGroup> groups =
        groupId
            .map(id -> List.of(lists.group(app.user(), id)))
            .orElseGet(
                () ->
                    lists.groups(app.user()).stream().filter(g -> g.kind().userManaged()).toList());
    String self =
        GroupPaths.myGroupMemberships(app.id())
            + groupId
                .map(id -> "?groupId=" + URLEncoder.encode(id, StandardCharsets.UTF_8))
                .orElse("");
    return Reply.ok(assembler.memberships("myGroupMemberships", self, app.id(), groups));
  }

  /** myGroupMemberships2_ref.md POST: {@code contactUri}, and {@code groupId} (default group). */
  private Reply addMember(Exchange x) {
    Application app = applications.app(x);
    Input in = input(x);
    String contact = Params.required(in, "contactUri", MAX_CONTACT_URI);
    Optional<String> groupId =
        Params.optional(in, "groupId", ContactLists.MAX_GROUP_NAME)
            .map(String::trim)
            .filter(s -> !s.isEmpty());
    ContactGroup g = lists.addMember(app.user(), groupId, contact);
    String uri = directory.find(contact).map(User::uri).orElseThrow();
    String href = GroupPaths.myGroupMembership(app.id(), g.id(), uri);
    return Reply.created(href, assembler.membership(app.id(), g, uri));
  }

  private Reply membership(Exchange x) {
    Application app = applications.app(x);
    String[] parts = membershipOf(x);
    ContactGroup g = lists.group(app.user(), parts[0]);
    String contact = "sip:" + parts[1];
    if (!g.members().contains(contact)) {
      throw UcwaException.notFound(Subcode.ResourceNotFound, "No such group membership.");
    }
    return Reply.ok(assembler.membership(app.id(), g, contact));
  }

  private Reply removeMember(Exchange x) {
    Application app = applications.app(x);
    String[] parts = membershipOf(x);
    lists.group(app.user(), parts[0]);
    lists.removeMember(app.user(), parts[0], "sip:" + parts[1]);
    return Reply.noContent();
  }

  /** removeContactFromAllGroups2_ref.md: {@code contactUri} required. */
  private Reply removeContactFromAllGroups(Exchange x) {
    Application app = applications.app(x);
    String contact = Params.required(input(x), "contactUri", MAX_CONTACT_URI);
    lists.removeFromAllGroups(app.user(), contact);
    return Reply.noContent();
  }

  // ---- the subscription ------------------------------------------------------------------------

  private Reply subscription(Exchange x) {
    Application app = applications.app(x);
    return Reply.ok(assembler.subscription(app.id(), subscriptions.of(app)));
  }

  /**
   * duration: whole minutes from 10 to 60 (startOrRefreshSubscriptionToContactsAndGroups_ref.md).
   */
  private Reply startOrRefresh(Exchange x) {
    Application app = applications.app(x);
    String text = input(x).text("duration").map(String::trim).orElse("");
    if (text.isEmpty()) {
      throw UcwaException.invalidParameter("duration", "it is required");
    }
    int minutes;
    try {
      minutes = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      minutes = -1;
    }
    if (minutes < ContactsAndGroupsSubscriptions.MIN_MINUTES
        || minutes > ContactsAndGroupsSubscriptions.MAX_MINUTES) {
      throw UcwaException.invalidParameter(
          "duration",
          "'"
              + text
              + "' is not a whole number of minutes from "
              + ContactsAndGroupsSubscriptions.MIN_MINUTES
              + " to "
              + ContactsAndGroupsSubscriptions.MAX_MINUTES);
    }
    return Reply.ok(assembler.subscription(app.id(), subscriptions.startOrRefresh(app, minutes)));
  }

  private Reply stop(Exchange x) {
    Application app = applications.app(x);
    subscriptions.stop(app);
    return Reply.noContent();
  }

  // ---- helpers ---------------------------------------------------------------------------------

  private List<User> users(List<String> uris) {
    return uris.stream().map(directory::find).flatMap(Optional::stream).toList();
  }

  /** The body's parameters with the query's (the pages allow either). */
  private static Input input(Exchange x) {
    return x.input();
  }

  private static Optional<String> queryText(Exchange x, String name) {
    return Optional.ofNullable(x.request().query().get(name))
        .map(String::trim)
        .filter(s -> !s.isEmpty());
  }

  /** myGroups_ref.md: {@code expand=false} gives links only. */
  static boolean expand(Exchange x) {
    return !"false".equals(queryText(x, "expand").map(s -> s.toLowerCase(Locale.ROOT)).orElse(""));
  }

  private static String[] membershipOf(Exchange x) {
    String[] parts = x.param("membership").split(",", 2);
    if (parts.length != 2) {
      throw UcwaException.notFound(Subcode.ResourceNotFound, "No such group membership.");
    }
    parts[1] = parts[1].toLowerCase(Locale.ROOT);
    return parts;
  }

  private static Reply noContentAt(String location) {
    return new Reply.Raw(HttpResponse.empty(204).withHeader("Location", location));
  }
}
