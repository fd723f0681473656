package org.openucwa.directory;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Anonymous meeting guests (AuthenticationInUCWA.md, the anonymous meeting grant): people who are
 * in no directory and join one meeting with a display name. Each gets a SIP URI of its own in the
 * reserved domain {@value #DOMAIN} (RFC 2606), so that a guest can never be mistaken for a user of
 * the directory nor reached by anyone's invitation. Stateless.
 */
public final class Guests {

  public static final String DOMAIN = "anonymous.invalid";

  private static final Credential NO_PASSWORD = Credential.hashedOnFirstUse(new char[0]);

  private Guests() {}

  /** A fresh guest URI, {@code sip:<32 hex digits>@anonymous.invalid}. */
  public static String newUri(SecureRandom random) {
    byte[] id = new byte[16];
    random.nextBytes(id);
    return "sip:" + HexFormat.of().formatHex(id) + "@" + DOMAIN;
  }

  public static boolean isGuest(String uri) {
    return uri.toLowerCase(Locale.ROOT).endsWith("@" + DOMAIN);
  }

  /** The guest as a user of no directory: a name and a URI, no password, nothing else. */
  public static User user(String uri, String displayName) {
    return User.builder(uri, displayName)
        .credential(NO_PASSWORD)
        .conversationHistory(false)
        .build();
  }
}
