/** Kotlin declarations of the native model: data classes, open enums and sealed unions (kotlinx.serialization). */
import { CodegenError } from "../codegen-error.js";
import type { NativeEnum, NativeField, NativeModel, NativeStruct, NativeType, NativeUnion } from "./ir.js";
import { kotlinIdent, kotlinString, pascalName } from "./names.js";
import { block, type Code, kotlinDoc, spaced, wrap } from "./printer.js";

export const KOTLIN_PACKAGE = "dev.tidegate.protocol";

/** The serializer of a named type: aliases (of lists, maps, nullable or free JSON) have no companion `serializer()`. */
export function kotlinSerializer(model: NativeModel, name: string, qualified = true): string {
  const native = model.nativeName(name);
  const full = qualified ? `${KOTLIN_PACKAGE}.${native}` : native;
  return model.decls.get(name)?.kind === "alias" ? `kotlinx.serialization.serializer<${full}>()` : `${full}.serializer()`;
}

/** The Kotlin type of a value. */
export function kotlinType(type: NativeType, model: NativeModel): string {
  switch (type.kind) {
    case "string":
      return "String";
    case "integer":
      return "Long";
    case "number":
      return "Double";
    case "boolean":
      return "Boolean";
    case "json":
      return "JsonElement";
    case "named":
      return model.nativeName(type.name);
    case "list":
      return `List<${kotlinType(type.item, model)}>`;
    case "map":
      return type.value.kind === "json" ? "JsonObject" : `Map<String, ${kotlinType(type.value, model)}>`;
    case "nullable":
      return `${kotlinType(type.inner, model)}?`;
  }
}

const NEVER = "@EncodeDefault(EncodeDefault.Mode.NEVER)";

function parameter(field: NativeField, model: NativeModel): Code[] {
  const name = kotlinIdent(field.wire);
  const type = kotlinType(field.type, model);
  const line = (() => {
    switch (field.presence) {
      case "required":
        return `val ${name}: ${type},`;
      case "requiredNullable":
        return `val ${name}: ${type}?,`;
      case "optional":
        return `${NEVER} val ${name}: ${type}? = null,`;
      case "optionalJson":
        return `${NEVER} @Serializable(with = OptionalJsonSerializer::class) val ${name}: JsonElement? = null,`;
      case "tristate":
        return `${NEVER} val ${name}: Nullable<${type}> = Nullable.Absent,`;
      case "constant":
        throw new Error("constants are body properties");
    }
  })();
  return [...kotlinDoc(field.description), line];
}

/** Enum case objects: PascalCase of the wire value, kept apart from `Unknown`. */
export function kotlinCaseNames(decl: NativeEnum): string[] {
  const names = decl.values.map((value) => {
    const name = pascalName(value);
    return name === "Unknown" ? "UnknownValue" : name;
  });
  const dup = names.find((name, i) => names.indexOf(name) !== i);
  if (dup) throw new CodegenError(decl.name, `two values become the Kotlin name ${dup}`);
  return names;
}

function struct(decl: NativeStruct, model: NativeModel, unions: readonly string[]): Code[] {
  const params = decl.fields.filter((f) => f.presence !== "constant");
  const constants = decl.fields.filter((f) => f.presence === "constant");
  const supertypes = unions.length ? ` : ${unions.join(", ")}` : "";
  const constantLines = constants.flatMap((f) => [...kotlinDoc(f.description), `@EncodeDefault(EncodeDefault.Mode.ALWAYS) val ${kotlinIdent(f.wire)}: String = ${kotlinString(f.constant!)}`]);
  const head = [...kotlinDoc(decl.description), "@Serializable"];
  if (params.length === 0) {
    // No data class without constructor parameters: equality by type.
    return [
      ...head,
      block(`class ${decl.name}${supertypes}`, [
        ...constantLines,
        "override fun equals(other: Any?): Boolean = other is " + decl.name,
        `override fun hashCode(): Int = ${kotlinString(decl.name)}.hashCode()`,
        `override fun toString(): String = ${kotlinString(decl.name + "()")}`,
      ]),
    ];
  }
  return [
    ...head,
    wrap(
      `data class ${decl.name}(`,
      params.flatMap((f) => parameter(f, model)),
      `)${supertypes}${constantLines.length ? " {" : ""}`,
    ),
    constantLines.length ? wrap(null, constantLines, "}") : null,
  ];
}

