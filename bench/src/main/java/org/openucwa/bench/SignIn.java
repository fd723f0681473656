package org.openucwa.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The password grant as a well-behaved client sends it: the server throttles sign-ins per account
 * and per client address (429 or 503 with {@code Retry-After}), and every benchmark client shares
 * one address, so a refused attempt is repeated after the time the server names.
 */
final class SignIn {

  private static final int ATTEMPTS = 120;

  private SignIn() {}

  /** Returns the access token of {@code username}. */
  static String token(HttpConnection c, String tokenPath, String username, String password)
      throws IOException {
    String form =
        "grant_type=password&username="
            + URLEncoder.encode(username, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8);
    for (int attempt = 1; ; attempt++) {
      HttpConnection.Response r =
          c.post(tokenPath, Optional.empty(), "application/x-www-form-urlencoded", form);
      boolean throttled = r.status() == 429 || r.status() == 503;
      if (!throttled || attempt == ATTEMPTS) {
        if (r.status() != 200) {
          throw new IOException("sign-in of " + username + ": " + r.status() + ": " + r.text());
        }
        return r.json().get("access_token").asText();
      }
      long seconds = r.header("retry-after").map(Long::parseLong).orElse(1L);
      try {
        Thread.sleep(Math.max(1, seconds) * 1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while signing in", e);
      }
    }
  }
}
