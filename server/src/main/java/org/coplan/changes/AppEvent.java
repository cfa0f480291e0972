package org.coplan.changes;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Something other than a feature change that screens following a plan should hear of at once: a
 * comment, a reaction, a decision, a plan's new status. Published with {@link AppEvents#publish}.
 *
 * @param planId the plan it concerns, or null for every plan of the settlement
 * @param type the event's name on the browser's event stream, e.g. {@code comment}
 * @param data what the screens need to update (ids, counts), or null when it did not fit into a
 *     notification: they should then read afresh
 */
public record AppEvent(String settlementId, String planId, String type, JsonNode data) {}
