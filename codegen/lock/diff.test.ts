/** Each rule of the breaking-change check, on locks built from the fixture registry and edited copies of it. */
import { describe, expect, it } from "vitest";
import { Enum, Int, Nullable, Num, Obj, Opt, Str } from "../../schema/primitives.js";
import type { RegistryInput } from "../model.js";
import { buildModel } from "../model.js";
import { Color, DrawParams, DrawResult, fixtureInput } from "../testdata/fixture.js";
import { type Change, diffLocks, judge, protocolLock, reportLines } from "./index.js";

const base = protocolLock(buildModel(fixtureInput()));
const lockOf = (input: RegistryInput) => protocolLock(buildModel(input));
const only = (changes: Change[], id: string) => {
  const found = changes.filter((c) => c.id === id);
  expect(found, `${id} in ${changes.map((c) => c.id).join(", ")}`).toHaveLength(1);
  return found[0];
};

/** The fixture with `draw`'s params or result rebuilt from edited properties. */
function withDraw(params: Record<string, unknown> | undefined, result?: Record<string, unknown>): RegistryInput {
  const input = fixtureInput();
  const draw = input.methods.draw;
  input.methods = {
    ...input.methods,
    draw: {
      ...draw,
      params: params ? Obj("DrawParams", "Parameters of `draw`.", params as never) : draw.params,
      result: result ? Obj("DrawResult", "Result of `draw`.", result as never) : draw.result,
    },
  };
  return input;
}

const paramsProps = { ...DrawParams.properties } as Record<string, unknown>;
const resultProps = { ...DrawResult.properties } as Record<string, unknown>;

describe("breaking changes, client → server", () => {
  it("removing a method", () => {
    const input = fixtureInput();
    const { ping: _ping, ...methods } = input.methods;
    const change = only(diffLocks(base, lockOf({ ...input, methods })), "method-removed:ping");
    expect(change).toMatchObject({ breaking: true, directions: ["client → server"] });
  });

  it("removing a params field: old clients still send it", () => {
    const { tags: _tags, ...rest } = paramsProps;
    const change = only(diffLocks(base, lockOf(withDraw(rest))), "field-removed:DrawParams.tags");
    expect(change).toMatchObject({ breaking: true, directions: ["client → server"] });
    expect(change.message).toContain("params of draw");
  });

  it("making a param required", () => {
    const change = only(diffLocks(base, lockOf(withDraw({ ...paramsProps, color: Color }))), "field-required:DrawParams.color");
    expect(change).toMatchObject({ breaking: true, directions: ["client → server"] });
  });

  it("narrowing a param's type: new limits, another type, no more null", () => {
    const narrowed = diffLocks(base, lockOf(withDraw({ ...paramsProps, label: Opt(Nullable(Str("Caption.", { maxLength: 8 }))) })));
    expect(only(narrowed, "field-narrowed:DrawParams.label")).toMatchObject({ breaking: true, directions: ["client → server"] });
    const retyped = diffLocks(base, lockOf(withDraw({ ...paramsProps, label: Opt(Nullable(Int("Caption."))) })));
    expect(only(retyped, "field-type:DrawParams.label").breaking).toBe(true);
    const notNull = diffLocks(base, lockOf(withDraw({ ...paramsProps, label: Opt(Str("Caption.")) })));
    expect(only(notNull, "field-not-nullable:DrawParams.label").breaking).toBe(true);
  });

  it("adding a required param", () => {
    const change = only(diffLocks(base, lockOf(withDraw({ ...paramsProps, zoom: Num("Zoom.") }))), "field-added:DrawParams.zoom");
    expect(change).toMatchObject({ breaking: true, directions: ["client → server"] });
  });
});

describe("breaking changes, server → client", () => {
  it("removing an event", () => {
    const change = only(diffLocks(base, lockOf({ ...fixtureInput(), events: {} })), "event-removed:drawn");
    expect(change).toMatchObject({ breaking: true, directions: ["server → client"] });
  });

  it("removing a required result field: old clients require it", () => {
    const { area: _area, ...rest } = resultProps;
    const change = only(diffLocks(base, lockOf(withDraw(undefined, rest))), "field-removed:DrawResult.area");
    expect(change).toMatchObject({ breaking: true, directions: ["server → client"] });
  });

  it("a result field that becomes optional or nullable", () => {
    expect(only(diffLocks(base, lockOf(withDraw(undefined, { ...resultProps, area: Opt(Num("Area.")) }))), "field-optional:DrawResult.area").breaking).toBe(true);
    expect(only(diffLocks(base, lockOf(withDraw(undefined, { ...resultProps, id: Nullable(Str("Id.")) }))), "field-nullable:DrawResult.id").breaking).toBe(true);
  });
});

