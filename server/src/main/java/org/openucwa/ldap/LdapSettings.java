package org.openucwa.ldap;

import java.util.Objects;
import java.util.Optional;

/**
 * Where the users come from when they come from LDAP or Active Directory: the server's URL ({@code
 * ldap://} or {@code ldaps://}), the base DN searched, the account the server reads with (anonymous
 * when absent) and the filter that selects the users.
 */
public record LdapSettings(
    String url,
    String baseDn,
    Optional<String> bindDn,
    Optional<String> bindPassword,
    String filter) {

  /** Active Directory users enabled for Skype for Business. */
  public static final String DEFAULT_FILTER = "(msRTCSIP-PrimaryUserAddress=sip:*)";

  public LdapSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(baseDn, "baseDn");
    Objects.requireNonNull(filter, "filter");
  }

  @Override
  public String toString() {
    return "LdapSettings[" + url + ", " + baseDn + ", " + bindDn.orElse("anonymous") + "]";
  }
}
