/** The TypeScript client library: connect, call typed methods, listen to typed events. */
export { GatewayClient, CLIENT_DEFAULTS, CLOSE_MISSED_TICKS, openWsSocket, type GatewayClientOptions, type GatewayClientEvents } from "./gateway-client.js";
export { ProtocolClient, type ProtocolClientOptions } from "./protocol-client.js";
export { MemoryDeviceTokens, type ClientSocket, type DeviceSigner, type DeviceTokens, type OpenSocket, type SocketHandlers } from "./client-transport.js";
export { GatewayClientError, type LocalErrorCode } from "./client-error.js";
export { DeviceIdentity, DeviceTokenStore } from "./device-identity.js";
export { EventQueue } from "./event-queue.js";
