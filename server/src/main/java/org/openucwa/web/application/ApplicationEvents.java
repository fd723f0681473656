package org.openucwa.web.application;

import java.util.List;
import org.openucwa.application.Application;
import org.openucwa.application.ApplicationChange;
import org.openucwa.events.ChannelEvent;
import org.openucwa.events.Priority;
import org.openucwa.resource.EventEntry;
import org.openucwa.resource.EventType;
import org.openucwa.resource.Link;
import org.openucwa.web.Paths;

/**
 * Turns the changes an application reports into the events its reference pages describe: me {@code
 * updated} (medium, sender me), presence, note and location {@code added} and {@code updated}
 * (medium, sender me, presence_ref.md, note_ref.md, location_ref.md) and communication {@code
 * updated} (medium, sender communication, with the resource embedded as EventChannelDetails.md
 * shows).
 */
public final class ApplicationEvents {

  private final ApplicationAssembler assembler;

  public ApplicationEvents(ApplicationAssembler assembler) {
    this.assembler = assembler;
  }

  public void publish(Application app, List<ApplicationChange> changes) {
    for (ApplicationChange change : changes) {
      app.events()
          .publish(
              switch (change) {
                case MeUpdated -> {
                  Link me = Link.of("me", Paths.me(app.id()));
                  yield new ChannelEvent(Priority.Medium, me, EventEntry.of(EventType.updated, me));
                }
                case PresenceAdded ->
                    mine(app, "presence", Paths.presence(app.id()), EventType.added);
                case PresenceUpdated ->
                    mine(app, "presence", Paths.presence(app.id()), EventType.updated);
                case NoteAdded -> mine(app, "note", Paths.note(app.id()), EventType.added);
                case NoteUpdated -> mine(app, "note", Paths.note(app.id()), EventType.updated);
                case LocationAdded ->
                    mine(app, "location", Paths.location(app.id()), EventType.added);
                case LocationUpdated ->
                    mine(app, "location", Paths.location(app.id()), EventType.updated);
                case CommunicationUpdated -> {
                  Link comm = Link.of("communication", Paths.communication(app.id()));
                  yield new ChannelEvent(
                      Priority.Medium,
                      comm,
                      EventEntry.embedding(EventType.updated, comm, assembler.communication(app)));
                }
              });
    }
  }

  /** presence_ref.md, note_ref.md, location_ref.md: medium, sender me, nothing embedded. */
  private static ChannelEvent mine(Application app, String rel, String href, EventType type) {
    return new ChannelEvent(
        Priority.Medium,
        Link.of("me", Paths.me(app.id())),
        EventEntry.of(type, Link.of(rel, href)));
  }
}
