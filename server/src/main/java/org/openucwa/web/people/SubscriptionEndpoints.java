package org.openucwa.web.people;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openucwa.application.Application;
import org.openucwa.directory.Directory;
import org.openucwa.directory.User;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;
import org.openucwa.people.ContactGroup;
import org.openucwa.people.ContactLists;
import org.openucwa.people.PresenceSubscription;
import org.openucwa.people.PresenceSubscriptions;
import org.openucwa.resource.Input;
import org.openucwa.web.Endpoint;
import org.openucwa.web.Exchange;
import org.openucwa.web.Paths;
import org.openucwa.web.Reply;
import org.openucwa.web.application.ApplicationEndpoints;

/**
 * Presence subscriptions over HTTP: create (201 with Location), read, extend, delete; their
 * memberships (list, add, read one, remove one); and the application's subscribedContacts. Listed
 * before {@code people/{contact}} so that the literal paths win the match.
 */
public final class SubscriptionEndpoints {

  private static final String APP = PeopleEndpoints.APP;

  private final ApplicationEndpoints applications;
  private final Directory directory;
  private final PresenceSubscriptions subscriptions;
  private final SubscriptionAssembler assembler;
  private final ContactLists lists;

  public SubscriptionEndpoints(
      ApplicationEndpoints applications,
      Directory directory,
      PresenceSubscriptions subscriptions,
      SubscriptionAssembler assembler,
      ContactLists lists) {
    this.applications = applications;
    this.directory = directory;
    this.subscriptions = subscriptions;
    this.assembler = assembler;
    this.lists = lists;
  }

  public List<Endpoint> endpoints() {
    return List.of(
        new Endpoint(
            APP + "/people/presenceSubscriptions",
            "presenceSubscriptions",
            true,
            Map.of("GET", this::list, "POST", this::create)),
        new Endpoint(
            APP + "/people/presenceSubscriptions/{sub}",
            "presenceSubscription",
            true,
            Map.of("GET", this::get, "POST", this::extend, "DELETE", this::delete)),
        new Endpoint(
            APP + "/people/presenceSubscriptionMemberships",
            "presenceSubscriptionMemberships",
            true,
            Map.of("GET", this::memberships, "POST", this::addMembers)),
        new Endpoint(
            APP + "/people/presenceSubscriptionMemberships/{membership}",
            "presenceSubscriptionMembership",
            true,
            Map.of("GET", this::membership, "DELETE", this::removeMember)),
        new Endpoint(
            APP + "/people/subscribedContacts",
            "subscribedContacts",
            true,
            Map.of("GET", this::subscribedContacts)));
  }

  private Reply list(Exchange x) {
    Application app = applications.app(x);
    return Reply.ok(assembler.subscriptions(app.id(), subscriptions.list(app)));
  }

  private Reply create(Exchange x) {
    Application app = applications.app(x);
    Input in = x.input();
    String groupId = x.request().query().getOrDefault("groupId", "").trim();
    if (groupId.isEmpty()) {
      groupId = in.text("groupId").map(String::trim).orElse("");
    }
    if (!groupId.isEmpty()) {
      return subscribeToGroup(x, app, groupId);
    }
    int minutes = duration(in);
    List<String> uris = contacts(in, "uris");
    PresenceSubscription s = subscriptions.create(app, minutes, uris);
    return created(x, app, s);
  }

  /**
   * subscribeToGroupPresence (SubscribeToThePresenceOfAGroupOfContacts.md): a subscription to the
   * group's members, which members added to the group later join.
   */
  private Reply subscribeToGroup(Exchange x, Application app, String groupId) {
    ContactGroup g = lists.group(app.user(), groupId);
    int minutes = duration(x.input());
    return created(x, app, subscriptions.createForGroup(app, minutes, g.id(), g.members()));
  }

  private Reply created(Exchange x, Application app, PresenceSubscription s) {
    String href = Paths.presenceSubscription(app.id(), s.id());
    return Reply.created(href, assembler.subscription(app.id(), s));
  }

