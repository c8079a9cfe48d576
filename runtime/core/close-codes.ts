/** WebSocket close codes, as the registry publishes them (`CLOSE_CODES`). */
export { CLOSE_CODES as CloseCode } from "../../generated/ts/registry.js";
