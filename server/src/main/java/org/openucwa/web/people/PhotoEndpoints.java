package org.openucwa.web.people;

import java.util.List;
import java.util.Map;
import org.openucwa.directory.User;
import org.openucwa.people.Photo;
import org.openucwa.people.PhotoStore;
import org.openucwa.web.Endpoint;
import org.openucwa.web.Exchange;
import org.openucwa.web.HttpResponse;
import org.openucwa.web.Reply;
import org.openucwa.web.application.ApplicationEndpoints;

/**
 * Photos: a contact's (contactPhoto_ref.md, under {@code photos/} as ReceiveAnIM.md shows) and the
 * signed-in user's own (photo_ref.md, under {@code me/}, so that each is checked against its own
 * page's scopes). The image goes out as it is, whatever Accept says, with an entity tag and a
 * private cache lifetime (MeDashboard.md); If-None-Match with the current tag gets 304.
 */
public final class PhotoEndpoints {

  /** An hour: the directory does not change while the server runs, but a photo file may. */
  static final String CACHE_CONTROL = "private, max-age=3600";

  private final ApplicationEndpoints applications;
  private final PeopleEndpoints people;
  private final PhotoStore photos;

  public PhotoEndpoints(
      ApplicationEndpoints applications, PeopleEndpoints people, PhotoStore photos) {
    this.applications = applications;
    this.people = people;
    this.photos = photos;
  }

  public List<Endpoint> endpoints() {
    return List.of(
        new Endpoint(
            PeopleEndpoints.APP + "/photos/{contact}",
            "contactPhoto",
            true,
            Map.of(
                "GET",
                x -> {
                  applications.app(x);
                  return photo(x, people.contactOf(x));
                })),
        new Endpoint(
            PeopleEndpoints.APP + "/me/photo",
            "photo",
            true,
            Map.of("GET", x -> photo(x, applications.app(x).user()))));
  }

  private Reply photo(Exchange x, User user) {
    Photo photo = photos.photoOf(user);
    boolean unchanged =
        x.request()
            .header("if-none-match")
            .map(h -> h.replace("\"", "").trim())
            .filter(photo.etag()::equals)
            .isPresent();
    HttpResponse response =
        unchanged
            ? HttpResponse.empty(304)
            : HttpResponse.of(200, photo.mediaType(), photo.bytes());
    return new Reply.Raw(
        response.withHeader("ETag", photo.etag()).withHeader("Cache-Control", CACHE_CONTROL));
  }
}
