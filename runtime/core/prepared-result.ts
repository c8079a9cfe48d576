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
    if (this.fieldsText === undefined) return undefined;
    const extra = this.rawFields.map(([name, text, as]) => `,${JSON.stringify(name)}:${as === "json" ? text : JSON.stringify(text)}`).join("");
    return this.fieldsText === "{}" ? `{${extra.slice(1)}}` : this.fieldsText.slice(0, -1) + extra + "}";
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
