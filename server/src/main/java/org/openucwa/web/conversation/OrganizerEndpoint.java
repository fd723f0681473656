package org.openucwa.web.conversation;

import java.util.List;
import java.util.Map;
import org.openucwa.application.Application;
import org.openucwa.conversation.ConferenceSignals;
import org.openucwa.conversation.ConversationService;
import org.openucwa.directory.Directory;
import org.openucwa.directory.User;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;
import org.openucwa.web.Endpoint;
import org.openucwa.web.Exchange;
import org.openucwa.web.Paths;
import org.openucwa.web.Reply;
import org.openucwa.web.application.ApplicationEndpoints;
import org.openucwa.web.people.PeopleAssembler;

/**
 * The organizer of a conversation's online meeting (organizer_ref.md): the organizer as a contact,
 * the way the reference's sample shows it (rel {@code contact}, its self link the contact's own),
 * read as the caller may see it.
 */
public final class OrganizerEndpoint {

  private final ApplicationEndpoints applications;
  private final ConversationService service;
  private final Directory directory;
  private final PeopleAssembler people;

  public OrganizerEndpoint(
      ApplicationEndpoints applications,
      ConversationService service,
      Directory directory,
      PeopleAssembler people) {
    this.applications = applications;
    this.service = service;
    this.directory = directory;
    this.people = people;
  }

  public List<Endpoint> endpoints() {
    return List.of(
        new Endpoint(
            Paths.APPLICATIONS
                + "/{app}/communication/conversations/{conv}/onlineMeeting/organizer",
            "organizer",
            true,
            Map.of("GET", this::organizer)));
  }

  private Reply organizer(Exchange x) {
    Application app = applications.app(x);
    String organizer =
        service.read(
            app,
            x.param("conv"),
            c ->
                c.conference()
                    .map(ConferenceSignals.Ref::focus)
                    .orElseThrow(
                        () ->
                            UcwaException.notFound(
                                Subcode.ResourceNotFound,
                                "The conversation is not an online meeting.")));
    User u =
        directory
            .find(organizer)
            .orElseThrow(
                () ->
                    UcwaException.notFound(
                        Subcode.ResourceNotFound, "The organizer is no longer in the directory."));
    return Reply.ok(people.contact(app.id(), app.user().uri(), u));
  }
}
