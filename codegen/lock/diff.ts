/**
 * Breaking-change detection between two protocol locks, direction-aware (in
 * the manner of oasdiff, buf breaking and graphql-inspector): what old clients
 * send must still be accepted (client → server), and what the gateway sends
 * must still be understood by old clients (server → client). Every change is
 * one line: what, where, which direction, why it breaks or why it is safe, and
 * how to acknowledge it.
 */
import type { Constraints, LockField, ProtocolLock } from "./surface.js";

export type Direction = "client → server" | "server → client";

export interface Change {
  /** Stable id, such as `field-removed:SessionsListParams.limit`; list it in schema/breaking-changes.ts to acknowledge. */
  id: string;
  breaking: boolean;
  /** The directions in which it breaks (when breaking) or in which the type travels. */
  directions: Direction[];
  /** What changed, where, and why it breaks or is safe. */
  message: string;
}

const C2S: Direction = "client → server";
const S2C: Direction = "server → client";

/** Type names a type text mentions (`list<Foo>` → Foo). */
const mentioned = (text: string) => text.replace(/"[^"]*"/g, "").match(/\b[A-Z]\w*/g) ?? [];

interface Usage {
  input: string[];
  output: string[];
}

/** For every type: which requests (client → server) and which results and events (server → client) carry it. */
export function usage(lock: ProtocolLock): Map<string, Usage> {
  const out = new Map<string, Usage>();
  const visit = (type: string, side: keyof Usage, root: string, seen: Set<string>) => {
    if (seen.has(type) || !lock.types[type]) return;
    seen.add(type);
    const entry = out.get(type) ?? { input: [], output: [] };
    if (!entry[side].includes(root)) entry[side].push(root);
    out.set(type, entry);
    const def = lock.types[type];
    const next = def.kind === "object" ? Object.values(def.fields).flatMap((f) => mentioned(f.type)) : def.kind === "union" ? Object.values(def.members) : [];
    for (const name of next) visit(name, side, root, seen);
  };
  for (const [name, m] of Object.entries(lock.methods)) {
    visit(m.params, "input", `params of ${name}`, new Set());
    visit(m.result, "output", `result of ${name}`, new Set());
  }
  for (const [name, e] of Object.entries(lock.events)) visit(e.payload, "output", `event ${name}`, new Set());
  // Types no method or event reaches (frames, the error shape, the config file) are judged both ways.
  for (const name of Object.keys(lock.types)) {
    if (!out.has(name)) {
      for (const side of ["input", "output"] as const) visit(name, side, name, new Set());
    }
  }
  return out;
}

const narrower = (before: Constraints = {}, after: Constraints = {}): string[] => {
  const found: string[] = [];
  const lower = (key: "minLength" | "minimum" | "minItems") => {
    if (after[key] !== undefined && (before[key] === undefined || after[key]! > before[key]!)) found.push(`${key} ${before[key] ?? "none"} → ${after[key]}`);
  };
  const upper = (key: "maxLength" | "maximum" | "maxItems") => {
    if (after[key] !== undefined && (before[key] === undefined || after[key]! < before[key]!)) found.push(`${key} ${before[key] ?? "none"} → ${after[key]}`);
  };
  lower("minLength");
  lower("minimum");
  lower("minItems");
  upper("maxLength");
  upper("maximum");
  upper("maxItems");
  if (after.pattern !== undefined && after.pattern !== before.pattern) found.push(`pattern ${before.pattern ?? "none"} → ${after.pattern}`);
  return found;
};

