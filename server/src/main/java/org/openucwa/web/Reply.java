package org.openucwa.web;

import java.util.Map;
import org.openucwa.resource.EventsDocument;
import org.openucwa.resource.Resource;

/**
 * What a handler answers, before rendering: the API renders resources and events in the negotiated
 * format, so handlers never see JSON or XML.
 */
public sealed interface Reply {

  /** 200 with a resource, and extra headers such as ETag. */
  record Ok(Resource resource, Map<String, String> headers) implements Reply {}

  /** 201 with a Location and, where the reference returns it, the created resource. */
  record Created(
      String location, java.util.Optional<Resource> resource, Map<String, String> headers)
      implements Reply {}

  /** 204. */
  record NoContent() implements Reply {}

  /** 200 with an event channel response. */
  record Events(EventsDocument document) implements Reply {}

  /** A response the handler built itself (HTML, OAuth JSON, multipart). */
  record Raw(HttpResponse response) implements Reply {}

  static Reply ok(Resource r) {
    return new Ok(r, Map.of());
  }

  static Reply ok(Resource r, Map<String, String> headers) {
    return new Ok(r, headers);
  }

  static Reply created(String location, Resource r) {
    return new Created(location, java.util.Optional.of(r), Map.of());
  }

  static Reply created(String location) {
    return new Created(location, java.util.Optional.empty(), Map.of());
  }

  static Reply noContent() {
    return new NoContent();
  }
}
