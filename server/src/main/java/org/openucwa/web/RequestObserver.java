package org.openucwa.web;

import java.util.Optional;
import org.openucwa.auth.Principal;

/**
 * Hears each request {@link UcwaApi} answered, once, on the request's thread, after the response is
 * built: the access log and the request metrics. It must be quick and must not throw.
 */
@FunctionalInterface
public interface RequestObserver {

  /**
   * @param template the matched endpoint's path template, or {@link #UNMATCHED}
   * @param principal the caller, when a valid token came with the request
   * @param nanos how long the request took to answer
   */
  void answered(
      HttpRequest request,
      String template,
      Optional<Principal> principal,
      HttpResponse response,
      long nanos);

  /** The template of a request that matched no endpoint. */
  String UNMATCHED = "(unmatched)";

  static RequestObserver none() {
    return (request, template, principal, response, nanos) -> {};
  }

  /** Tells each observer in turn. */
  static RequestObserver all(RequestObserver... observers) {
    RequestObserver[] copy = observers.clone();
    return (request, template, principal, response, nanos) -> {
      for (RequestObserver o : copy) {
        o.answered(request, template, principal, response, nanos);
      }
    };
  }
}
