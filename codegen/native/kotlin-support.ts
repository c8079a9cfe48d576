/**
 * The Kotlin support code every generated model relies on (three-state
 * fields, open enums, tagged unions), and the protocol's entry points:
 * `TidegateJson`, `GatewayFrame`, `GatewayEvent`, the method descriptors and
 * the protocol constants. Everything protocol-specific comes from the model.
 */
import type { NativeModel, NativeStruct } from "./ir.js";
import { KOTLIN_PACKAGE, kotlinSerializer } from "./kotlin-models.js";
import { kotlinIdent, kotlinString, pascalName } from "./names.js";
import { block, type Code, kotlinDoc, spaced, wrap } from "./printer.js";

/** Kotlin source that does not depend on the protocol. */
export const KOTLIN_SUPPORT = `/**
 * A property that may be absent, \`null\` or a value, three states kept apart: a patch sends
 * \`null\` to clear a setting and leaves out what it does not change. Declare such properties
 * with the default [Absent] and \`@EncodeDefault(EncodeDefault.Mode.NEVER)\` (as every generated
 * model does), so absent stays absent whatever the \`Json\` configuration.
 */
@Serializable(with = NullableSerializer::class)
sealed interface Nullable<out T> {
    /** Not on the wire. */
    data object Absent : Nullable<Nothing>

    /** On the wire as \`null\`. */
    data object Null : Nullable<Nothing>

    /** On the wire as [value]. */
    data class Value<out T>(val value: T) : Nullable<T>

    /** The value, or null when absent or \`null\`. */
    fun orNull(): T? = (this as? Value)?.value
}

/** Encodes [Nullable.Null] as \`null\` and [Nullable.Value] as its value. */
class NullableSerializer<T>(private val inner: KSerializer<T>) : KSerializer<Nullable<T>> {
    override val descriptor: SerialDescriptor = inner.descriptor.nullable

    override fun serialize(encoder: Encoder, value: Nullable<T>) = when (value) {
        is Nullable.Value -> encoder.encodeSerializableValue(inner, value.value)
        else -> encoder.encodeNull()
    }

    override fun deserialize(decoder: Decoder): Nullable<T> =
        if (decoder.decodeNotNullMark()) Nullable.Value(decoder.decodeSerializableValue(inner)) else Nullable.Null.also { decoder.decodeNull() }
}

/** An optional JSON value whose \`null\` is a value ([JsonNull]), not absence (Kotlin \`null\`). */
object OptionalJsonSerializer : KSerializer<JsonElement?> {
    override val descriptor: SerialDescriptor = JsonElement.serializer().descriptor.nullable

    override fun serialize(encoder: Encoder, value: JsonElement?) = encoder.encodeSerializableValue(JsonElement.serializer(), value ?: JsonNull)

    override fun deserialize(decoder: Decoder): JsonElement? = (decoder as JsonDecoder).decodeJsonElement()
}

/** Serializer of an open enum: any string decodes, unknown ones into the enum's \`Unknown\`. */
abstract class OpenEnumSerializer<T : Any>(name: String, private val raw: (T) -> String, private val of: (String) -> T) : KSerializer<T> {
    override val descriptor: SerialDescriptor = PrimitiveSerialDescriptor(name, PrimitiveKind.STRING)

    override fun serialize(encoder: Encoder, value: T) = encoder.encodeString(raw(value))

    override fun deserialize(decoder: Decoder): T = of(decoder.decodeString())
}

/** A union member this version of the protocol does not know, kept as received. */
interface UnknownMember {
    /** The member as received. */
    val json: JsonObject
}

/** One member of a tagged union: its class and serializer. */
class UnionMember<T : Any>(val type: KClass<out T>, val serializer: KSerializer<out T>)

/** Serializer of a tagged union: the tag picks the member; an unknown tag decodes into [unknown]. */
abstract class TaggedUnionSerializer<T : Any>(
    name: String,
    private val tag: String,
    private val members: Map<String, UnionMember<out T>>,
    private val unknown: (JsonObject) -> T,
) : KSerializer<T> {
    override val descriptor: SerialDescriptor = buildClassSerialDescriptor(name)

    @Suppress("UNCHECKED_CAST")
    override fun serialize(encoder: Encoder, value: T) {
        if (value is UnknownMember) return encoder.encodeSerializableValue(JsonObject.serializer(), value.json)
        val member = members.values.first { it.type.isInstance(value) }
        encoder.encodeSerializableValue(member.serializer as KSerializer<T>, value)
    }

    override fun deserialize(decoder: Decoder): T {
        val input = decoder as JsonDecoder
        val json = input.decodeJsonElement().jsonObject
        val member = members[(json[tag] as? JsonPrimitive)?.contentOrNull] ?: return unknown(json)
        return input.json.decodeFromJsonElement(member.serializer, json)
    }
}
`;

