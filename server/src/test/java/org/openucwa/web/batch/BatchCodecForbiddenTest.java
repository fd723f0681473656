package org.openucwa.web.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openucwa.web.HttpRequest;

/** Which inner requests BatchingRequests.md ("Limitations") refuses inside a batch. */
class BatchCodecForbiddenTest {

  private static final String APP = "/ucwa/oauth/v1/applications/103";

  @ParameterizedTest
  @ValueSource(
      strings = {
        APP + "/batch",
        APP + "/events",
        APP + "/Events",
        APP + "/photos/DanaB@contoso.com",
        APP + "/photos/ChrisB@contoso.com/"
      })
  void aNestedBatchTheEventChannelAndPhotosAreRefused(String path) {
    assertThat(BatchCodec.isForbiddenInBatch(get(path))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        APP + "/me",
        APP + "/people/contacts",
        APP + "/people/events@contoso.com/presence",
        APP + "/people/batch@contoso.com",
        APP + "/me/photo",
        "/",
        ""
      })
  void otherResourcesAreAllowedEvenWhenTheirNameLooksAlike(String path) {
    assertThat(BatchCodec.isForbiddenInBatch(get(path))).isFalse();
  }

  private static HttpRequest get(String path) {
    return new HttpRequest("GET", path, "", Map.of(), new byte[0]);
  }
}
