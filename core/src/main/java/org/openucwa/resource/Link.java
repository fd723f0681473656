package org.openucwa.resource;

import java.util.Objects;
import java.util.Optional;

/** A hypermedia link: a relation, a target and an optional human-readable title. */
public record Link(String rel, String href, Optional<String> title) {

  public Link {
    Objects.requireNonNull(rel, "rel");
    Objects.requireNonNull(href, "href");
    Objects.requireNonNull(title, "title");
  }

  public static Link of(String rel, String href) {
    return new Link(rel, href, Optional.empty());
  }

  public static Link of(String rel, String href, String title) {
    return new Link(rel, href, Optional.ofNullable(title));
  }
}
