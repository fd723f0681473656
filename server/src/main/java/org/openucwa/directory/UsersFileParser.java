package org.openucwa.directory;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads the shape of the users file with Jackson's streaming YAML parser, keeping the line of every
 * key so that {@link UsersFile} can say where a fault is. It checks keys and shapes only (known
 * key, text or list, no key twice); what the values mean is {@link UserEntry}'s business.
 *
 * <p>One instance reads one file on one thread.
 */
final class UsersFileParser {

  /** A key with its line: a text value, a list of texts, or neither when left empty. */
  record Field(String key, int line, Optional<String> text, List<String> items) {}

  /** One mapping of the file: the line it starts on and its fields in file order. */
  record Entry(int line, Map<String, Field> fields) {
    Optional<Field> field(String key) {
      return Optional.ofNullable(fields.get(key));
    }

    Optional<String> text(String key) {
      return field(key).flatMap(Field::text);
    }
  }

  /** The whole file: its {@code domain} and its {@code users} entries. */
  record Document(Optional<Field> domain, Optional<Field> usersKey, List<Entry> users) {}

  private static final YAMLFactory YAML = new YAMLFactory();
  private static final Set<String> USER_TEXTS =
      Set.of(
          "uri",
          "name",
          "password",
          "passwordHash",
          "title",
          "department",
          "company",
          "office",
          "workPhoneNumber",
          "otherPhoneNumber",
          "mobilePhoneNumber",
          "homePhoneNumber",
          "outOfOfficeNote",
          "photo",
          "conversationHistory",
          "home");
  private static final Set<String> USER_LISTS = Set.of("emailAddresses", "contacts");

  private final Path file;
  private final JsonParser parser;

  private UsersFileParser(Path file, JsonParser parser) {
    this.file = file;
    this.parser = parser;
  }

  static Document parse(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        JsonParser parser = YAML.createParser(reader)) {
      return new UsersFileParser(file, parser).document();
    } catch (StreamReadException e) {
      if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
        throw new UsersFileException(
            file, yaml.getProblemMark().getLine() + 1, "malformed YAML: " + yaml.getProblem());
      }
      throw new UsersFileException(
          file, e.getLocation().getLineNr(), "malformed YAML: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw UsersFileException.unreadable(file, e);
    }
  }

  private Document document() throws IOException {
    JsonToken first = parser.nextToken();
    if (first == null) {
      throw fault("the file is empty; it needs the keys 'domain' and 'users'");
    }
    if (first != JsonToken.START_OBJECT) {
      throw fault("expected a mapping with the keys 'domain' and 'users'");
    }
    Map<String, Integer> seen = new LinkedHashMap<>();
    Optional<Field> domain = Optional.empty();
    Optional<Field> usersKey = Optional.empty();
    List<Entry> users = List.of();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      int line = line();
      checkFirst(seen, key);
      switch (key) {
        case "domain" -> domain = Optional.of(new Field(key, line, text(key), List.of()));
        case "users" -> {
          usersKey = Optional.of(new Field(key, line, Optional.empty(), List.of()));
          users = entries();
        }
        default ->
            throw fault(
                "unknown key '" + key + "' at the top level (the keys are 'domain' and 'users')");
      }
    }
    if (parser.nextToken() != null) {
      throw fault("a second YAML document; the file must hold exactly one");
    }
    return new Document(domain, usersKey, users);
  }

  /** Reads one user entry, whose START_OBJECT is the current token. */
  private Entry entry() throws IOException {
    int start = line();
    Map<String, Integer> seen = new LinkedHashMap<>();
    Map<String, Field> fields = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      int line = line();
      checkFirst(seen, key);
      if (USER_TEXTS.contains(key)) {
        fields.put(key, new Field(key, line, text(key), List.of()));
      } else if (USER_LISTS.contains(key)) {
        fields.put(key, new Field(key, line, Optional.empty(), list(key)));
      } else {
        throw fault("unknown key '" + key + "' in the user entry of line " + start);
      }
    }
    return new Entry(start, Collections.unmodifiableMap(fields));
  }

  private void checkFirst(Map<String, Integer> seen, String key) {
    Integer first = seen.putIfAbsent(key, line());
    if (first != null) {
      throw fault("the key '" + key + "' appears twice (first on line " + first + ")");
    }
  }

  private List<Entry> entries() throws IOException {
    JsonToken token = parser.nextToken();
    if (token == JsonToken.VALUE_NULL) {
      return List.of();
    }
    if (token != JsonToken.START_ARRAY) {
      throw fault("'users' must be a list of entries, each starting with '- uri:'");
    }
    List<Entry> entries = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      if (!parser.isExpectedStartObjectToken()) {
        throw fault("each item of 'users' must be a mapping such as 'uri: sip:alice@contoso.com'");
      }
      entries.add(entry());
    }
    return List.copyOf(entries);
  }

  private Optional<String> text(String key) throws IOException {
    JsonToken token = parser.nextToken();
    if (token == JsonToken.VALUE_NULL) {
      return Optional.empty();
    }
    if (!isText(token)) {
      throw fault("'" + key + "' must be a single value, not a list or a mapping");
    }
    return Optional.of(parser.getText());
  }

  private List<String> list(String key) throws IOException {
    JsonToken token = parser.nextToken();
    if (token == JsonToken.VALUE_NULL) {
      return List.of();
    }
    if (token != JsonToken.START_ARRAY) {
      throw fault("'" + key + "' must be a list, such as [a, b]");
    }
    List<String> items = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      if (!isText(parser.currentToken())) {
        throw fault("each item of '" + key + "' must be a single value");
      }
      items.add(parser.getText());
    }
    return List.copyOf(items);
  }

  private static boolean isText(JsonToken token) {
    return token == JsonToken.VALUE_STRING
        || token == JsonToken.VALUE_NUMBER_INT
        || token == JsonToken.VALUE_NUMBER_FLOAT
        || token == JsonToken.VALUE_TRUE
        || token == JsonToken.VALUE_FALSE;
  }

  private int line() {
    return parser.currentTokenLocation().getLineNr();
  }

  private UsersFileException fault(String problem) {
    return new UsersFileException(file, Math.max(1, line()), problem);
  }
}
