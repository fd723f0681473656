package org.openucwa.server;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code --config} file: a YAML mapping whose keys are flag names ({@code port: 8080}, {@code
 * allowed-origins: [https://a.example]}). A relative file name in it ({@code users}, {@code
 * tls-cert}, {@code tls-key}) is taken relative to the file's folder, so the file can travel with
 * what it names. An unknown key or a nested value is refused, naming the key.
 */
final class ConfigFile {

  private ConfigFile() {}

  static Map<String, String> read(Path file) {
    JsonNode root;
    try {
      root = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file));
    } catch (JacksonException e) {
      throw new Flags.UsageException(
          "config file " + file + ": not YAML (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw new Flags.UsageException("config file " + file + " cannot be read (" + e + ")");
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return Map.of();
    }
    if (!root.isObject()) {
      throw new Flags.UsageException("config file " + file + ": expected a mapping of flag names");
    }
    Path folder = file.toAbsolutePath().getParent();
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      String key = e.getKey();
      Flags.Flag flag =
          Flags.FLAGS.stream()
              .filter(f -> f.name().equals(key) && !key.equals("config"))
              .findFirst()
              .orElseThrow(
                  () ->
                      new Flags.UsageException(
                          "config file " + file + ": unknown key '" + key + "'"));
      String text = text(file, key, e.getValue());
      if (flag.path() && !text.isEmpty()) {
        text = folder.resolve(text).toString();
      }
      values.put(key, text);
    }
    return values;
  }

  private static String text(Path file, String key, JsonNode value) {
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      for (JsonNode item : value) {
        items.add(text(file, key, item));
      }
      return String.join(",", items);
    }
    if (value.isValueNode() && !value.isNull()) {
      return value.asText();
    }
    throw new Flags.UsageException(
        "config file " + file + ": '" + key + "' must be a single value or a list");
  }
}