function openEnum(decl: NativeEnum): Code[] {
  const names = kotlinCaseNames(decl);
  return [
    ...kotlinDoc(decl.description),
    `@Serializable(with = ${decl.name}.Serializer::class)`,
    block(`sealed interface ${decl.name}`, [
      "/** The value on the wire. */",
      "val raw: String",
      "",
      ...decl.values.map((value, i) => `data object ${names[i]} : ${decl.name} { override val raw: String get() = ${kotlinString(value)} }`),
      "",
      "/** A value this version of the protocol does not know; it re-encodes unchanged. */",
      `data class Unknown(override val raw: String) : ${decl.name}`,
      "",
      block("companion object", [
        "/** Every value this version knows. */",
        `val known: List<${decl.name}> = listOf(${names.join(", ")})`,
        "",
        "/** The known value spelled `raw`, or [Unknown]. */",
        `fun of(raw: String): ${decl.name} = known.firstOrNull { it.raw == raw } ?: Unknown(raw)`,
      ]),
      "",
      `/** Decodes any string: values this version does not know become [Unknown]. */`,
      `object Serializer : OpenEnumSerializer<${decl.name}>(${kotlinString(`${KOTLIN_PACKAGE}.${decl.name}`)}, { it.raw }, ::of)`,
    ]),
  ];
}

function union(decl: NativeUnion): Code[] {
  const members = decl.members.map((m) => `${kotlinString(m.tag)} to UnionMember(${m.type}::class, ${m.type}.serializer())`);
  return [
    ...kotlinDoc(`${decl.description}\n\nMembers: ${decl.members.map((m) => `[${m.type}]`).join(", ")}, or [Unknown] for a \`${decl.tag}\` this version does not know.`),
    `@Serializable(with = ${decl.name}.Serializer::class)`,
    block(`sealed interface ${decl.name}`, [
      `/** A member this version of the protocol does not know, kept as received; it re-encodes unchanged. */`,
      `data class Unknown(override val json: JsonObject) : ${decl.name}, UnknownMember`,
      "",
      `/** Picks the member by \`${decl.tag}\`. */`,
      wrap(
        `object Serializer : TaggedUnionSerializer<${decl.name}>(`,
        [`${kotlinString(`${KOTLIN_PACKAGE}.${decl.name}`)},`, `${kotlinString(decl.tag)},`, `mapOf(${members.join(", ")}),`, "::Unknown,"],
        ")",
      ),
    ]),
  ];
}

/** The declarations file: every struct, enum and union in name order. */
export function kotlinModels(model: NativeModel): Code[] {
  const unionsOf = new Map<string, string[]>();
  for (const decl of model.decls.values()) {
    if (decl.kind !== "union" || decl.name === model.frame.union) continue;
    for (const member of decl.members) unionsOf.set(member.type, [...(unionsOf.get(member.type) ?? []), decl.name]);
  }
  const decls: Code[] = [];
  for (const decl of model.decls.values()) {
    if (decl.kind === "struct") decls.push(struct(decl, model, unionsOf.get(decl.name) ?? []));
    else if (decl.kind === "enum") decls.push(openEnum(decl));
    else if (decl.kind === "alias") decls.push([...kotlinDoc(decl.description), `typealias ${model.nativeName(decl.name)} = ${kotlinType(decl.type, model)}`]);
    else if (decl.name !== model.frame.union) decls.push(union(decl));
  }
  return spaced(decls);
}
