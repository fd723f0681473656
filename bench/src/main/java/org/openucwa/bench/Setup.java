package org.openucwa.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Gets the applications the benchmark polls, over HTTP as a client would: discovery from the root,
 * the token URL from the 401 challenge, a password sign-in per user, then {@code POST applications}
 * until each user has its share. A few workers share the users, each on its own keep-alive
 * connection, closed when setup ends so that the baseline heap holds no connection.
 */
final class Setup {

  /** One application: its owner's token, its own link and the link of its first P-GET. */
  record App(String token, String href, String eventsHref) {}

  private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

  private final InetSocketAddress server;

  Setup(InetSocketAddress server) {
    this.server = server;
  }

  /** Creates {@code total} applications, {@code perUser} per user; returns them. */
  List<App> createApplications(int total, int perUser, int workers)
      throws IOException, InterruptedException {
    Discovered paths = discover();
    String userPath = paths.user();
    String tokenPath = paths.token();
    int users = (total + perUser - 1) / perUser;
    List<App> apps = Collections.synchronizedList(new ArrayList<>(total));
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < workers; w++) {
        int worker = w;
        done.add(
            pool.submit(
                () -> {
                  try (HttpConnection c = HttpConnection.open(server, READ_TIMEOUT)) {
                    for (int u = worker; u < users; u += workers) {
                      int count = Math.min(perUser, total - u * perUser);
                      apps.addAll(createFor(c, u, count, userPath, tokenPath));
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } catch (ExecutionException e) {
      throw new IOException("setup failed: " + e.getCause(), e.getCause());
    }
    return List.copyOf(apps);
  }

  /** Creates {@code count} applications for the user of index {@code user}; returns them. */
  List<App> createForUser(int user, int count) throws IOException {
    Discovered paths = discover();
    try (HttpConnection c = HttpConnection.open(server, READ_TIMEOUT)) {
      return createFor(c, user, count, paths.user(), paths.token());
    }
  }

  /** Deletes the applications, as a client signing out does. */
  void delete(List<App> apps) throws IOException {
    try (HttpConnection c = HttpConnection.open(server, READ_TIMEOUT)) {
      for (App app : apps) {
        expect(c.delete(app.href(), Optional.of(app.token())), 204);
      }
    }
  }

  /** The user resource's path and the token path. */
  private record Discovered(String user, String token) {}

  /** The user resource's path and the token path, found the way a client finds them. */
  private Discovered discover() throws IOException {
    try (HttpConnection c = HttpConnection.open(server, READ_TIMEOUT)) {
      String userPath =
          path(expect(c.get("/", Optional.empty()), 200).json().at("/_links/user/href").asText());
      HttpConnection.Response challenge = expect(c.get(userPath, Optional.empty()), 401);
      String tokenPath =
          path(
              challenge
                  .header("www-authenticate")
                  .orElseThrow()
                  .replaceAll(".*href=\"([^\"]+)\".*", "$1"));
      return new Discovered(userPath, tokenPath);
    }
  }

  private static List<App> createFor(
      HttpConnection c, int user, int count, String userPath, String tokenPath) throws IOException {
    String token =
        SignIn.token(c, tokenPath, BenchDirectory.username(user), BenchDirectory.PASSWORD);
    String applications =
        path(
            expect(c.get(userPath, Optional.of(token)), 200)
                .json()
                .at("/_links/applications/href")
                .asText());
    List<App> out = new ArrayList<>(count);
    for (int k = 0; k < count; k++) {
      String body =
          "{\"UserAgent\":\"ucwa-bench\",\"EndpointId\":\"bench-"
              + user
              + "-"
              + k
              + "\",\"Culture\":\"en-US\"}";
      JsonNode app =
          expect(c.post(applications, Optional.of(token), "application/json", body), 201).json();
      out.add(
          new App(
              token, app.at("/_links/self/href").asText(), app.at("/_links/events/href").asText()));
    }
    return out;
  }

  private static HttpConnection.Response expect(HttpConnection.Response r, int status)
      throws IOException {
    if (r.status() != status) {
      throw new IOException("expected " + status + ", got " + r.status() + ": " + r.text());
    }
    return r;
  }

  /** The path and query of a link: this client always talks to the one server it started. */
  private static String path(String href) {
    URI u = URI.create(href);
    return u.getRawQuery() == null ? u.getRawPath() : u.getRawPath() + "?" + u.getRawQuery();
  }
}
