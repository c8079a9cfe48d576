/** The model of this repository's protocol: `buildModel` applied to `schema/` (and the product version from package.json). */
import { readFileSync } from "node:fs";
import { ACKNOWLEDGED_BREAKING_CHANGES } from "../schema/breaking-changes.js";
import { constants } from "../schema/constants.js";
import { CONFIG_RELOAD_RULES, CONFIG_UI_HINTS, GatewayConfig } from "../schema/gateway-config.js";
import { ERROR_CODES, ERROR_DETAIL_CODES, ERROR_DETAILS, ErrorDetailCode, ErrorShape, events, Frame, handshake, methods, PROTOCOL_VERSION } from "../schema/index.js";
import { nodeCommands } from "../schema/node-commands.js";
import { buildModel, type ProtocolModel } from "./model.js";

/** The product's release, as package.json says. */
export function productVersion(): string {
  return projectInfo().version;
}

/** Version, licence and description from package.json (the published native packages carry them). */
function projectInfo(): { version: string; license: string; description: string } {
  const { version, license, description } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as Record<string, string>;
  return { version, license, description };
}

export function protocolModel(): ProtocolModel {
  return buildModel({
    version: PROTOCOL_VERSION,
    methods,
    events,
    handshake,
    frame: Frame,
    configFile: GatewayConfig,
    configAnnotations: { "x-reload": CONFIG_RELOAD_RULES, "x-ui-hints": CONFIG_UI_HINTS },
    extra: [ErrorShape, ErrorDetailCode],
    errorCodes: ERROR_CODES,
    errorDetailCodes: ERROR_DETAIL_CODES,
    errorDetails: ERROR_DETAILS,
    nodeCommands,
    constants: { ...constants, PRODUCT_VERSION: { description: "The tidegate release that speaks this protocol (package.json `version`).", value: productVersion() } },
    project: projectInfo(),
    acknowledgedBreakingChanges: ACKNOWLEDGED_BREAKING_CHANGES,
  });
}