/** The failure of a call: the response's error. */
const CALL_EXCEPTION = (error: string) => `/** A call failed: [error] is the gateway's answer. */
class GatewayCallException(val error: ${error}) : Exception(error.toString())`;

function gatewayEvent(model: NativeModel): Code[] {
  const events = model.events.map((e) => ({ ...e, kotlin: pascalName(e.name) }));
  return [
    "/** An event, typed by its name from the event table; [Unknown] for events this version does not know. */",
    block("sealed interface GatewayEvent", [
      "/** The event's name on the wire. */",
      "val name: String",
      "",
      ...events.flatMap((e) => [
        ...kotlinDoc(e.description),
        `data class ${e.kotlin}(val payload: ${KOTLIN_PACKAGE}.${model.nativeName(e.payload)}) : GatewayEvent { override val name: String get() = ${kotlinString(e.name)} }`,
      ]),
      "",
      "/** An event this version does not know, with its payload as received. */",
      "data class Unknown(override val name: String, val payload: JsonElement?) : GatewayEvent",
      "",
      block("companion object", [
        "/** The typed event called [name] with [payload]. */",
        block("fun decode(json: Json, name: String, payload: JsonElement?): GatewayEvent = when (name)", [
          ...events.map((e) => `${kotlinString(e.name)} -> ${e.kotlin}(json.decodeFromJsonElement(${kotlinSerializer(model, e.payload)}, payload ?: JsonObject(emptyMap())))`),
          "else -> Unknown(name, payload)",
        ]),
      ]),
    ]),
  ];
}

function gatewayFrame(model: NativeModel): Code[] {
  const { frame } = model;
  const eventStruct = model.decls.get(frame.event) as NativeStruct;
  const nameField = kotlinIdent("event");
  const payloadField = kotlinIdent(eventStruct.fields.find((f) => f.wire === "payload")!.wire);
  const cases = frame.members.map((m) => ({ ...m, kotlin: pascalName(m.caseWire) }));
  return [
    "/**",
    " * Every message on the socket: a request, a response, an event typed by its name, or a frame",
    ` * whose \`${frame.tag}\` this version does not know. Decode with [TidegateJson.decodeFrame].`,
    " */",
    "@Serializable(with = GatewayFrame.Serializer::class)",
    block("sealed interface GatewayFrame", [
      ...cases.flatMap((m) =>
        m.type === frame.event
          ? [
              `/** A frame of type \`${m.tag}\`: [frame] as received (what is encoded) and [event], its payload typed by name. */`,
              `data class ${m.kotlin}(val frame: ${KOTLIN_PACKAGE}.${m.type}, val event: GatewayEvent) : GatewayFrame`,
            ]
          : [`/** A frame of type \`${m.tag}\`. */`, `data class ${m.kotlin}(val frame: ${KOTLIN_PACKAGE}.${m.type}) : GatewayFrame`],
      ),
      "",
      `/** A frame whose \`${frame.tag}\` this version does not know, kept as received; it re-encodes unchanged. */`,
      "data class Unknown(override val json: JsonObject) : GatewayFrame, UnknownMember",
      "",
      "/** Picks the case by `" + frame.tag + "`. */",
      block("object Serializer : KSerializer<GatewayFrame>", [
        `override val descriptor: SerialDescriptor = buildClassSerialDescriptor(${kotlinString(`${KOTLIN_PACKAGE}.GatewayFrame`)})`,
        "",
        block("override fun serialize(encoder: Encoder, value: GatewayFrame) = when (value)", [
          ...cases.map((m) => `is ${m.kotlin} -> encoder.encodeSerializableValue(${KOTLIN_PACKAGE}.${m.type}.serializer(), value.frame)`),
          "is Unknown -> encoder.encodeSerializableValue(JsonObject.serializer(), value.json)",
        ]),
        "",
        block("override fun deserialize(decoder: Decoder): GatewayFrame", [
          "val input = decoder as JsonDecoder",
          "val json = input.decodeJsonElement().jsonObject",
          block(`return when ((json[${kotlinString(frame.tag)}] as? JsonPrimitive)?.contentOrNull)`, [
            ...cases.map((m) =>
              m.type === frame.event
                ? `${kotlinString(m.tag)} -> input.json.decodeFromJsonElement(${KOTLIN_PACKAGE}.${m.type}.serializer(), json).let { ${m.kotlin}(it, GatewayEvent.decode(input.json, it.${nameField}, it.${payloadField})) }`
                : `${kotlinString(m.tag)} -> ${m.kotlin}(input.json.decodeFromJsonElement(${KOTLIN_PACKAGE}.${m.type}.serializer(), json))`,
            ),
            "else -> Unknown(json)",
          ]),
        ]),
      ]),
    ]),
  ];
}

