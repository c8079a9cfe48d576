/** A small registry exercising every supported construct; codegen tests and goldens are built from it. */
import type { Type } from "@sinclair/typebox";
import { Bool, Const, Described, Dict, Enum, IdempotencyKey, Int, Json, List, Nullable, Num, Obj, Opt, Str, Tagged } from "../../schema/primitives.js";
import type { EventSpec, MethodSpec } from "../../schema/registry.js";
import type { RegistryInput } from "../model.js";

export const Color = Enum("Color", "A paint color.", ["red", "green"]);

export const Point = Obj("Point", "A point on the canvas.", {
  x: Int("Horizontal position in pixels."),
  y: Num("Vertical position, fractional."),
});

export const Circle = Obj("Circle", "A circle.", {
  kind: Const("circle", "Shape kind."),
  center: Point,
  radius: Num("Radius."),
});

export const Square = Obj("Square", "A square.", {
  kind: Const("square", "Shape kind."),
  corner: Described(Point, "Top-left corner."),
  side: Int("Side length."),
});

export const Shape = Tagged("Shape", "Something to draw, told apart by `kind`.", "kind", [Circle, Square]);

export const DrawParams = Obj("DrawParams", "Parameters of `draw`.", {
  shape: Shape,
  color: Opt(Color),
  label: Opt(Nullable(Str("Caption; null removes it."))),
  tags: Opt(Dict(Bool("Set or not."), "Tags by name.")),
  layers: List(Int("A layer index."), "Layers to draw on.", { minItems: 1 }),
  style: Obj("DrawStyle", "How to draw.", { dashed: Bool("Dashed outline."), opacity: Opt(Num("0 to 1.")) }),
  meta: Opt(Json("Anything the caller wants kept.")),
  idempotencyKey: IdempotencyKey,
});

export const DrawResult = Obj("DrawResult", "Result of `draw`.", {
  id: Str("Id of the drawn shape."),
  area: Num("Area in square pixels."),
  group: Nullable(Str("Group the shape joined; null when none.")),
});

export const FixtureError = Obj("FixtureError", "Why a request failed.", {
  code: Enum("FixtureErrorCode", "Error code.", ["INVALID_REQUEST"]),
  message: Str("Message."),
  details: Opt(Json("Details.")),
});

export const FixtureFrame = Tagged("FixtureFrame", "A frame, told apart by `type`.", "type", [
  Obj("FixtureRequest", "A request.", { type: Const("req", "Frame kind."), id: Str("Id."), method: Str("Method."), params: Opt(Json("Params.")) }),
  Obj("FixtureResponse", "A response.", { type: Const("res", "Frame kind."), id: Str("Id."), ok: Bool("Success."), payload: Opt(Json("Result.")), error: Opt(FixtureError) }),
  Obj("FixtureEvent", "An event.", { type: Const("event", "Frame kind."), event: Str("Event name."), payload: Opt(Json("Payload.")), seq: Opt(Int("Sequence number.")) }),
]);

export const DrawnEvent = Obj("DrawnEvent", "A shape was drawn.", { id: Str("Id of the shape."), at: Int("When (ms since epoch).") });

const draw: MethodSpec = {
  params: DrawParams,
  result: DrawResult,
  scope: "operator.write",
  idempotencyKey: true,
  since: 3,
  description: "Draw a shape.",
  errors: ["CONFLICT"],
  example: {
    params: { shape: { kind: "circle", center: { x: 1, y: 2.5 }, radius: 3 }, color: "red", label: null, layers: [0], style: { dashed: false }, idempotencyKey: "k" },
    result: { id: "s1", area: 28.27, group: null },
  },
};

const ping: MethodSpec = {
  params: Obj("PingParams", "Parameters of `ping`.", {}),
  result: Obj("PingResult", "Result of `ping`.", { ok: Bool("Always true.") }),
  scope: "operator.read",
  idempotencyKey: false,
  since: 1,
  description: "Check the connection.",
  errors: [],
  example: { params: {}, result: { ok: true } },
};

const drawn: EventSpec = { payload: DrawnEvent, audience: "operator.read", droppable: true, since: 3, description: "A shape was drawn.", example: { id: "s1", at: 1 } };

export function fixtureInput(overrides: Partial<RegistryInput> = {}): RegistryInput {
  return {
    version: 3,
    methods: { draw, ping },
    events: { drawn },
    handshake: {
      challenge: Obj("FixtureChallenge", "Challenge.", { nonce: Str("Nonce.") }),
      params: Obj("FixtureConnect", "Connect params.", { token: Str("Token.") }),
      result: Obj("FixtureHello", "Hello.", { protocol: Int("Version.") }),
      description: "Handshake of the fixture protocol.",
    },
    frame: FixtureFrame,
    extra: [],
    errorCodes: ["INVALID_REQUEST"],
    errorDetailCodes: ["CONFLICT"],
    ...overrides,
  };
}

/** A registry whose only method takes `params`, for tests of rejected constructs. */
export function singleMethod(params: ReturnType<typeof Type.Object> | ReturnType<typeof Obj>): RegistryInput {
  return fixtureInput({ methods: { only: { ...ping, params } }, events: {} });
}
