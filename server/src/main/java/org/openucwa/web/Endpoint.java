package org.openucwa.web;

import java.util.Map;
import java.util.Set;

/**
 * One resource of the API at one path template ({@code /ucwa/oauth/v1/applications/{app}/me}), with
 * the rel whose reference page gives its scopes, whether it needs a token, and a handler per HTTP
 * method.
 */
public record Endpoint(
    String template, String rel, boolean authenticated, Map<String, Handler> handlers) {

  /** Handles one request to an endpoint. */
  @FunctionalInterface
  public interface Handler {
    Reply handle(Exchange exchange) throws Exception;
  }

  public Endpoint {
    handlers = Map.copyOf(handlers);
  }

  public Set<String> methods() {
    return handlers.keySet();
  }
}
