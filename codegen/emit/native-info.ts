/** Protocol constants (version, method and event names) for the native targets, one escaping helper for every literal. */
import type { ProtocolModel } from "../model.js";
import { quote } from "./generated-file.js";

export interface NativeName {
  /** Identifier-safe case name, such as `nodeInvokeResult` (Swift style). */
  identifier: string;
  /** The same in PascalCase, such as `NodeInvokeResult` (Kotlin style). */
  pascal: string;
  /** Wire name, such as `node.invoke.result`. */
  wire: string;
  literal: string;
}

const camel = (wire: string) => {
  const parts = wire.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return parts.map((part, i) => (i === 0 ? part : part[0].toUpperCase() + part.slice(1))).join("");
};

export function nativeNames(names: readonly string[]): NativeName[] {
  return names.map((wire) => {
    const identifier = camel(wire);
    return { identifier, pascal: identifier[0].toUpperCase() + identifier.slice(1), wire, literal: quote(wire) };
  });
}

export const methodNames = (model: ProtocolModel) => nativeNames(model.methods.map((m) => m.name));
export const eventNames = (model: ProtocolModel) => nativeNames(model.events.map((e) => e.name));
