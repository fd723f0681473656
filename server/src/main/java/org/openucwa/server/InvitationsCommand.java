package org.openucwa.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code ucwa-server invitations [--url URL] [--admin-token T] [--user U] [--outcome O] [--since S]
 * [--until U] [--limit N]}: asks a running server's {@code /admin/invitations} and prints the
 * invitations as a table, newest first. The token may come from {@code UCWA_ADMIN_TOKEN}, the URL
 * from {@code UCWA_URL} (default {@code http://127.0.0.1:8080}). Runs on the caller's thread.
 */
public final class InvitationsCommand {

  private static final Set<String> FILTERS = Set.of("user", "outcome", "since", "until", "limit");
  private static final ObjectMapper JSON = new ObjectMapper();

  private InvitationsCommand() {}

  /** Returns the exit code: 0 after printing, 2 for bad flags, 1 when the server refuses. */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    String url = env.getOrDefault("UCWA_URL", "http://127.0.0.1:8080");
    String token = env.get("UCWA_ADMIN_TOKEN");
    Map<String, String> filters = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i].startsWith("--") ? args[i].substring(2) : "";
      if (i + 1 >= args.length
          || !(FILTERS.contains(name) || Set.of("url", "admin-token").contains(name))) {
        err.println(
            "invitations: usage: invitations [--url URL] [--admin-token T] [--user U] [--outcome"
                + " O] [--since S] [--until U] [--limit N]");
        return 2;
      }
      String value = args[++i];
      switch (name) {
        case "url" -> url = value;
        case "admin-token" -> token = value;
        default -> filters.put(name, value);
      }
    }
    if (token == null || token.isBlank()) {
      err.println(
          "invitations: give the server's admin token with --admin-token or UCWA_ADMIN_TOKEN");
      return 2;
    }
    List<String> query = new ArrayList<>();
    filters.forEach((k, v) -> query.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8)));
    String target =
        url.replaceAll("/+$", "")
            + "/admin/invitations"
            + (query.isEmpty() ? "" : "?" + String.join("&", query));
    try {
      HttpResponse<String> r =
          HttpClient.newBuilder()
              .connectTimeout(Duration.ofSeconds(5))
              .build()
              .send(
                  HttpRequest.newBuilder(URI.create(target))
                      .header("Authorization", "Bearer " + token)
                      .header("Accept", "application/json")
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        err.println("invitations: the server answered " + r.statusCode() + ": " + r.body());
        return 1;
      }
      print(JSON.readTree(r.body()), out);
      return 0;
    } catch (IOException | IllegalArgumentException e) {
      err.println("invitations: cannot ask " + target + ": " + e.getMessage());
      return 1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return 1;
    }
  }

  private static void print(JsonNode body, PrintStream out) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"STARTED", "KIND", "INVITER", "INVITEE", "OUTCOME", "REASON", "STATES"});
    for (JsonNode i : body.path("invitations")) {
      List<String> states = new ArrayList<>();
      i.path("states").forEach(s -> states.add(s.path("state").asText()));
      JsonNode reason = i.path("reason");
      rows.add(
          new String[] {
            i.path("started").asText(),
            i.path("kind").asText(),
            i.path("inviter").asText(),
            i.path("invitee").asText(),
            i.path("outcome").asText(),
            reason.isMissingNode()
                ? "-"
                : reason.path("code").asText()
                    + (reason.has("subcode") ? "/" + reason.path("subcode").asText() : ""),
            String.join(">", states)
          });
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int c = 0; c < row.length; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < row.length; c++) {
        line.append(c == row.length - 1 ? row[c] : String.format("%-" + widths[c] + "s  ", row[c]));
      }
      out.println(line.toString().stripTrailing());
    }
    if (body.has("next")) {
      out.println("(more: add --limit, or ask " + body.path("next").asText() + ")");
    }
  }
}
