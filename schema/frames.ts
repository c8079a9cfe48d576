/** The three frames every WebSocket message is one of. */

import { ErrorShape } from "./errors.js";
import { Bool, Const, Described, Int, Json, Obj, Opt, Str, Tagged } from "./primitives.js";
import { StateVersion } from "./snapshot.js";

export const RequestFrame = Obj("RequestFrame", "A call from client to gateway (or node result back to the gateway).", {
  type: Const("req", "Frame kind."),
  id: Str("Caller-chosen id, echoed in the matching response.", { maxLength: 256 }),
  method: Str("Method name from the registry, such as `health` or `node.invoke`.", { maxLength: 128 }),
  params: Opt(Json("Method parameters; validated against the method's params schema.")),
});

export const ResponseFrame = Obj("ResponseFrame", "The answer to one request, matched by `id`.", {
  type: Const("res", "Frame kind."),
  id: Str("The id of the request this answers."),
  ok: Bool("True on success (then `payload` is set), false on failure (then `error` is set)."),
  payload: Opt(
    Json("The method's result on success. On failure, only a two-phase method's final answer sets it: a failed `agent` run's outcome `{runId, status: \"error\", summary}`, beside `error` (as v3)."),
  ),
  error: Opt(Described(ErrorShape, "Why the request failed.")),
});

export const EventFrame = Obj("EventFrame", "A server-pushed event.", {
  type: Const("event", "Frame kind."),
  event: Str("Event name from the registry, such as `tick` or `presence`."),
  payload: Opt(Json("Event payload; its schema is the event's payload schema.")),
  seq: Opt(Int("Per-connection sequence number of broadcast events; a gap means frames were dropped.")),
  stateVersion: Opt(Described(StateVersion, "Versions of presence and health state after this event.")),
});

export const Frame = Tagged("Frame", "Any frame on the wire, told apart by `type`.", "type", [RequestFrame, ResponseFrame, EventFrame]);
