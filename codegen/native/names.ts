/**
 * Identifiers and string literals for the native targets. Every identifier and
 * every literal a native emitter prints goes through this file: wire names
 * become idiomatic Swift/Kotlin names, keywords are escaped with backticks,
 * and text becomes a string literal through one escaping helper per language.
 */

/** Words Swift spells in capitals (API Design Guidelines: `runID`, `paramsJSON`). */
const SWIFT_ACRONYMS = new Map([
  ["id", "ID"],
  ["ids", "IDs"],
  ["url", "URL"],
  ["urls", "URLs"],
  ["json", "JSON"],
  ["uuid", "UUID"],
  ["uri", "URI"],
  ["api", "API"],
  ["ip", "IP"],
]);

const SWIFT_KEYWORDS = new Set(
  (
    "associatedtype class deinit enum extension fileprivate func import init inout internal let open operator private precedencegroup protocol public " +
    "rethrows static struct subscript typealias var break case catch continue default defer do else fallthrough for guard if in repeat return throw " +
    "switch where while Any as await false is nil self Self super throws true try Type Protocol"
  ).split(" "),
);

const KOTLIN_KEYWORDS = new Set("as break class continue do else false for fun if in interface is null object package return super this throw true try typealias typeof val var when while".split(" "));

/** Split a wire name (`runId`, `operator.read`, `INVALID_REQUEST`, `allow-once`, `paramsJSON`) into words. */
export function words(wire: string): string[] {
  return wire
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .flatMap((part) => part.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+/g) ?? [])
    .map((word) => word.toLowerCase());
}

const upperFirst = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/** `lowerCamel` with Swift's capitalised acronyms after the first word. */
export function swiftName(wire: string): string {
  const parts = words(wire);
  const name = parts.map((word, i) => (i === 0 ? word : (SWIFT_ACRONYMS.get(word) ?? upperFirst(word)))).join("");
  return /^[0-9]/.test(name) ? `_${name}` : name;
}

/** `PascalCase`, for Kotlin objects and classes named after wire values. */
export function pascalName(wire: string): string {
  const name = words(wire).map(upperFirst).join("");
  return /^[0-9]/.test(name) ? `V${name}` : name;
}

/** `lowerCamel` without acronym changes (Kotlin keeps `runId`). */
export function camelName(wire: string): string {
  const name = words(wire)
    .map((word, i) => (i === 0 ? word : upperFirst(word)))
    .join("");
  return /^[0-9]/.test(name) ? `v${name}` : name;
}

/** A Swift identifier, backticked when it is a keyword. */
export const swiftIdent = (name: string) => (SWIFT_KEYWORDS.has(name) ? `\`${name}\`` : name);

/** A Kotlin identifier, backticked when it is a keyword. */
export const kotlinIdent = (name: string) => (KOTLIN_KEYWORDS.has(name) ? `\`${name}\`` : name);

const escapeCommon = (text: string, unicode: (code: number) => string) =>
  text.replace(/[\\"\n\r\t]|[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (ch) => {
    switch (ch) {
      case "\\":
        return "\\\\";
      case '"':
        return '\\"';
      case "\n":
        return "\\n";
      case "\r":
        return "\\r";
      case "\t":
        return "\\t";
      default:
        return unicode(ch.charCodeAt(0));
    }
  });

/** A Swift string literal. */
export const swiftString = (text: string) => `"${escapeCommon(text, (code) => `\\u{${code.toString(16)}}`)}"`;

/** A Kotlin string literal (`$` escaped, so no template is ever formed). */
export const kotlinString = (text: string) => `"${escapeCommon(text, (code) => `\\u${code.toString(16).padStart(4, "0")}`).replace(/\$/g, "\\$")}"`;

/** Doc-comment text: one line per line, with comment terminators defused. */
export function docLines(text: string | undefined): string[] {
  if (!text) return [];
  // Kotlin block comments nest: neither `*/` nor `/*` may appear inside one.
  return text.replace(/\*\//g, "*&#47;").replace(/\/\*/g, "&#47;*").split("\n");
}
