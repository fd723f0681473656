package org.openucwa.directory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openucwa.directory.UsersFileParser.Document;
import org.openucwa.directory.UsersFileParser.Field;

/**
 * Loads the {@link Directory} from the YAML users file named at start-up:
 *
 * <pre>
 * domain: contoso.com
 * users:
 *   - uri: sip:alice@contoso.com
 *     name: Alice Smith
 *     password: s3cret          # or passwordHash: pbkdf2-sha256$...
 *     title: Engineer           # and department, company, office, the four phone numbers
 *     emailAddresses: [alice@contoso.com]
 *     contacts: [sip:bob@contoso.com]   # none: everyone else
 *     photo: photos/alice.png   # relative to this file's folder
 *     conversationHistory: false  # keep no conversation history (default true)
 *     home: https://ucwa2.contoso.com  # in a cluster: the node (its public URL) she is homed on
 * </pre>
 *
 * Any fault stops the load with a {@link UsersFileException} naming the file and line, so the
 * server never starts on a directory it half understood. Keys match exactly: they are
 * configuration, where a misspelt key should be an error rather than a silently missing field.
 *
 * <p>Stateless; {@link #load} may be called from any thread.
 */
public final class UsersFile {

  private UsersFile() {}

  public static Directory load(Path file) {
    Document document = UsersFileParser.parse(file);
    UserEntry.Faults faults = (line, problem) -> new UsersFileException(file, line, problem);
    String domain = domain(document, faults);
    Field usersKey = document.usersKey().orElseThrow(() -> faults.at(1, "the file has no 'users'"));
    if (document.users().isEmpty()) {
      throw faults.at(usersKey.line(), "'users' lists nobody");
    }
    Path folder = file.toAbsolutePath().getParent();
    List<UserEntry> entries = new ArrayList<>();
    Map<String, UserEntry> byUri = new HashMap<>();
    for (UsersFileParser.Entry raw : document.users()) {
      UserEntry entry = UserEntry.check(raw, domain, folder, faults);
      UserEntry first = byUri.putIfAbsent(entry.uri(), entry);
      if (first != null) {
        throw faults.at(
            entry.uriLine(),
            "the uri "
                + entry.uri()
                + " on line "
                + entry.uriLine()
                + " is already used on line "
                + first.uriLine());
      }
      entries.add(entry);
    }
    for (UserEntry entry : entries) {
      for (String contact : entry.contacts()) {
        if (!byUri.containsKey(contact)) {
          throw faults.at(
              entry.contactsLine(contact),
              "the contact " + contact + " of " + entry.uri() + " is not a user of this file");
        }
      }
    }
    List<DistributionGroup> groups = distributionGroups(document, domain, byUri, faults);
    for (UserEntry entry : entries) {
      for (String address : entry.distributionGroups()) {
        if (groups.stream().noneMatch(g -> g.isNamedBy(address))) {
          throw faults.at(
              entry.distributionGroupsLine(),
              "the distribution group "
                  + address
                  + " of "
                  + entry.uri()
                  + " is not in 'distributionGroups'");
        }
      }
    }
    return new Directory(domain, entries.stream().map(UserEntry::toUser).toList(), groups);
  }

  private static List<DistributionGroup> distributionGroups(
      Document document, String domain, Map<String, UserEntry> users, UserEntry.Faults faults) {
    List<DistributionGroup> groups = new ArrayList<>();
    for (UsersFileParser.Entry raw : document.distributionGroups()) {
      Field uriField =
          raw.field("uri")
              .filter(f -> f.text().isPresent())
              .orElseThrow(() -> faults.at(raw.line(), "the distribution group has no 'uri'"));
      String text = uriField.text().orElseThrow();
      String uri =
          SipUris.normalize(text)
              .filter(u -> SipUris.domainOf(u).equals(domain))
              .orElseThrow(
                  () ->
                      faults.at(
                          uriField.line(),
                          "'uri' must be of the form sip:group@"
                              + domain
                              + ", not '"
                              + text
                              + "'"));
      if (users.containsKey(uri) || groups.stream().anyMatch(g -> g.uri().equals(uri))) {
        throw faults.at(uriField.line(), "the uri " + uri + " is already used");
      }
      String name =
          raw.text("name")
              .filter(n -> !n.isBlank() && n.length() <= UserEntry.MAX_GROUP_NAME)
              .orElseThrow(
                  () ->
                      faults.at(
                          raw.line(),
                          "the distribution group "
                              + uri
                              + " needs a 'name' of 1 to "
                              + UserEntry.MAX_GROUP_NAME
                              + " characters"));
      List<String> members = new ArrayList<>();
      Optional<Field> membersField = raw.field("members");
      for (String m : membersField.map(Field::items).orElse(List.of())) {
        String member = SipUris.normalize(m).orElse(m);
        if (!users.containsKey(member)) {
          throw faults.at(
              membersField.get().line(),
              "the member " + m + " of " + uri + " is not a user of this file");
        }
        members.add(member);
      }
      groups.add(new DistributionGroup(uri, name, raw.text("emailAddress"), members));
    }
    return groups;
  }

  private static String domain(Document document, UserEntry.Faults faults) {
    Field field = document.domain().orElseThrow(() -> faults.at(1, "the file has no 'domain'"));
    String text = field.text().orElseThrow(() -> faults.at(field.line(), "'domain' is empty"));
    return SipUris.normalizeDomain(text)
        .orElseThrow(() -> faults.at(field.line(), "'" + text + "' is not a domain name"));
  }
}
