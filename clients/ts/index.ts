/** The TypeScript client library: connect, call typed methods, listen to typed events. */

export { GatewayClientError, type LocalErrorCode } from "./client-error.js";
export { type ClientSocket, type DeviceSigner, type DeviceTokens, MemoryDeviceTokens, type OpenSocket, type SocketHandlers } from "./client-transport.js";
export { DeviceIdentity, DeviceTokenStore } from "./device-identity.js";
export { EventQueue } from "./event-queue.js";
export { CLIENT_DEFAULTS, CLOSE_MISSED_TICKS, GatewayClient, type GatewayClientEvents, type GatewayClientOptions, openWsSocket } from "./gateway-client.js";
export { ProtocolClient, type ProtocolClientOptions } from "./protocol-client.js";
export { normalizeFingerprint } from "./tls-pin.js";
