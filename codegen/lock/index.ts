/** The protocol lock: the committed wire surface and the breaking-change gate over it. */
export { LOCK_PATH, emitLock, protocolLock, type ProtocolLock, type LockType, type LockField } from "./surface.js";
export { diffLocks, type Change, type Direction } from "./diff.js";
export { judge, reportLines, ACKNOWLEDGE_FILE, VERSION_FILE, type Verdict } from "./gate.js";