describe("safe changes", () => {
  it("adding an optional field, to params or to results", () => {
    const params = only(diffLocks(base, lockOf(withDraw({ ...paramsProps, zoom: Opt(Num("Zoom.")) }))), "field-added:DrawParams.zoom");
    expect(params).toMatchObject({ breaking: false });
    const result = only(diffLocks(base, lockOf(withDraw(undefined, { ...resultProps, note: Opt(Str("Note.")) }))), "field-added:DrawResult.note");
    expect(result.message).toContain("old generated clients ignore unknown fields");
  });

  it("widening a result enum: safe thanks to open enums", () => {
    const Status = Enum("DrawStatus", "How it went.", ["ok"]);
    const before = lockOf(withDraw(undefined, { ...resultProps, status: Opt(Status) }));
    const after = lockOf(withDraw(undefined, { ...resultProps, status: Opt(Enum("DrawStatus", "How it went.", ["ok", "partial"])) }));
    const change = only(diffLocks(before, after), "enum-value-added:DrawStatus.partial");
    expect(change).toMatchObject({ breaking: false, directions: ["server → client"] });
    expect(change.message).toContain("safe thanks to open enums");
  });

  it("adding a method or an event", () => {
    const input = fixtureInput();
    const { ping: _ping, ...methods } = input.methods;
    const changes = diffLocks(lockOf({ ...input, methods, events: {} }), base);
    expect(only(changes, "method-added:ping").breaking).toBe(false);
    expect(only(changes, "event-added:drawn").message).toContain("unknown event");
  });

  it("narrowing an enum only the gateway sends, or widening limits on params", () => {
    const wide = lockOf(withDraw(undefined, { ...resultProps, status: Opt(Enum("DrawStatus", "How.", ["ok", "partial"])) }));
    const narrow = lockOf(withDraw(undefined, { ...resultProps, status: Opt(Enum("DrawStatus", "How.", ["ok"])) }));
    expect(only(diffLocks(wide, narrow), "enum-value-removed:DrawStatus.partial").breaking).toBe(false);
    expect(diffLocks(base, lockOf(withDraw({ ...paramsProps, layers: { ...(paramsProps.layers as object), minItems: 0 } })))).toEqual([]);
  });
});

describe("the gate", () => {
  const { tags: _tags, ...rest } = paramsProps;
  const breaking = lockOf(withDraw(rest));

  it("blocks an unacknowledged breaking change and says how to accept it", () => {
    const verdict = judge(base, breaking, []);
    expect(verdict.blocking.map((c) => c.id)).toEqual(["field-removed:DrawParams.tags"]);
    expect(reportLines(verdict, [])[0]).toBe(
      "BREAKING  field-removed:DrawParams.tags [client → server] DrawParams.tags was removed (params of draw): old clients still send it and objects are closed, so the gateway refuses it" +
        ' — to accept it, add "field-removed:DrawParams.tags" to ACKNOWLEDGED_BREAKING_CHANGES in schema/breaking-changes.ts or bump PROTOCOL_VERSION in schema/version.ts',
    );
  });

  it("lets it through when acknowledged or when the protocol version goes up", () => {
    expect(judge(base, breaking, ["field-removed:DrawParams.tags"]).blocking).toEqual([]);
    expect(judge(base, { ...breaking, version: base.version + 1 }, []).blocking).toEqual([]);
    expect(reportLines(judge(base, breaking, ["field-removed:DrawParams.tags"]), ["field-removed:DrawParams.tags"])[0]).toMatch(/^breaking \(acknowledged\) /);
  });

  it("has nothing to say about an unchanged surface", () => {
    expect(judge(base, lockOf(fixtureInput()), []).changes).toEqual([]);
  });
});
