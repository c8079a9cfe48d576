/** The protocol: version, registry and every named schema. */
export { PROTOCOL_VERSION } from "./version.js";
export { methods, events, handshake, type Access, type Audience, type MethodSpec, type EventSpec, type MethodName, type EventName } from "./registry.js";
export { ERROR_CODES, ERROR_DETAIL_CODES, ERROR_DETAILS, ErrorShape, ErrorCode, ErrorDetailCode } from "./errors.js";
export { Frame, RequestFrame, ResponseFrame, EventFrame } from "./frames.js";