/** Compare two locks; `before` is what old clients and servers were built against. */
export function diffLocks(before: ProtocolLock, after: ProtocolLock): Change[] {
  const changes: Change[] = [];
  const oldUse = usage(before);
  const newUse = usage(after);
  const sides = (type: string) => {
    const use = oldUse.get(type) ?? newUse.get(type) ?? { input: [type], output: [type] };
    return { input: use.input.length > 0, output: use.output.length > 0, label: [...use.input, ...use.output][0] ?? type };
  };
  const push = (id: string, breaking: Direction[], travels: Direction[], message: string) =>
    changes.push({ id, breaking: breaking.length > 0, directions: breaking.length ? breaking : travels, message });
  const travel = (s: { input: boolean; output: boolean }) => [...(s.input ? [C2S] : []), ...(s.output ? [S2C] : [])];

  for (const [name, m] of Object.entries(before.methods)) {
    const now = after.methods[name];
    if (!now) {
      push(`method-removed:${name}`, [C2S], [C2S], `method ${name} was removed: old clients still call it and get UNKNOWN_METHOD`);
      continue;
    }
    if (now.scope !== m.scope) push(`method-scope:${name}`, [C2S], [C2S], `method ${name} now needs scope ${now.scope} instead of ${m.scope}: old clients holding only ${m.scope} are refused`);
    if (now.idempotencyKey && !m.idempotencyKey) push(`method-idempotency:${name}`, [C2S], [C2S], `method ${name} now requires an idempotencyKey: old clients do not send one`);
    if (now.params !== m.params) push(`method-params:${name}`, [C2S], [C2S], `method ${name} takes ${now.params} instead of ${m.params}: old clients send the old params`);
    if (now.result !== m.result) push(`method-result:${name}`, [S2C], [S2C], `method ${name} answers ${now.result} instead of ${m.result}: old clients decode the old result`);
  }
  for (const name of Object.keys(after.methods)) if (!before.methods[name]) push(`method-added:${name}`, [], [C2S], `method ${name} was added: old clients never call it`);

  for (const [name, e] of Object.entries(before.events)) {
    const now = after.events[name];
    if (!now) {
      push(`event-removed:${name}`, [S2C], [S2C], `event ${name} was removed: old clients wait for an event the gateway no longer sends`);
      continue;
    }
    if (now.payload !== e.payload) push(`event-payload:${name}`, [S2C], [S2C], `event ${name} carries ${now.payload} instead of ${e.payload}: old clients decode the old payload`);
    if (now.audience !== e.audience) push(`event-audience:${name}`, [S2C], [S2C], `event ${name} goes to ${now.audience} instead of ${e.audience}: old clients relying on it may no longer receive it`);
  }
  for (const name of Object.keys(after.events))
    if (!before.events[name]) push(`event-added:${name}`, [], [S2C], `event ${name} was added: safe thanks to GatewayEvent's unknown case — old generated clients decode it as an unknown event`);

  for (const [name, def] of Object.entries(before.types)) {
    const now = after.types[name];
    if (!now || !(oldUse.has(name) || newUse.has(name))) continue;
    const s = sides(name);
    if (now.kind !== def.kind) {
      push(`type-kind:${name}`, travel(s), travel(s), `${name} changed from ${def.kind} to ${now.kind} (${s.label}): neither side understands the other`);
      continue;
    }
    if (def.kind === "enum" && now.kind === "enum") diffEnum(name, def, now, s, push);
    else if (def.kind === "union" && now.kind === "union") diffUnion(name, def, now, s, push, travel);
    else if (def.kind === "object" && now.kind === "object") diffObject(name, def.fields, now.fields, s, push, travel);
  }
  return changes;
}

type Sides = { input: boolean; output: boolean; label: string };
type Push = (id: string, breaking: Direction[], travels: Direction[], message: string) => void;

function diffEnum(name: string, before: { values: string[] }, after: { values: string[] }, s: Sides, push: Push) {
  for (const value of before.values.filter((v) => !after.values.includes(v))) {
    if (s.input) push(`enum-value-removed:${name}.${value}`, [C2S], [C2S], `${name} lost the value '${value}' (${s.label}): old clients may still send it and are refused`);
    else push(`enum-value-removed:${name}.${value}`, [], [S2C], `${name} lost the value '${value}' (${s.label}): old clients simply never receive it`);
  }
  for (const value of after.values.filter((v) => !before.values.includes(v))) {
    const travels = [...(s.output ? [S2C] : []), ...(s.input ? [C2S] : [])];
    push(
      `enum-value-added:${name}.${value}`,
      [],
      travels,
      s.output
        ? `${name} gained the value '${value}' (${s.label}): safe thanks to open enums — old generated clients decode it as unknown('${value}') and re-encode it unchanged`
        : `${name} gained the value '${value}' (${s.label}): old clients never send it`,
    );
  }
}

