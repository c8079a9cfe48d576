/**
 * A method result whose big fields are already JSON text (a node's answer):
 * the router splices that text into the response frame instead of parsing it
 * into objects and serializing them again, and tells the result once it has
 * been handed to the caller's socket so it can let go of the text.
 */
export class PreparedResult {
  private fieldsText: string | undefined;
  private releaseScheduled = false;

  /**
   * `fields` are serialized as usual; `rawFields` are `[name, text, as]` triples: `as: "json"` text is
   * already valid JSON (the caller checked it) and goes in as is, `as: "string"` text goes in as a
   * JSON string (escaped when the frame is built, not before). `onRelease` runs once, after delivery.
   */
  constructor(
    fields: Record<string, unknown>,
    private rawFields: [name: string, text: string, as: "json" | "string"][],
    private readonly onRelease: () => void,
  ) {
    this.fieldsText = JSON.stringify(fields);
  }

  /** The result's JSON text (the frame's `payload`); undefined once released. */
  text(): string | undefined {
    return this.parts()?.join("");
  }

  /** `before` + the result's JSON + `after` as one UTF-8 buffer, written part by part (no joined string); undefined once released. */
  utf8(before: string, after: string): Buffer | undefined {
    const parts = this.parts();
    if (!parts) return undefined;
    parts.unshift(before);
    parts.push(after);
    const buffer = Buffer.allocUnsafe(parts.reduce((n, part) => n + Buffer.byteLength(part), 0));
    let offset = 0;
    for (const part of parts) offset += buffer.write(part, offset);
    return buffer;
  }

  /** The result's JSON text in pieces: the plain fields, then each raw field. */
  private parts(): string[] | undefined {
    if (this.fieldsText === undefined) return undefined;
    const empty = this.fieldsText === "{}";
    const parts = [this.fieldsText.slice(0, -1)];
    this.rawFields.forEach(([name, text, as], i) => {
      parts.push(`${empty && i === 0 ? "" : ","}${JSON.stringify(name)}:`, as === "json" ? text : JSON.stringify(text));
    });
    parts.push("}");
    return parts;
  }

  /**
   * The result was handed to a socket. The text is dropped after the current turn, so
   * callers that joined the same call by idempotency key (answered in the same turn) get it too.
   */
  delivered(): void {
    if (this.releaseScheduled) return;
    this.releaseScheduled = true;
    setImmediate(() => this.release());
  }

  /** Drop the text now and give its bytes back (also for results nobody will send). */
  release(): void {
    if (this.fieldsText === undefined) return;
    this.fieldsText = undefined;
    this.rawFields = [];
    this.onRelease();
  }
}
