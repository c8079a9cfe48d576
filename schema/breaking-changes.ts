/**
 * Breaking wire changes accepted without a protocol version bump. `protocol:check`
 * refuses a change that breaks old clients or old servers (see the protocol lock,
 * `protocol.lock.json`) unless its id is listed here with the reason, or
 * PROTOCOL_VERSION in version.ts goes up. Ids are printed by `protocol:check`.
 *
 *   export const ACKNOWLEDGED_BREAKING_CHANGES = [
 *     "field-removed:SessionsListParams.limit", // nobody sent it; clients shipped without it
 *   ] as const;
 */
export const ACKNOWLEDGED_BREAKING_CHANGES: readonly string[] = [
  // skills.status was never served before (the method answered UNAVAILABLE); the typed items are exactly what v3 sends.
  "field-type:SkillStatus.configChecks",
  "field-type:SkillStatus.install",
  "event-audience:talk.mode", // wider, as v3: every connection (nodes too) gets talk.mode; nobody who got it before loses it
];