function diffUnion(name: string, before: { members: Record<string, string> }, after: { members: Record<string, string> }, s: Sides, push: Push, travel: (s: Sides) => Direction[]) {
  for (const [tag, type] of Object.entries(before.members)) {
    const now = after.members[tag];
    if (now === undefined) {
      if (s.input) push(`union-member-removed:${name}.${tag}`, [C2S], [C2S], `${name} lost the member '${tag}' (${s.label}): old clients may still send it and are refused`);
      else push(`union-member-removed:${name}.${tag}`, [], [S2C], `${name} lost the member '${tag}' (${s.label}): old clients simply never receive it`);
    } else if (now !== type) {
      push(`union-member-type:${name}.${tag}`, travel(s), travel(s), `${name} member '${tag}' is ${now} instead of ${type} (${s.label})`);
    }
  }
  for (const tag of Object.keys(after.members).filter((t) => before.members[t] === undefined)) {
    push(
      `union-member-added:${name}.${tag}`,
      [],
      travel(s),
      `${name} gained the member '${tag}' (${s.label}): safe thanks to the unknown branch — old generated clients keep it as unknown and re-encode it unchanged`,
    );
  }
}

function diffObject(name: string, before: Record<string, LockField>, after: Record<string, LockField>, s: Sides, push: Push, travel: (s: Sides) => Direction[]) {
  for (const [key, field] of Object.entries(before)) {
    const where = `${name}.${key}`;
    const now = after[key];
    if (!now) {
      const breaking = [...(s.input ? [C2S] : []), ...(s.output && field.required ? [S2C] : [])];
      const why = [
        s.input ? "old clients still send it and objects are closed, so the gateway refuses it" : "",
        s.output ? (field.required ? "old clients require it in what they receive" : "old clients already treat it as optional") : "",
      ]
        .filter(Boolean)
        .join("; ");
      push(`field-removed:${where}`, breaking, travel(s), `${where} was removed (${s.label}): ${why}`);
      continue;
    }
    if (now.type !== field.type) {
      push(`field-type:${where}`, travel(s), travel(s), `${where} changed type from ${field.type} to ${now.type} (${s.label}): what one side sends the other refuses`);
      continue;
    }
    if (now.required && !field.required && s.input) push(`field-required:${where}`, [C2S], [C2S], `${where} became required (${s.label}): old clients leave it out and are refused`);
    if (!now.required && field.required && s.output) push(`field-optional:${where}`, [S2C], [S2C], `${where} became optional (${s.label}): old clients expect it in every message`);
    if (now.nullable && !field.nullable && s.output) push(`field-nullable:${where}`, [S2C], [S2C], `${where} may now be null (${s.label}): old clients do not expect null`);
    if (!now.nullable && field.nullable && s.input) push(`field-not-nullable:${where}`, [C2S], [C2S], `${where} may no longer be null (${s.label}): old clients may send null and are refused`);
    const narrowed = narrower(field.constraints, now.constraints);
    if (narrowed.length && s.input) push(`field-narrowed:${where}`, [C2S], [C2S], `${where} was narrowed (${narrowed.join(", ")}) (${s.label}): old clients may send values now refused`);
  }
  for (const [key, field] of Object.entries(after)) {
    if (before[key]) continue;
    const where = `${name}.${key}`;
    if (field.required && s.input) push(`field-added:${where}`, [C2S], [C2S], `${where} was added as required (${s.label}): old clients do not send it and are refused`);
    else
      push(
        `field-added:${where}`,
        [],
        travel(s),
        `${where} was added${field.required ? "" : " as optional"} (${s.label}): ${s.output ? "old generated clients ignore unknown fields" : "old clients may leave it out"}`,
      );
  }
}
