package org.openucwa.web.application;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The admin policies every application of this server sees (policies_ref.md): a fixed set that
 * describes what the server offers (messaging in plain text and HTML, no audio or video, no
 * archiving), in the reference's property names and value spellings.
 */
public record PolicySet(Map<String, Object> values) {

  public PolicySet {
    values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public static PolicySet standard() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("allowDeviceContactsSync", "Disabled");
    p.put("audioOnlyOnWifi", "Disabled");
    p.put("callLogArchiving", "Disabled");
    p.put("customerExperienceImprovementProgram", "Disabled");
    p.put("emoticons", "Enabled");
    p.put("encryptAppData", "Disabled");
    p.put("clientExchangeConnectivity", "Disabled");
    p.put("exchangeUnifiedMessaging", "Disabled");
    p.put("htmlMessaging", "Enabled");
    p.put("logging", "Disabled");
    p.put("messageArchiving", "Disabled");
    p.put("messagingUrls", "Enabled");
    p.put("multiViewJoin", "Disabled");
    p.put("photos", "Enabled");
    p.put("saveCallLogs", "Disabled");
    p.put("saveCredentials", "Disabled");
    p.put("saveMessagingHistory", "Disabled");
    p.put("sharingOnlyOnWifi", "Disabled");
    p.put("softwareQualityMetrics", "Disabled");
    p.put("useLocationForE911Only", "Disabled");
    p.put("videoOnlyOnWifi", "Disabled");
    return new PolicySet(p);
  }
}
