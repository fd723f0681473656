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
  record Field(
      String key,
      int line,
      Optional<String> text,
      List<String> items,
      Map<String, List<String>> mapping) {

    Field(String key, int line, Optional<String> text, List<String> items) {
      this(key, line, text, items, Map.of());
    }
  }

  /** One mapping of the file: the line it starts on and its fields in file order. */
  record Entry(int line, Map<String, Field> fields) {
    Optional<Field> field(String key) {
      return Optional.ofNullable(fields.get(key));
    }

    Optional<String> text(String key) {
      return field(key).flatMap(Field::text);
    }
  }

  /** The whole file: its {@code domain}, its {@code users} and its distribution groups. */
  record Document(
      Optional<Field> domain,
      Optional<Field> usersKey,
      List<Entry> users,
      List<Entry> distributionGroups) {}

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
          "manager",
          "home");
  private static final Set<String> USER_LISTS =
      Set.of("emailAddresses", "contacts", "favorites", "delegates", "distributionGroups");
  private static final Set<String> USER_MAPPINGS = Set.of("groups");
  private static final Set<String> GROUP_TEXTS = Set.of("uri", "name", "emailAddress");
  private static final Set<String> GROUP_LISTS = Set.of("members");

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
    List<Entry> distributionGroups = List.of();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      int line = line();
      checkFirst(seen, key);
      switch (key) {
        case "domain" -> domain = Optional.of(new Field(key, line, text(key), List.of()));
        case "users" -> {
          usersKey = Optional.of(new Field(key, line, Optional.empty(), List.of()));
          users = entries("users", USER_TEXTS, USER_LISTS, USER_MAPPINGS);
        }
        case "distributionGroups" ->
            distributionGroups = entries(key, GROUP_TEXTS, GROUP_LISTS, Set.of());
        default ->
            throw fault(
                "unknown key '"
                    + key
                    + "' at the top level (the keys are 'domain', 'users' and"
                    + " 'distributionGroups')");
      }
    }
    if (parser.nextToken() != null) {
      throw fault("a second YAML document; the file must hold exactly one");
    }
    return new Document(domain, usersKey, users, distributionGroups);
  }

  /** Reads one entry, whose START_OBJECT is the current token. */
  private Entry entry(String of, Set<String> texts, Set<String> lists, Set<String> mappings)
      throws IOException {
    int start = line();
    Map<String, Integer> seen = new LinkedHashMap<>();
    Map<String, Field> fields = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      int line = line();
      checkFirst(seen, key);
      if (texts.contains(key)) {
        fields.put(key, new Field(key, line, text(key), List.of()));
      } else if (lists.contains(key)) {
        fields.put(key, new Field(key, line, Optional.empty(), list(key)));
      } else if (mappings.contains(key)) {
        fields.put(key, new Field(key, line, Optional.empty(), List.of(), mapping(key)));
      } else {
        throw fault("unknown key '" + key + "' in the " + of + " entry of line " + start);
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

  private List<Entry> entries(
      String key, Set<String> texts, Set<String> lists, Set<String> mappings) throws IOException {
    JsonToken token = parser.nextToken();
    if (token == JsonToken.VALUE_NULL) {
      return List.of();
    }
    if (token != JsonToken.START_ARRAY) {
      throw fault("'" + key + "' must be a list of entries, each starting with '- uri:'");
    }
    String of = key.equals("users") ? "user" : "distribution group";
    List<Entry> entries = new ArrayList<>();
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      if (!parser.isExpectedStartObjectToken()) {
        throw fault(
            "each item of '" + key + "' must be a mapping such as 'uri: sip:alice@contoso.com'");
      }
      entries.add(entry(of, texts, lists, mappings));
    }
    return List.copyOf(entries);
  }

  /** A mapping of names to lists, such as {@code groups: {Team: [sip:bob@contoso.com]}}. */
  private Map<String, List<String>> mapping(String key) throws IOException {
    JsonToken token = parser.nextToken();
    if (token == JsonToken.VALUE_NULL) {
      return Map.of();
    }
    if (token != JsonToken.START_OBJECT) {
      throw fault("'" + key + "' must be a mapping of names to lists, such as 'Team: [a, b]'");
    }
    Map<String, List<String>> result = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      if (result.containsKey(name)) {
        throw fault("'" + name + "' appears twice in '" + key + "'");
      }
      result.put(name, list(key + ": " + name));
    }
    return Collections.unmodifiableMap(result);
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
