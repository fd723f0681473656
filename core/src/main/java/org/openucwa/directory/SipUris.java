package org.openucwa.directory;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one place that decides what a user's SIP URI looks like: {@code sip:user@domain}, compared
 * lower-cased. Stateless and thread-safe.
 */
final class SipUris {

  private static final Pattern FORM =
      Pattern.compile("sip:[^@\\s:;/?<>\"]+@[^@\\s:;/?<>\"]+", Pattern.CASE_INSENSITIVE);
  private static final Pattern DOMAIN = Pattern.compile("[^@\\s:;/?<>\"]+");

  private SipUris() {}

  /**
   * The canonical, lower-cased form of {@code text}, or empty if it is not {@code sip:user@domain}.
   */
  static Optional<String> normalize(String text) {
    String trimmed = text.strip();
    return FORM.matcher(trimmed).matches()
        ? Optional.of(trimmed.toLowerCase(Locale.ROOT))
        : Optional.empty();
  }

  /** The canonical form of a domain name, or empty if it cannot be the domain of a SIP URI. */
  static Optional<String> normalizeDomain(String text) {
    String trimmed = text.strip();
    return DOMAIN.matcher(trimmed).matches()
        ? Optional.of(trimmed.toLowerCase(Locale.ROOT))
        : Optional.empty();
  }

  /** The domain of a normalized URI. */
  static String domainOf(String uri) {
    return uri.substring(uri.indexOf('@') + 1);
  }
}
