package org.openucwa.directory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A distribution group of the directory (distributionGroup_ref.md: "a mail-enabled Active Directory
 * group object"): its SIP address, display name, optional e-mail address and members. Immutable.
 */
public record DistributionGroup(
    String uri, String name, Optional<String> emailAddress, List<String> members) {

  public DistributionGroup {
    String given = Objects.requireNonNull(uri, "uri");
    uri =
        SipUris.normalize(given)
            .orElseThrow(
                () -> new IllegalArgumentException("not of the form sip:group@domain: " + given));
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("the name of " + uri + " is blank");
    }
    Objects.requireNonNull(emailAddress, "emailAddress");
    members =
        members.stream()
            .map(
                m ->
                    SipUris.normalize(m)
                        .orElseThrow(
                            () ->
                                new IllegalArgumentException(
                                    "member not of the form sip:user@domain: " + m)))
            .toList();
  }

  /** Whether {@code address} (a SIP URI, {@code user@domain} or the e-mail address) names it. */
  public boolean isNamedBy(String address) {
    String a = address.strip().toLowerCase(java.util.Locale.ROOT);
    String bare = a.startsWith("sip:") ? a.substring(4) : a;
    return uri.equals("sip:" + bare)
        || emailAddress.map(e -> e.toLowerCase(java.util.Locale.ROOT).equals(bare)).orElse(false);
  }
}