function methods(model: NativeModel): Code[] {
  const { frame } = model;
  const all = [
    { name: "connect", params: model.handshake.params, result: model.handshake.result, scope: null as string | null, idempotencyKey: false, description: model.handshake.description },
    ...model.methods.map((m) => ({ name: m.name, params: m.params, result: m.result, scope: m.scope as string | null, idempotencyKey: m.idempotencyKey, description: m.description })),
  ].map((m) => ({ ...m, kotlin: pascalName(m.name) }));
  return spaced([
    [
      "/** A method of the protocol: its wire name, who may call it, and its params and result types. */",
      wrap(
        "class MethodDescriptor<P, R>(",
        [
          "/** The method's name on the wire. */",
          "val name: String,",
          "/** The operator scope a caller needs, `node` for node-only methods, or null for `connect`. */",
          "val scope: String?,",
          "/** True when the params must carry an `idempotencyKey`. */",
          "val idempotencyKey: Boolean,",
          "/** Serializer of the params. */",
          "val params: KSerializer<P>,",
          "/** Serializer of the result. */",
          "val result: KSerializer<R>,",
        ],
        ") {",
      ),
      wrap(
        null,
        [
          "/** The request frame calling this method with [params] under [id]. */",
          `fun request(id: String, params: P): ${frame.request} = ${frame.request}(id = id, method = name, params = TidegateJson.json.encodeToJsonElement(this.params, params))`,
          "",
          "/** The result carried by [response], or [GatewayCallException] with its error. */",
          `fun result(response: ${frame.response}): R =`,
          `    if (response.ok) TidegateJson.json.decodeFromJsonElement(result, response.payload ?: JsonObject(emptyMap()))`,
          `    else throw GatewayCallException(response.error ?: error("failed response without error"))`,
          "",
          "override fun toString(): String = name",
        ],
        "}",
      ),
    ],
    CALL_EXCEPTION(model.frame.error),
    [
      "/** Every method, `connect` first; each descriptor types [call] at compile time. */",
      block("object Methods", [
        ...all.flatMap((m) => [
          ...kotlinDoc(m.description),
          `val ${m.kotlin}: MethodDescriptor<${model.nativeName(m.params)}, ${model.nativeName(m.result)}> = MethodDescriptor(${kotlinString(m.name)}, ${m.scope === null ? "null" : kotlinString(m.scope)}, ${m.idempotencyKey}, ${kotlinSerializer(model, m.params)}, ${kotlinSerializer(model, m.result)})`,
        ]),
        "",
        "/** All of them. */",
        `val all: List<MethodDescriptor<*, *>> = listOf(${all.map((m) => m.kotlin).join(", ")})`,
      ]),
    ],
    [
      "/** Sends a request frame and completes with the response that carries its id. */",
      block("fun interface RequestSender", [`fun send(request: ${frame.request}): CompletableFuture<${frame.response}>`]),
    ],
    [
      "/** Call [method] with [params]: the params and the result are typed by the method descriptor. */",
      "fun <P, R> RequestSender.call(method: MethodDescriptor<P, R>, params: P, id: String = UUID.randomUUID().toString()): CompletableFuture<R> =",
      "    send(method.request(id, params)).thenApply { method.result(it) }",
    ],
  ]);
}

function entryPoint(): Code[] {
  return [
    "/**",
    " * The protocol's JSON: unknown keys are ignored (new fields never break decoding), defaults are",
    " * not written (absent stays absent) and explicit nulls are kept (required-nullable fields are",
    " * always written).",
    " *",
    " *     val frame = TidegateJson.decodeFrame(text)",
    " *     if (frame is GatewayFrame.Event && frame.event is GatewayEvent.Tick) …",
    " */",
    block("object TidegateJson", [
      "/** The configuration every generated model is meant to be used with. */",
      "val json: Json = Json { ignoreUnknownKeys = true; encodeDefaults = false; explicitNulls = true }",
      "",
      "/** Decode one WebSocket text message. */",
      "fun decodeFrame(text: String): GatewayFrame = json.decodeFromString(GatewayFrame.serializer(), text)",
      "",
      "/** Encode one WebSocket text message. */",
      "fun encodeFrame(frame: GatewayFrame): String = json.encodeToString(GatewayFrame.serializer(), frame)",
    ]),
  ];
}

/** `Protocol.kt`: entry points, frames, events and method descriptors. */
export function kotlinProtocol(model: NativeModel): Code[] {
  return spaced([entryPoint(), gatewayFrame(model), gatewayEvent(model), methods(model)]);
}

/** `ProtocolInfo.kt`: the version and the name lists. */
export function kotlinProtocolInfo(model: NativeModel): Code[] {
  const names = (list: string[]) => list.map((wire) => `${pascalName(wire)}(${kotlinString(wire)}),`);
  return spaced([
    ["/** The protocol version these models describe. */", `const val PROTOCOL_VERSION: Long = ${model.version}`],
    ["/** Every method name this version knows, `connect` first. */", block("enum class MethodName(val wire: String)", names(["connect", ...model.methods.map((m) => m.name)]))],
    ["/** Every event name this version knows. */", block("enum class EventName(val wire: String)", names(model.events.map((e) => e.name)))],
  ]);
}
