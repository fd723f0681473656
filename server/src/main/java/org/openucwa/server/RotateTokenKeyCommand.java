package org.openucwa.server;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.openucwa.auth.TokenKey;
import org.openucwa.auth.TokenKeys;
import org.openucwa.store.jdbc.Database;
import org.openucwa.store.jdbc.JdbcTokenKeyStore;

/**
 * {@code ucwa-server rotate-token-key [--retire-old] [store flags]}: makes a new token-signing key
 * in the store the flags name (the data folder or {@code --database-url}). Tokens signed by the
 * older keys stay valid until they expire, unless {@code --retire-old} forgets those keys, signing
 * everyone out. A running server signs with the new key from its next start. Runs on the caller's
 * thread.
 */
public final class RotateTokenKeyCommand {

  private RotateTokenKeyCommand() {}

  /** Returns the exit code: 0 after rotating, 2 for bad flags, 1 when the store cannot open. */
  public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
    List<String> rest = new ArrayList<>(List.of(args));
    boolean retire = rest.remove("--retire-old");
    ServerConfig config;
    try {
      config = Flags.parse(rest.toArray(String[]::new), env);
    } catch (Flags.UsageException e) {
      err.println("rotate-token-key: " + e.getMessage());
      return 2;
    }
    try (Database db = UcwaServer.openDatabase(config)) {
      TokenKey key =
          new TokenKeys(new JdbcTokenKeyStore(db), Clock.systemUTC(), new SecureRandom())
              .rotate(retire);
      out.println(
          "New token-signing key "
              + key.id()
              + " in "
              + db.description()
              + (retire
                  ? "; older keys retired: every token signed before now is refused"
                  : "; tokens signed before stay valid until they expire")
              + ". A running server uses it from its next start.");
      return 0;
    } catch (Database.StoreException e) {
      err.println(
          "rotate-token-key: "
              + e.getMessage()
              + (e.getMessage().contains("locked")
                  ? " (a running server holds the embedded database: stop it first)"
                  : ""));
      return 1;
    }
  }
}
