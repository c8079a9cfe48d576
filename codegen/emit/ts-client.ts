/** `generated/ts/client.ts`: a typed client surface over any transport that can send a request and deliver events. */
import type { ProtocolModel } from "../model.js";
import type { GeneratedFile } from "./generated-file.js";
import { tsFile, tsProject } from "./ts-project.js";

export function emitTsClient(model: ProtocolModel): GeneratedFile[] {
  const file = tsProject().createSourceFile("client.ts");
  file.addImportDeclaration({
    moduleSpecifier: "./types.js",
    isTypeOnly: true,
    namedImports: ["EventName", "EventPayload", "MethodName", "MethodParams", "MethodResult"],
  });
  file.addInterface({
    name: "CallOptions",
    isExported: true,
    docs: ["Per-call options."],
    properties: [
      { name: "timeoutMs", type: "number", hasQuestionToken: true, docs: ["Reject when no answer arrives within this many milliseconds."] },
      { name: "signal", type: "AbortSignal", hasQuestionToken: true, docs: ["Reject when this signal aborts."] },
    ],
  });
  file.addInterface({
    name: "RpcTransport",
    isExported: true,
    docs: ["What a connection must offer for the typed client: send one request, subscribe to events."],
    methods: [
      {
        name: "request",
        parameters: [
          { name: "method", type: "string" },
          { name: "params", type: "unknown" },
          { name: "options", type: "CallOptions", hasQuestionToken: true },
        ],
        returnType: "Promise<unknown>",
      },
      {
        name: "subscribe",
        parameters: [
          { name: "event", type: "string" },
          { name: "listener", type: "(payload: unknown) => void" },
        ],
        returnType: "() => void",
      },
    ],
  });
  file.addStatements([
    "/** Methods whose params object has no required property may be called without params. */",
    "export type CallArgs<M extends MethodName> = {} extends MethodParams<M>",
    "  ? [params?: MethodParams<M>, options?: CallOptions]",
    "  : [params: MethodParams<M>, options?: CallOptions];",
  ]);
  file.addClass({
    name: "TypedClient",
    isExported: true,
    isAbstract: true,
    implements: ["RpcTransport"],
    docs: [
      `Typed calls and events of protocol v${model.version} over any transport: \`call("sessions.list", { limit: 10 })\` infers params and result. ` +
        "A concrete client (the WebSocket `GatewayClient`, a test double) extends it and supplies `request` and `subscribe`.",
    ],
    methods: [
      {
        name: "request",
        isAbstract: true,
        docs: ["Send one request and resolve with its result (the untyped transport behind `call`)."],
        parameters: [
          { name: "method", type: "string" },
          { name: "params", type: "unknown" },
          { name: "options", type: "CallOptions", hasQuestionToken: true },
        ],
        returnType: "Promise<unknown>",
      },
      {
        name: "subscribe",
        isAbstract: true,
        docs: ["Deliver every payload of `event` to `listener` (the untyped side of `on`); returns a function that stops listening."],
        parameters: [
          { name: "event", type: "string" },
          { name: "listener", type: "(payload: unknown) => void" },
        ],
        returnType: "() => void",
      },
      {
        name: "call",
        docs: ["Call `method` and resolve with its result; rejects with the transport's error on failure."],
        typeParameters: [{ name: "M", constraint: "MethodName" }],
        parameters: [
          { name: "method", type: "M" },
          { name: "args", type: "CallArgs<M>", isRestParameter: true },
        ],
        returnType: "Promise<MethodResult<M>>",
        statements: ["const [params, options] = args;", "return this.request(method, params ?? {}, options) as Promise<MethodResult<M>>;"],
      },
      {
        name: "on",
        docs: ["Listen to `event`; returns a function that stops listening."],
        typeParameters: [{ name: "E", constraint: "EventName" }],
        parameters: [
          { name: "event", type: "E" },
          { name: "listener", type: "(payload: EventPayload<E>) => void" },
        ],
        returnType: "() => void",
        statements: ["return this.subscribe(event, listener as (payload: unknown) => void);"],
      },
    ],
  });
  return [tsFile("generated/ts/client.ts", file)];
}
