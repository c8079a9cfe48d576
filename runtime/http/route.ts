/** An HTTP route handler the transport is given: returns true when it took the request (and answers it itself). */
import type { IncomingMessage, ServerResponse } from "node:http";

export type HttpRoute = (req: IncomingMessage, res: ServerResponse) => boolean;

/** Read a request body up to `max` bytes; resolves `undefined` (after answering 413) when it is larger. */
export function readBody(req: IncomingMessage, res: ServerResponse, max: number, tooLarge: () => void): Promise<Buffer | undefined> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > max) {
    tooLarge();
    return Promise.resolve(undefined);
  }
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > max) {
        done = true;
        tooLarge();
        req.resume();
        return resolve(undefined);
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!done) resolve(Buffer.concat(chunks));
      done = true;
    });
    req.on("error", () => {
      if (!done) resolve(undefined);
      done = true;
      res.destroy();
    });
  });
}
