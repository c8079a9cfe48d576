/**
 * Forward-compatibility vectors: what a newer gateway may send to an app built
 * today. Each is derived from the registry's examples — an unknown enum value
 * for every enum, an unknown member for every tagged union, unknown fields, an
 * unknown event, an unknown frame type, and absent vs `null` for every
 * three-state field — with the decode path to check and the expected state.
 */

import { type ExampleVector, exampleVectors } from "../emit/example-vectors.js";
import type { ProtocolModel } from "../model.js";
import { type NativeModel, type NativeType, nativeModel } from "./ir.js";

export type PathSegment = string | number;

/** What a target must find at `path` after decoding. */
export type CompatExpectation =
  | { state: "unknownEnum"; enum: string; raw: string }
  | { state: "unknownMember"; union: string }
  | { state: "unknownEvent"; name: string }
  | { state: "unknownFrame" }
  | { state: "absent" | "null"; struct: string; field: string }
  | { state: "ignoredField"; struct: string; field: string }
  | { state: "requiredNull"; struct: string; field: string };

export interface CompatVector extends ExampleVector {
  /** Where to look in the decoded value (property names are wire names). */
  path: PathSegment[];
  expect: CompatExpectation;
  /** What re-encoding must produce, when it is not `value` itself (unknown fields are dropped). */
  encoded?: unknown;
}

export const UNKNOWN_VALUE = "future_value";
export const UNKNOWN_FIELD = "futureField";

const clone = <T>(value: T): T => structuredClone(value);

function setAt(root: unknown, path: PathSegment[], update: (parent: Record<string | number, unknown>, key: PathSegment) => void): unknown {
  const copy = clone(root);
  let node = copy as Record<string | number, unknown>;
  for (const segment of path.slice(0, -1)) node = node[segment] as Record<string | number, unknown>;
  update(node, path[path.length - 1]);
  return copy;
}

interface Visit {
  path: PathSegment[];
  type: NativeType;
  value: unknown;
}

/** Every typed value inside `value`, walking structs, lists and maps (never into unions, JSON or three-state fields). */
function walk(native: NativeModel, type: NativeType, value: unknown, path: PathSegment[], out: Visit[]): void {
  out.push({ path, type, value });
  if (value === null || value === undefined) return;
  if (type.kind === "list") (value as unknown[]).forEach((item, i) => walk(native, type.item, item, [...path, i], out));
  else if (type.kind === "map") for (const [k, v] of Object.entries(value as object)) walk(native, type.value, v, [...path, k], out);
  else if (type.kind === "named") {
    const decl = native.decls.get(type.name)!;
    if (decl.kind !== "struct") return;
    for (const field of decl.fields) {
      const fieldValue = (value as Record<string, unknown>)[field.wire];
      if (fieldValue === undefined || field.presence === "tristate" || field.presence === "constant") continue;
      walk(native, field.type, fieldValue, [...path, field.wire], out);
    }
  }
}

