package org.openucwa.web.people;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openucwa.application.Application;
import org.openucwa.directory.Directory;
import org.openucwa.directory.User;
import org.openucwa.error.Subcode;
import org.openucwa.error.UcwaException;
import org.openucwa.people.ContactGroup;
import org.openucwa.people.ContactLists;
import org.openucwa.people.ContactSearch;
import org.openucwa.resource.Input;
import org.openucwa.web.Endpoint;
import org.openucwa.web.Exchange;
import org.openucwa.web.HttpResponse;
import org.openucwa.web.Params;
import org.openucwa.web.Paths;
import org.openucwa.web.Reply;
import org.openucwa.web.application.ApplicationEndpoints;

/**
 * The contact list (myContacts), a contact, and the address book search of the people hub. The
 * literal paths come before {@code people/{contact}} so that they win the match.
 */
public final class PeopleEndpoints {

  static final String APP = Paths.APPLICATIONS + "/{app}";

  private final ApplicationEndpoints applications;
  private final Directory directory;
  private final ContactSearch search;
  private final PeopleAssembler assembler;
  private final ContactLists lists;
  private final GroupAssembler groups;

  public PeopleEndpoints(
      ApplicationEndpoints applications,
      Directory directory,
      ContactSearch search,
      PeopleAssembler assembler,
      ContactLists lists) {
    this.applications = applications;
    this.directory = directory;
    this.search = search;
    this.assembler = assembler;
    this.lists = lists;
    this.groups = new GroupAssembler(assembler);
  }

  public List<Endpoint> endpoints() {
    return List.of(
        new Endpoint(APP + "/people/contacts", "myContacts", true, Map.of("GET", this::myContacts)),
        new Endpoint(APP + "/people/search", "search", true, Map.of("GET", this::search)),
        new Endpoint(APP + "/people/{contact}", "contact", true, Map.of("GET", this::contact)));
  }

  /**
   * The directory user a {@code {contact}} path variable names.
   *
   * @throws UcwaException 404 ResourceNotFound for anyone else
   */
  public User contactOf(Exchange x) {
    String who = x.param("contact");
    return directory
        .find(who)
        .orElseThrow(
            () ->
                UcwaException.notFound(
                    Subcode.ResourceNotFound,
                    "There is no contact '" + who + "' in the directory."));
  }

  /** myContacts, or with {@code groupId} a group's contacts (groupContacts_ref.md). */
  private Reply myContacts(Exchange x) {
    Application app = applications.app(x);
    String groupId = x.request().query().getOrDefault("groupId", "").trim();
    if (!groupId.isEmpty()) {
      ContactGroup g = lists.group(app.user(), groupId);
      List<User> members =
          g.members().stream().map(directory::find).flatMap(Optional::stream).toList();
      return Reply.ok(
          groups.groupContacts(app.id(), app.user().uri(), g, members, GroupEndpoints.expand(x)));
    }
    return Reply.ok(assembler.myContacts(app.id(), app.user().uri(), lists.contacts(app.user())));
  }

  private Reply contact(Exchange x) {
    Application app = applications.app(x);
    User contact = contactOf(x);
    String etag = assembler.etag(app.user().uri(), contact);
    if (x.request()
        .header("if-none-match")
        .map(h -> h.replace("\"", "").trim())
        .filter(etag::equals)
        .isPresent()) {
      return new Reply.Raw(HttpResponse.empty(304).withHeader("ETag", etag));
    }
    return Reply.ok(assembler.contact(app.id(), app.user().uri(), contact), Map.of("ETag", etag));
  }

  private Reply search(Exchange x) {
    Application app = applications.app(x);
    Input in = Input.of(x.request().query());
    String query = Params.required(in, "query", ContactSearch.MAX_QUERY_LENGTH);
    Optional<Integer> limit = limit(in);
    String self =
        Paths.search(app.id())
            + "?query="
            + URLEncoder.encode(query, StandardCharsets.UTF_8)
            + limit.map(n -> "&limit=" + n).orElse("");
    ContactSearch.Result result = search.search(query, limit.orElse(ContactSearch.MAX_LIMIT));
    return Reply.ok(assembler.search(app.id(), app.user().uri(), self, result));
  }

  private static Optional<Integer> limit(Input in) {
    return in.text("limit")
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(
            s -> {
              try {
                int n = Integer.parseInt(s);
                if (n >= 1 && n <= ContactSearch.MAX_LIMIT) {
                  return n;
                }
              } catch (NumberFormatException e) {
                // refused below
              }
              throw UcwaException.invalidParameter(
                  "limit",
                  "'" + s + "' is not a whole number from 1 to " + ContactSearch.MAX_LIMIT);
            });
  }
}
