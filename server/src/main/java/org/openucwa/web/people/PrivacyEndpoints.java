package org.openucwa.web.people;

import java.util.List;
import java.util.Map;
import org.openucwa.application.Application;
import org.openucwa.application.ApplicationRegistry;
import org.openucwa.directory.User;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;
import org.openucwa.events.ChannelEvent;
import org.openucwa.events.Priority;
import org.openucwa.people.OwnPrivacy;
import org.openucwa.people.PrivacyRelationshipLevel;
import org.openucwa.resource.EventEntry;
import org.openucwa.resource.EventType;
import org.openucwa.resource.Link;
import org.openucwa.web.Endpoint;
import org.openucwa.web.Exchange;
import org.openucwa.web.Params;
import org.openucwa.web.Paths;
import org.openucwa.web.Reply;
import org.openucwa.web.application.ApplicationEndpoints;

/**
 * The user's privacy relationships (decision 0036): myPrivacyRelationships and its
 * myPrivacyRelationship per level (GET), a contact's contactPrivacyRelationship (GET, PUT to assign
 * a level) and resetContactPrivacyRelationship (POST). A change reports contactPrivacyRelationship
 * {@code updated} (medium, sender people, in the contact) to each of the user's available
 * applications.
 */
public final class PrivacyEndpoints {

  private static final String APP = PeopleEndpoints.APP;

  private final ApplicationEndpoints applications;
  private final PeopleEndpoints people;
  private final ApplicationRegistry registry;
  private final OwnPrivacy privacy;
  private final PeopleAssembler assembler;

  public PrivacyEndpoints(
      ApplicationEndpoints applications,
      PeopleEndpoints people,
      ApplicationRegistry registry,
      OwnPrivacy privacy,
      PeopleAssembler assembler) {
    this.applications = applications;
    this.people = people;
    this.registry = registry;
    this.privacy = privacy;
    this.assembler = assembler;
  }

  public List<Endpoint> endpoints() {
    return List.of(
        new Endpoint(
            APP + "/people/myPrivacyRelationships",
            "myPrivacyRelationships",
            true,
            Map.of("GET", this::mine)),
        new Endpoint(
            APP + "/people/myPrivacyRelationships/{level}",
            "myPrivacyRelationship",
            true,
            Map.of("GET", this::oneLevel)),
        new Endpoint(
            APP + "/people/{contact}/contactPrivacyRelationship",
            "contactPrivacyRelationship",
            true,
            Map.of("GET", this::get, "PUT", this::assign, "POST", this::assign)),
        new Endpoint(
            APP + "/people/{contact}/contactPrivacyRelationship/resetContactPrivacyRelationship",
            "resetContactPrivacyRelationship",
            true,
            Map.of("POST", this::reset)));
  }

  private Reply mine(Exchange x) {
    Application app = applications.app(x);
    return Reply.ok(assembler.myPrivacyRelationships(app.id(), privacy.byLevel(app.user().uri())));
  }

  private Reply oneLevel(Exchange x) {
    Application app = applications.app(x);
    String name = x.param("level");
    PrivacyRelationshipLevel level =
        java.util.Arrays.stream(PrivacyRelationshipLevel.values())
            .filter(l -> l.wire().equals(name))
            .findFirst()
            .orElseThrow(
                () ->
                    UcwaException.notFound(
                        Subcode.ResourceNotFound,
                        "There is no relationship level '" + name + "'."));
    List<String> contacts = privacy.byLevel(app.user().uri()).getOrDefault(level, List.of());
    return Reply.ok(assembler.myPrivacyRelationship(app.id(), level, contacts));
  }

  private Reply get(Exchange x) {
    Application app = applications.app(x);
    User contact = people.contactOf(x);
    return Reply.ok(
        assembler.contactPrivacyRelationship(
            app.id(), contact, privacy.levelOf(app.user().uri(), contact.uri())));
  }

  private Reply assign(Exchange x) {
    Application app = applications.app(x);
    User contact = notSelf(app, people.contactOf(x));
    var level = Params.optionalEnum(x.input(), "relationshipLevel", PrivacyRelationshipLevel.class);
    if (level.isPresent() && privacy.assign(app.user().uri(), contact.uri(), level.get())) {
      announce(app, contact);
    }
    return Reply.noContent();
  }

  private Reply reset(Exchange x) {
    Application app = applications.app(x);
    User contact = notSelf(app, people.contactOf(x));
    if (privacy.reset(app.user().uri(), contact.uri())) {
      announce(app, contact);
    }
    return Reply.noContent();
  }

  /** resetContactPrivacyRelationship_ref.md: 403 when the user may not set it for this contact. */
  private static User notSelf(Application app, User contact) {
    if (contact.uri().equals(app.user().uri())) {
      throw UcwaException.forbidden("A user has no privacy relationship with themselves.");
    }
    return contact;
  }

  /** contactPrivacyRelationship_ref.md, Events: updated, medium, sender people, in the contact. */
  private void announce(Application changedBy, User contact) {
    for (Application app : registry.applicationsOf(changedBy.user().uri())) {
      if (!app.isAvailable()) {
        continue;
      }
      Link sender = Link.of("people", Paths.people(app.id()));
      Link link =
          Link.of(
              "contactPrivacyRelationship",
              Paths.contactPrivacyRelationship(app.id(), contact.uri()));
      Link in = Link.of("contact", Paths.contact(app.id(), contact.uri()));
      app.events()
          .publish(
              new ChannelEvent(
                  Priority.Medium, sender, EventEntry.of(EventType.updated, link).withIn(in)));
    }
  }
}
