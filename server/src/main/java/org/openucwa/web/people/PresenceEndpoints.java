package org.openucwa.web.people;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.openucwa.application.Application;
import org.openucwa.application.Availability;
import org.openucwa.directory.User;
import org.openucwa.people.OwnPresence;
import org.openucwa.people.PresenceDirectory;
import org.openucwa.web.Endpoint;
import org.openucwa.web.Exchange;
import org.openucwa.web.Params;
import org.openucwa.web.Reply;
import org.openucwa.web.application.ApplicationEndpoints;
import org.openucwa.web.application.ApplicationEvents;

/**
 * The signed-in user's presence (GET, and POST to choose an availability; an empty POST resets it)
 * and a contact's presence (GET). A POST reports presence {@code updated} to each of the user's
 * available applications.
 */
public final class PresenceEndpoints {

  private final ApplicationEndpoints applications;
  private final PeopleEndpoints people;
  private final PresenceDirectory presence;
  private final OwnPresence own;
  private final PeopleAssembler assembler;
  private final ApplicationEvents events;
  private final Clock clock;

  public PresenceEndpoints(
      ApplicationEndpoints applications,
      PeopleEndpoints people,
      PresenceDirectory presence,
      OwnPresence own,
      PeopleAssembler assembler,
      ApplicationEvents events,
      Clock clock) {
    this.applications = applications;
    this.people = people;
    this.presence = presence;
    this.own = own;
    this.assembler = assembler;
    this.events = events;
    this.clock = clock;
  }

  public List<Endpoint> endpoints() {
    return List.of(
        new Endpoint(
            PeopleEndpoints.APP + "/me/presence",
            "presence",
            true,
            Map.of(
                "GET", this::getPresence,
                "POST", this::setPresence)),
        new Endpoint(
            PeopleEndpoints.APP + "/people/{contact}/presence",
            "contactPresence",
            true,
            Map.of("GET", this::contactPresence)),
        new Endpoint(
            PeopleEndpoints.APP + "/people/{contact}/supportedMedia",
            "contactSupportedModalities",
            true,
            Map.of("GET", this::contactSupportedModalities)));
  }

  private Reply getPresence(Exchange x) {
    Application app = applications.app(x);
    return Reply.ok(assembler.presence(app.id(), own.of(app)));
  }

  private Reply setPresence(Exchange x) {
    Application app = applications.app(x);
    Availability chosen =
        Params.optionalEnum(x.input(), "availability", Availability.class)
            .orElse(Availability.Online);
    own.choose(app, chosen, clock.instant()).forEach(events::publish);
    return Reply.noContent();
  }

  private Reply contactSupportedModalities(Exchange x) {
    Application app = applications.app(x);
    User contact = people.contactOf(x);
    return Reply.ok(
        assembler.contactSupportedModalities(
            app.id(), contact, presence.supportedModalitiesOf(contact.uri())));
  }

  private Reply contactPresence(Exchange x) {
    Application app = applications.app(x);
    User contact = people.contactOf(x);
    return Reply.ok(
        assembler.contactPresence(app.id(), contact, presence.presenceOf(contact.uri())));
  }
}
