/**
 * Small builders over TypeBox that keep every schema in `schema/` described,
 * closed (no additional properties) and, where it matters for native targets,
 * named. A schema is *named* when it carries `$id`; codegen hoists every named
 * schema into `$defs` and every target names its type after it.
 */
import { type Static, type TObject, type TProperties, type TSchema, type TUnion, type TUnsafe, Type } from "@sinclair/typebox";

export { type Static, type TSchema, Type };

/** A named, closed object type. */
export function Obj<P extends TProperties>(name: string, description: string, properties: P): TObject<P> {
  return Type.Object(properties, { $id: name, description, additionalProperties: false });
}

/**
 * A named OPEN object: the listed members are typed and validated, unknown members are tolerated
 * (where the v3 reference accepts any params for a method, so do we). Say so in `description`.
 */
export function Open<P extends TProperties>(name: string, description: string, properties: P): TObject<P> {
  return Type.Object(properties, { $id: name, description, additionalProperties: true });
}

/** Parameters of a method the v3 reference does not validate: any object (or none) is accepted. */
export function AnyParams(name: string, method: string) {
  return Open(name, `Parameters of \`${method}\`: none are needed; like the v3 reference, any object (or none) is accepted and unknown members are ignored.`, {});
}

/** An anonymous closed object (codegen names it after its owner and property). */
export function Shape<P extends TProperties>(description: string, properties: P): TObject<P> {
  return Type.Object(properties, { description, additionalProperties: false });
}

/** A named string enumeration. */
export function Enum<const V extends readonly string[]>(name: string, description: string, values: V): TUnsafe<V[number]> {
  return Type.Unsafe<V[number]>({ $id: name, type: "string", enum: [...values], description });
}

/** A string that must equal `value` (used for discriminators such as `type: "req"`). */
export function Const<const V extends string>(value: V, description: string) {
  return Type.Literal(value, { description });
}

/** A non-empty string. */
export function Str(description: string, options: { maxLength?: number; pattern?: string; minLength?: number } = {}) {
  return Type.String({ minLength: 1, ...options, description });
}

/** Any string, including the empty one. */
export function Text(description: string, options: { maxLength?: number } = {}) {
  return Type.String({ ...options, description });
}

/** A non-negative integer (counts, ids, milliseconds). */
export function Int(description: string, options: { minimum?: number; maximum?: number } = {}) {
  return Type.Integer({ minimum: 0, ...options, description });
}

/** A floating point number. */
export function Num(description: string) {
  return Type.Number({ description });
}

/** A boolean. */
export function Bool(description: string) {
  return Type.Boolean({ description });
}

/** A list of `item`. */
export function List<T extends TSchema>(item: T, description: string, options: { minItems?: number; maxItems?: number } = {}) {
  return Type.Array(item, { ...options, description });
}

/** A string-keyed map of `value`. */
export function Dict<T extends TSchema>(value: T, description: string) {
  return Type.Record(Type.String(), value, { description });
}

/** Any JSON value; the protocol leaves its shape to the method or command. */
export function Json(description: string) {
  return Type.Unknown({ description });
}

/** `T` or `null`. */
export function Nullable<T extends TSchema>(schema: T): TUnion<[T, ReturnType<typeof Type.Null>]> {
  return Type.Union([schema, Type.Null()], { description: schema.description });
}

/** A property that may be absent. */
export const Opt = Type.Optional;

/**
 * A named union of object types told apart by the string property `tag`
 * (for example `type` or `kind`). Every member must have `tag` as a `Const`.
 */
export function Tagged<T extends TSchema[]>(name: string, description: string, tag: string, members: [...T]) {
  return Type.Union(members, { $id: name, description, discriminator: { propertyName: tag } });
}

/** On a re-described named schema: the description of the named type itself. */
export const TypeDescription = Symbol.for("tidegate.typeDescription");

/** A reference to a named schema with a use-specific description. */
export function Described<T extends TSchema>(schema: T, description: string): T {
  const typeDescription = (schema as Record<symbol, unknown>)[TypeDescription] ?? schema.description;
  return { ...schema, description, [TypeDescription]: typeDescription } as T;
}

/** Parameters of a method that takes none. */
export function NoParams(name: string) {
  return Obj(name, "This method takes no parameters; send `{}` or omit `params`.", {});
}

/** A client-chosen key that makes a side-effecting call safe to repeat. */
export const IdempotencyKey = Str("Client-chosen key; a repeat of the same call with the same key within 5 minutes returns the first result instead of running again.", { maxLength: 256 });