  private Reply get(Exchange x) {
    Application app = applications.app(x);
    return Reply.ok(assembler.subscription(app.id(), subscriptions.get(app, x.param("sub"))));
  }

  private Reply extend(Exchange x) {
    Application app = applications.app(x);
    String id = x.param("sub");
    subscriptions.get(app, id);
    int minutes = duration(x.input());
    return Reply.ok(assembler.subscription(app.id(), subscriptions.extend(app, id, minutes)));
  }

  private Reply delete(Exchange x) {
    Application app = applications.app(x);
    subscriptions.delete(app, x.param("sub"));
    return Reply.noContent();
  }

  private Reply memberships(Exchange x) {
    Application app = applications.app(x);
    PresenceSubscription s = subscriptions.get(app, subscriptionId(x));
    return Reply.ok(assembler.memberships(app.id(), s));
  }

  private Reply addMembers(Exchange x) {
    Application app = applications.app(x);
    String id = subscriptionId(x);
    subscriptions.get(app, id);
    List<String> uris = contacts(x.input(), "contactUris");
    subscriptions.add(app, id, uris);
    return Reply.noContent();
  }

  private Reply membership(Exchange x) {
    Application app = applications.app(x);
    String[] parts = membershipOf(x);
    PresenceSubscription s = subscriptions.get(app, parts[0]);
    String contact = "sip:" + parts[1];
    if (!s.members().contains(contact)) {
      throw UcwaException.notFound(Subcode.ResourceNotFound, "No such membership.");
    }
    return Reply.ok(assembler.membership(app.id(), s, contact));
  }

  private Reply removeMember(Exchange x) {
    Application app = applications.app(x);
    String[] parts = membershipOf(x);
    subscriptions.remove(app, parts[0], "sip:" + parts[1]);
    return Reply.noContent();
  }

  private Reply subscribedContacts(Exchange x) {
    Application app = applications.app(x);
    return Reply.ok(assembler.subscribedContacts(app.id(), subscriptions.subscribedContacts(app)));
  }

  private static String subscriptionId(Exchange x) {
    String id = x.request().query().getOrDefault("presenceSubscriptionId", "");
    if (id.isBlank()) {
      throw UcwaException.invalidParameter("presenceSubscriptionId", "it is required");
    }
    return id;
  }

  private static String[] membershipOf(Exchange x) {
    String[] parts = x.param("membership").split(",", 2);
    if (parts.length != 2) {
      throw UcwaException.notFound(Subcode.ResourceNotFound, "No such membership.");
    }
    parts[1] = parts[1].toLowerCase(java.util.Locale.ROOT);
    return parts;
  }

  /** duration: whole minutes from 10 to 30 (presenceSubscriptions_ref.md). */
  private static int duration(Input in) {
    String text = in.text("duration").map(String::trim).orElse("");
    if (text.isEmpty()) {
      throw UcwaException.invalidParameter("duration", "it is required");
    }
    try {
      int n = Integer.parseInt(text);
      if (n >= PresenceSubscriptions.MIN_MINUTES && n <= PresenceSubscriptions.MAX_MINUTES) {
        return n;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw UcwaException.invalidParameter(
        "duration",
        "'"
            + text
            + "' is not a whole number of minutes from "
            + PresenceSubscriptions.MIN_MINUTES
            + " to "
            + PresenceSubscriptions.MAX_MINUTES);
  }

  /**
   * The users a list names, each a user of the directory.
   *
   * @throws UcwaException 400 naming the list if it is missing or empty, 404 for anyone else
   */
  private List<String> contacts(Input in, String name) {
    List<String> given = in.list(name).orElse(List.of());
    if (given.isEmpty()) {
      throw UcwaException.invalidParameter(name, "at least one contact URI is required");
    }
    List<String> uris = new ArrayList<>();
    for (String who : given) {
      User u =
          directory
              .find(who)
              .orElseThrow(
                  () ->
                      UcwaException.notFound(
                          Subcode.ResourceNotFound,
                          "There is no contact '" + who + "' in the directory."));
      if (!uris.contains(u.uri())) {
        uris.add(u.uri());
      }
    }
    return uris;
  }
}
