package org.openucwa.web.people;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openucwa.application.Application;
import org.openucwa.directory.User;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;
import org.openucwa.people.OwnProfile;
import org.openucwa.people.Phone;
import org.openucwa.people.PhoneType;
import org.openucwa.people.Profile;
import org.openucwa.people.ProfileDirectory;
import org.openucwa.resource.Input;
import org.openucwa.web.Endpoint;
import org.openucwa.web.Exchange;
import org.openucwa.web.Params;
import org.openucwa.web.Reply;
import org.openucwa.web.application.ApplicationEndpoints;
import org.openucwa.web.application.ApplicationEvents;

/**
 * The signed-in user's note, location and phones (GET, and POST to set them), and a contact's note
 * and location (GET). A blank note or location clears it (note_ref.md: "If blank, the note will be
 * reset"); a note or location POST reports {@code updated} to each of the user's available
 * applications.
 */
public final class ProfileEndpoints {

  private static final String APP = PeopleEndpoints.APP;

  private final ApplicationEndpoints applications;
  private final PeopleEndpoints people;
  private final OwnProfile own;
  private final ProfileDirectory profiles;
  private final PeopleAssembler assembler;
  private final ApplicationEvents events;

  public ProfileEndpoints(
      ApplicationEndpoints applications,
      PeopleEndpoints people,
      OwnProfile own,
      ProfileDirectory profiles,
      PeopleAssembler assembler,
      ApplicationEvents events) {
    this.applications = applications;
    this.people = people;
    this.own = own;
    this.profiles = profiles;
    this.assembler = assembler;
    this.events = events;
  }

  public List<Endpoint> endpoints() {
    return List.of(
        new Endpoint(
            APP + "/me/note", "note", true, Map.of("GET", this::getNote, "POST", this::setNote)),
        new Endpoint(
            APP + "/me/location",
            "location",
            true,
            Map.of("GET", this::getLocation, "POST", this::setLocation)),
        new Endpoint(APP + "/me/phones", "phones", true, Map.of("GET", this::phones)),
        new Endpoint(APP + "/me/phones/{type}", "phone", true, Map.of("GET", this::phone)),
        new Endpoint(
            APP + "/me/phones/{type}/changeNumber",
            "changeNumber",
            true,
            Map.of("POST", this::changeNumber)),
        new Endpoint(
            APP + "/me/phones/{type}/changeVisibility",
            "changeVisibility",
            true,
            Map.of("POST", this::changeVisibility)),
        new Endpoint(
            APP + "/people/{contact}/note", "contactNote", true, Map.of("GET", this::contactNote)),
        new Endpoint(
            APP + "/people/{contact}/location",
            "contactLocation",
            true,
            Map.of("GET", this::contactLocation)));
  }

  private Reply getNote(Exchange x) {
    Application app = applications.app(x);
    return Reply.ok(assembler.note(app.id(), own.note(app)));
  }

  private Reply setNote(Exchange x) {
    Application app = applications.app(x);
    Optional<String> text =
        blankIsNone(Params.optional(x.input(), "message", Profile.MAX_NOTE_LENGTH));
    own.setNote(app, text).forEach(events::publish);
    return Reply.noContent();
  }

  private Reply getLocation(Exchange x) {
    Application app = applications.app(x);
    return Reply.ok(assembler.location(app.id(), own.location(app)));
  }

  private Reply setLocation(Exchange x) {
    Application app = applications.app(x);
    Optional<String> text =
        blankIsNone(Params.optional(x.input(), "location", Profile.MAX_LOCATION_LENGTH));
    own.setLocation(app, text).forEach(events::publish);
    return Reply.noContent();
  }

  private Reply phones(Exchange x) {
    Application app = applications.app(x);
    return Reply.ok(assembler.phones(app.id(), own.profile(app)));
  }

  private Reply phone(Exchange x) {
    Application app = applications.app(x);
    return Reply.ok(assembler.phone(app.id(), own.profile(app).phone(typeOf(x))));
  }

  private Reply changeNumber(Exchange x) {
    Application app = applications.app(x);
    PhoneType type = typeOf(x);
    Input in = x.input();
    Optional<String> number = blankIsNone(Params.optional(in, "number", Phone.MAX_NUMBER_LENGTH));
    Optional<Boolean> visible = Params.optionalBoolean(in, "includeInContactCard");
    own.changeNumber(app, type, number, visible);
    return Reply.noContent();
  }

  private Reply changeVisibility(Exchange x) {
    Application app = applications.app(x);
    PhoneType type = typeOf(x);
    Optional<Boolean> visible = Params.optionalBoolean(x.input(), "includeInContactCard");
    own.changeVisibility(app, type, visible.orElse(false));
    return Reply.noContent();
  }

  private Reply contactNote(Exchange x) {
    Application app = applications.app(x);
    User contact = people.contactOf(x);
    return Reply.ok(
        assembler.contactNote(app.id(), contact, profiles.profileOf(contact.uri()).note()));
  }

  private Reply contactLocation(Exchange x) {
    Application app = applications.app(x);
    User contact = people.contactOf(x);
    return Reply.ok(
        assembler.contactLocation(app.id(), contact, profiles.profileOf(contact.uri()).location()));
  }

  private static PhoneType typeOf(Exchange x) {
    String segment = x.param("type");
    return PhoneType.ofSegment(segment)
        .orElseThrow(
            () ->
                UcwaException.notFound(
                    Subcode.ResourceNotFound, "There is no phone '" + segment + "'."));
  }

  private static Optional<String> blankIsNone(Optional<String> text) {
    return text.map(String::strip).filter(s -> !s.isEmpty());
  }
}
