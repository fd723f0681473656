package org.openucwa.web;

import java.util.Optional;
import org.openucwa.error.ErrorCode;
import org.openucwa.error.UcwaException;
import org.openucwa.routing.Homes;

/** Where a signed-in user's home is, as the HTTP edge answers it (decision 0060). */
public final class HomeCheck {

  private HomeCheck() {}

  /**
   * The public URL of the user's home node when it is another node.
   *
   * @throws UcwaException 503 ServiceUnavailable while the cluster has not settled the home
   */
  public static Optional<String> elsewhere(Homes homes, String userUri) {
    try {
      return homes.elsewhere(userUri);
    } catch (Homes.HomeUnknownException e) {
      throw new UcwaException(
          ErrorCode.ServiceUnavailable, null, "The user's home node is not known yet; try again.");
    }
  }

  /**
   * Refuses what only the user's home node may do (making an application).
   *
   * @throws UcwaException 404 NotFound naming the home node, when the user is homed elsewhere
   */
  public static void requireHere(Homes homes, String userUri) {
    Optional<String> home = elsewhere(homes, userUri);
    if (home.isPresent()) {
      throw new UcwaException(
          ErrorCode.NotFound,
          null,
          "This user is homed on "
              + home.get()
              + ": follow the redirect link of the user resource.");
    }
  }
}
