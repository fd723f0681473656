package org.openucwa.web.admin;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.openucwa.audit.InvitationRecord;

/** One invitation of the record as the admin API writes it. */
final class InvitationJson {

  private InvitationJson() {}

  static ObjectNode of(InvitationRecord r) {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    o.put("id", r.id());
    o.put("kind", r.kind().name());
    o.put("inviter", r.inviter());
    o.put("invitee", r.invitee());
    o.put("conversation", r.conversation());
    o.put("threadId", r.threadId());
    r.operationId().ifPresent(v -> o.put("operationId", v));
    o.put("started", r.started().toString());
    r.ended().ifPresent(v -> o.put("ended", v.toString()));
    o.put("outcome", r.outcome().orElse("pending"));
    if (r.reasonCode().isPresent()) {
      ObjectNode reason = o.putObject("reason");
      reason.put("code", r.reasonCode().get());
      r.reasonSubcode().ifPresent(v -> reason.put("subcode", v));
      r.reasonMessage().ifPresent(v -> reason.put("message", v));
    }
    var states = o.putArray("states");
    for (InvitationRecord.StateAt s : r.states()) {
      states.addObject().put("state", s.state()).put("at", s.at().toString());
    }
    return o;
  }
}
