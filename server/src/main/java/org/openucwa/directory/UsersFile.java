package org.openucwa.directory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
              entry.contactsLine(),
              "the contact " + contact + " of " + entry.uri() + " is not a user of this file");
        }
      }
    }
    return new Directory(domain, entries.stream().map(UserEntry::toUser).toList());
  }

  private static String domain(Document document, UserEntry.Faults faults) {
    Field field = document.domain().orElseThrow(() -> faults.at(1, "the file has no 'domain'"));
    String text = field.text().orElseThrow(() -> faults.at(field.line(), "'domain' is empty"));
    return SipUris.normalizeDomain(text)
        .orElseThrow(() -> faults.at(field.line(), "'" + text + "' is not a domain name"));
  }
}
