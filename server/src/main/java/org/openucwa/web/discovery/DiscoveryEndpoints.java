package org.openucwa.web.discovery;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openucwa.resource.Resource;
import org.openucwa.routing.Homes;
import org.openucwa.web.Endpoint;
import org.openucwa.web.Exchange;
import org.openucwa.web.HomeCheck;
import org.openucwa.web.Paths;
import org.openucwa.web.Reply;

/**
 * Discovery (CreateAnApplication.md): the root resource, answered both at {@code /} (the
 * lyncdiscover host) and at the Autodiscover path, and the user resource that either challenges for
 * a token or points to the applications resource (anonApplications for an anonymous guest). Their
 * links are absolute, built from the public base URL, because a client reaches them before it knows
 * any host.
 *
 * <p>In a cluster the user resource of a user (or guest) homed on another node carries no
 * applications link but a {@code redirect} (user_ref.md, redirect_ref.md) to the root of the home
 * node, where the client discovers again and signs in (decision 0060).
 */
public final class DiscoveryEndpoints {

  private final Homes homes;

  public DiscoveryEndpoints() {
    this(Homes.SINGLE_NODE);
  }

  public DiscoveryEndpoints(Homes homes) {
    this.homes = homes;
  }

  public List<Endpoint> endpoints() {
    Endpoint.Handler root = this::root;
    return List.of(
        new Endpoint("/", "root", false, Map.of("GET", root)),
        new Endpoint(Paths.ROOT, "root", false, Map.of("GET", root)),
        new Endpoint(Paths.USER, "user", true, Map.of("GET", this::user)));
  }

  private Reply root(Exchange x) {
    return Reply.ok(
        Resource.builder("root", x.absolute(Paths.ROOT))
            .link("user", x.absolute(Paths.USER))
            .link("xframe", x.absolute(Paths.XFRAME))
            .build());
  }

  private Reply user(Exchange x) {
    Optional<String> home = HomeCheck.elsewhere(homes, x.principal().userUri());
    if (home.isPresent()) {
      return Reply.ok(
          Resource.builder("user", x.absolute(Paths.USER))
              .link("redirect", home.get() + Paths.ROOT)
              .link("xframe", x.absolute(Paths.XFRAME))
              .build());
    }
    return Reply.ok(
        Resource.builder("user", x.absolute(Paths.USER))
            .link(
                x.principal().isGuest() ? "anonApplications" : "applications",
                x.absolute(x.principal().isGuest() ? Paths.ANON_APPLICATIONS : Paths.APPLICATIONS))
            .link("xframe", x.absolute(Paths.XFRAME))
            .build());
  }
}
