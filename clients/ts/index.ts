/** The TypeScript client library: connect, call typed methods, listen to typed events. */
export { GatewayClient, CLOSE_MISSED_TICKS, type GatewayClientOptions, type GatewayClientEvents } from "./gateway-client.js";
export { GatewayClientError, type LocalErrorCode } from "./client-error.js";
export { DeviceIdentity, DeviceTokenStore } from "./device-identity.js";
export { EventQueue } from "./event-queue.js";
