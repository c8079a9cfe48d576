/** The protocol lock: the committed wire surface and the breaking-change gate over it. */

export { type Change, type Direction, diffLocks } from "./diff.js";
export { ACKNOWLEDGE_FILE, judge, reportLines, VERSION_FILE, type Verdict } from "./gate.js";
export { emitLock, LOCK_PATH, type LockField, type LockType, type ProtocolLock, protocolLock } from "./surface.js";
