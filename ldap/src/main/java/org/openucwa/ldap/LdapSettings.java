package org.openucwa.ldap;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the users come from when they come from LDAP or Active Directory: the server's URL ({@code
 * ldap://} or {@code ldaps://}), the base DN searched, the account the server reads with (anonymous
 * when absent), the filter that selects the users, and how long a user or a search read from the
 * directory is kept before it is read again.
 */
public record LdapSettings(
    String url,
    String baseDn,
    Optional<String> bindDn,
    Optional<String> bindPassword,
    String filter,
    Duration cacheTtl) {

  /** Active Directory users enabled for Skype for Business. */
  public static final String DEFAULT_FILTER = "(msRTCSIP-PrimaryUserAddress=sip:*)";

  /** How long a user or search read from the directory is kept unless told otherwise. */
  public static final Duration DEFAULT_CACHE_TTL = Duration.ofMinutes(5);

  public LdapSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(baseDn, "baseDn");
    Objects.requireNonNull(filter, "filter");
    Objects.requireNonNull(cacheTtl, "cacheTtl");
  }

  /** With the default cache time to live. */
  public LdapSettings(
      String url,
      String baseDn,
      Optional<String> bindDn,
      Optional<String> bindPassword,
      String filter) {
    this(url, baseDn, bindDn, bindPassword, filter, DEFAULT_CACHE_TTL);
  }

  /**
   * The Windows (NetBIOS) domain that {@code DOMAIN\account} sign-in names carry: the first {@code
   * DC=} of the base DN, in capitals ({@code DC=contoso,DC=com} gives {@code CONTOSO}).
   */
  public Optional<String> windowsDomain() {
    for (String rdn : baseDn.split(",")) {
      String r = rdn.strip();
      if (r.regionMatches(true, 0, "DC=", 0, 3) && r.length() > 3) {
        return Optional.of(r.substring(3).strip().toUpperCase(java.util.Locale.ROOT));
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return "LdapSettings["
        + url
        + ", "
        + baseDn
        + ", "
        + bindDn.orElse("anonymous")
        + ", "
        + filter
        + ", cache "
        + cacheTtl
        + "]";
  }
}
