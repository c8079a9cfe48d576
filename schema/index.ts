/** The protocol: version, registry and every named schema. */

export { ERROR_CODES, ERROR_DETAIL_CODES, ERROR_DETAILS, ErrorCode, ErrorDetailCode, ErrorShape } from "./errors.js";
export { EventFrame, Frame, RequestFrame, ResponseFrame } from "./frames.js";
export { type Access, type Audience, type EventName, type EventSpec, events, handshake, type MethodName, type MethodSpec, methods } from "./registry.js";
export { PROTOCOL_VERSION } from "./version.js";
