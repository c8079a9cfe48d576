/** The registry's examples as test vectors: every method's params and result, every event payload, and whole frames built from them. */
import type { ProtocolModel } from "../model.js";
import { nativeModel } from "../native/ir.js";

export interface ExampleVector {
  /** Unique name, such as `method/health/params`. */
  name: string;
  /** The named type the value conforms to. */
  type: string;
  value: unknown;
}

export function exampleVectors(model: ProtocolModel): ExampleVector[] {
  const vectors: ExampleVector[] = [];
  const frame = nativeModel(model).frame;
  const tag = (type: string) => frame.members.find((m) => m.type === type)!.tag;
  const [req, res, event] = [tag(frame.request), tag(frame.response), tag(frame.event)];
  model.methods.forEach((m, i) => {
    vectors.push({ name: `method/${m.name}/params`, type: m.params, value: m.example.params });
    vectors.push({ name: `method/${m.name}/result`, type: m.result, value: m.example.result });
    const id = `r${i + 1}`;
    vectors.push({ name: `frame/req/${m.name}`, type: frame.request, value: { [frame.tag]: req, id, method: m.name, params: m.example.params } });
    vectors.push({ name: `frame/res/${m.name}`, type: frame.response, value: { [frame.tag]: res, id, ok: true, payload: m.example.result } });
  });
  model.events.forEach((e, i) => {
    vectors.push({ name: `event/${e.name}`, type: e.payload, value: e.example });
    vectors.push({ name: `frame/event/${e.name}`, type: frame.event, value: { [frame.tag]: event, event: e.name, payload: e.example, seq: i + 1 } });
  });
  vectors.push({
    name: "frame/res/error",
    type: frame.response,
    value: {
      [frame.tag]: res,
      id: "r0",
      ok: false,
      error: { code: model.errorDetails.MISSING_SCOPE ?? "INVALID_REQUEST", message: "missing scope: operator.admin", details: { code: "MISSING_SCOPE" } },
    },
  });
  return vectors;
}
