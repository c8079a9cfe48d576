/**
 * Server-sent events from a byte stream: `data:` lines joined per event,
 * comments and other fields ignored, CRLF or LF line ends, events split
 * anywhere across chunks.
 */
export async function* sseData(body: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder();
  let buffer = "";
  let data: string[] = [];
  const line = function* (text: string): Generator<string> {
    if (text === "") {
      if (data.length) yield data.join("\n");
      data = [];
    } else if (text.startsWith("data:")) {
      data.push(text.slice(text[5] === " " ? 6 : 5));
    }
  };
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf("\n")) >= 0) {
      const text = buffer.slice(0, end).replace(/\r$/, "");
      buffer = buffer.slice(end + 1);
      yield* line(text);
    }
  }
  buffer += decoder.decode();
  if (buffer) yield* line(buffer.replace(/\r$/, ""));
  yield* line("");
}
