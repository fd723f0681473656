package org.openucwa.application;

import java.util.Optional;

/** What a client says about itself when it creates an application (applications_ref.md). */
public record ApplicationSpec(
    String userAgent, String endpointId, String culture, Optional<String> instanceId) {}
