package org.openucwa.testing;

/**
 * A test user as the conference scenario tests hold one: display name, SIP URI, and the client of
 * the application the user took part with.
 */
public record Person(String name, String uri, UcwaClient client) {

  public EventStream events() {
    return client.events();
  }
}
