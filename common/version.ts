/** The tidegate release (package.json `version`, published by the registry). */
export { PRODUCT_VERSION as VERSION } from "../generated/ts/registry.js";
