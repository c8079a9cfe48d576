/** The model of this repository's protocol: `buildModel` applied to `schema/`. */
import { ERROR_CODES, ERROR_DETAIL_CODES, ErrorDetailCode, ErrorShape, Frame, PROTOCOL_VERSION, events, handshake, methods } from "../schema/index.js";
import { GatewayConfig } from "../schema/gateway-config.js";
import { ACKNOWLEDGED_BREAKING_CHANGES } from "../schema/breaking-changes.js";
import packageJson from "../package.json" with { type: "json" };
import { buildModel, type ProtocolModel } from "./model.js";

export function protocolModel(): ProtocolModel {
  return buildModel({
    version: PROTOCOL_VERSION,
    methods,
    events,
    handshake,
    frame: Frame,
    configFile: GatewayConfig,
    extra: [ErrorShape, ErrorDetailCode],
    errorCodes: ERROR_CODES,
    errorDetailCodes: ERROR_DETAIL_CODES,
    project: { version: packageJson.version, license: packageJson.license, description: packageJson.description },
    acknowledgedBreakingChanges: ACKNOWLEDGED_BREAKING_CHANGES,
  });
}