export function compatVectors(model: ProtocolModel): CompatVector[] {
  const native = nativeModel(model);
  const bases = exampleVectors(model).filter((v) => v.type !== model.frame && native.decls.get(v.type)?.kind === "struct");
  const visits = bases.map((base) => {
    const out: Visit[] = [];
    walk(native, { kind: "named", name: base.type }, base.value, [], out);
    return { base, out };
  });
  const first = (match: (visit: Visit) => boolean) => {
    for (const { base, out } of visits) {
      const visit = out.find(match);
      if (visit) return { base, visit };
    }
    return undefined;
  };
  const vectors: CompatVector[] = [];
  for (const decl of native.decls.values()) {
    if (decl.kind === "enum") {
      const found = first((v) => v.type.kind === "named" && v.type.name === decl.name && v.path.length > 0);
      if (!found) continue;
      const value = setAt(found.base.value, found.visit.path, (parent, key) => (parent[key] = UNKNOWN_VALUE));
      vectors.push({ name: `compat/unknown-enum/${decl.name}`, type: found.base.type, value, path: found.visit.path, expect: { state: "unknownEnum", enum: decl.name, raw: UNKNOWN_VALUE } });
    } else if (decl.kind === "union" && decl.name !== native.frame.union) {
      const found = first((v) => v.type.kind === "named" && v.type.name === decl.name && v.path.length > 0);
      if (!found) continue;
      const value = setAt(found.base.value, found.visit.path, (parent, key) => (parent[key] = { [decl.tag]: UNKNOWN_VALUE, [UNKNOWN_FIELD]: 1 }));
      vectors.push({ name: `compat/unknown-member/${decl.name}`, type: found.base.type, value, path: found.visit.path, expect: { state: "unknownMember", union: decl.name } });
    } else if (decl.kind === "struct") {
      const field = decl.fields.find((f) => f.presence === "tristate");
      const nullable = decl.fields.find((f) => f.presence === "requiredNullable");
      if (!field && !nullable) continue;
      const found = first((v) => v.type.kind === "named" && v.type.name === decl.name);
      if (!found) continue;
      const at = found.visit.path;
      if (field) {
        const objectAt = (update: (o: Record<string, unknown>) => void) =>
          at.length === 0
            ? (() => {
                const c = clone(found.base.value) as Record<string, unknown>;
                update(c);
                return c;
              })()
            : setAt(found.base.value, at, (parent, key) => update(parent[key] as Record<string, unknown>));
        const expect = (state: "absent" | "null") => ({ state, struct: decl.name, field: field.wire }) as const;
        vectors.push({ name: `compat/absent/${decl.name}.${field.wire}`, type: found.base.type, value: objectAt((o) => delete o[field.wire]), path: [...at, field.wire], expect: expect("absent") });
        vectors.push({ name: `compat/null/${decl.name}.${field.wire}`, type: found.base.type, value: objectAt((o) => (o[field.wire] = null)), path: [...at, field.wire], expect: expect("null") });
      }
      if (nullable) {
        const value =
          at.length === 0 ? { ...(found.base.value as object), [nullable.wire]: null } : setAt(found.base.value, at, (parent, key) => ((parent[key] as Record<string, unknown>)[nullable.wire] = null));
        vectors.push({
          name: `compat/required-null/${decl.name}.${nullable.wire}`,
          type: found.base.type,
          value,
          path: [...at, nullable.wire],
          expect: { state: "requiredNull", struct: decl.name, field: nullable.wire },
        });
      }
    }
  }
  const eventTag = native.frame.members.find((m) => m.type === native.frame.event)!.tag;
  const event = exampleVectors(model).find((v) => v.name.startsWith("frame/event/"))!;
  const payload = model.events[0];
  const withField = { ...(payload.example as object), [UNKNOWN_FIELD]: { nested: [1, null] } };
  vectors.push({
    name: `compat/unknown-field/${payload.payload}`,
    type: payload.payload,
    value: withField,
    encoded: payload.example,
    path: [],
    expect: { state: "ignoredField", struct: payload.payload, field: UNKNOWN_FIELD },
  });
  vectors.push({
    name: "compat/unknown-field/frame",
    type: model.frame,
    value: { ...(event.value as object), [UNKNOWN_FIELD]: 1 },
    encoded: event.value,
    path: [],
    expect: { state: "ignoredField", struct: native.frame.event, field: UNKNOWN_FIELD },
  });
  vectors.push({
    name: "compat/unknown-event",
    type: model.frame,
    value: { [native.frame.tag]: eventTag, event: "future.event", payload: { [UNKNOWN_FIELD]: 1 } },
    path: [],
    expect: { state: "unknownEvent", name: "future.event" },
  });
  vectors.push({ name: "compat/unknown-frame", type: model.frame, value: { [native.frame.tag]: UNKNOWN_VALUE, [UNKNOWN_FIELD]: 1 }, path: [], expect: { state: "unknownFrame" } });
  return vectors;
}
