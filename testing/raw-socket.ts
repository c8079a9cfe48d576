/**
 * Test support: a TCP socket that speaks HTTP and WebSocket framing by hand, for
 * abusive peers a real client library will not imitate (half-open sockets,
 * slowloris headers, frames that declare more than they send, peers that never
 * answer a close frame).
 */
import { randomBytes } from "node:crypto";
import { connect, type Socket } from "node:net";

export interface RawSocket {
  socket: Socket;
  /** Everything received so far. */
  received(): Buffer;
  /** Resolves when the server closes (or resets) the connection. */
  closed: Promise<void>;
  isClosed(): boolean;
  /** Resolves with the received bytes once `match` holds for them. */
  until(match: (data: Buffer) => boolean, timeoutMs?: number): Promise<Buffer>;
}

/** Open a TCP connection to the gateway's port (optionally from another loopback address). */
export function openTcp(port: number, localAddress?: string): Promise<RawSocket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port, ...(localAddress ? { localAddress } : {}) });
    let data = Buffer.alloc(0);
    let closed = false;
    const watchers: (() => void)[] = [];
    socket.on("data", (chunk) => {
      data = Buffer.concat([data, chunk]);
      watchers.forEach((w) => w());
    });
    socket.on("error", () => undefined);
    const closedPromise = new Promise<void>((done) =>
      socket.once("close", () => {
        closed = true;
        watchers.forEach((w) => w());
        done();
      }),
    );
    socket.once("connect", () =>
      resolve({
        socket,
        received: () => data,
        closed: closedPromise,
        isClosed: () => closed,
        until: (match, timeoutMs = 5000) =>
          new Promise((done, fail) => {
            const check = () => {
              if (match(data)) {
                clearTimeout(timer);
                done(data);
              } else if (closed) {
                clearTimeout(timer);
                fail(new Error(`closed before the expected data; got ${JSON.stringify(data.toString("latin1").slice(0, 200))}`));
              }
            };
            const timer = setTimeout(() => fail(new Error(`timed out; got ${JSON.stringify(data.toString("latin1").slice(0, 200))}`)), timeoutMs);
            watchers.push(check);
            check();
          }),
      }),
    );
    socket.once("error", reject);
  });
}

/** The HTTP upgrade request a WebSocket client sends. */
export function upgradeRequest(port: number, headers: Record<string, string> = {}): string {
  const lines = [
    "GET / HTTP/1.1",
    `Host: 127.0.0.1:${port}`,
    "Upgrade: websocket",
    "Connection: Upgrade",
    `Sec-WebSocket-Key: ${randomBytes(16).toString("base64")}`,
    "Sec-WebSocket-Version: 13",
    ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
  ];
  return lines.join("\r\n") + "\r\n\r\n";
}

/** Open a socket and complete the WebSocket upgrade by hand; returns once the 101 is read. */
export async function openUpgraded(port: number, headers: Record<string, string> = {}): Promise<RawSocket> {
  const raw = await openTcp(port);
  raw.socket.write(upgradeRequest(port, headers));
  await raw.until((d) => d.includes("\r\n\r\n"));
  if (!raw.received().toString("latin1").startsWith("HTTP/1.1 101")) throw new Error(`upgrade refused: ${raw.received().toString("latin1").split("\r\n")[0]}`);
  return raw;
}

/**
 * A masked client frame header declaring `declaredLength` payload bytes, followed by
 * `payload` (masked). `fin` false starts or continues a fragmented message.
 */
export function clientFrame(options: { opcode?: number; fin?: boolean; declaredLength: number; payload?: Buffer }): Buffer {
  const { opcode = 1, fin = true, declaredLength, payload = Buffer.alloc(0) } = options;
  const head: number[] = [(fin ? 0x80 : 0) | opcode];
  if (declaredLength < 126) head.push(0x80 | declaredLength);
  else if (declaredLength < 65536) head.push(0x80 | 126, declaredLength >> 8, declaredLength & 255);
  else {
    head.push(0x80 | 127, 0, 0, 0, 0);
    head.push((declaredLength >>> 24) & 255, (declaredLength >>> 16) & 255, (declaredLength >>> 8) & 255, declaredLength & 255);
  }
  const mask = randomBytes(4);
  const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]));
  return Buffer.concat([Buffer.from(head), mask, masked]);
}

/** Server frames (unmasked) in `data` after the HTTP response; stops at an incomplete one. */
export function serverFrames(data: Buffer): { opcode: number; payload: Buffer }[] {
  let offset = data.indexOf("\r\n\r\n");
  if (offset < 0) return [];
  offset += 4;
  const frames: { opcode: number; payload: Buffer }[] = [];
  while (offset + 2 <= data.length) {
    const opcode = data[offset] & 0x0f;
    let length = data[offset + 1] & 0x7f;
    let start = offset + 2;
    if (length === 126) {
      if (start + 2 > data.length) break;
      length = data.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      if (start + 8 > data.length) break;
      length = Number(data.readBigUInt64BE(start));
      start += 8;
    }
    if (start + length > data.length) break;
    frames.push({ opcode, payload: data.subarray(start, start + length) });
    offset = start + length;
  }
  return frames;
}

/** The close code of the first close frame the server sent, if any. */
export function closeCode(data: Buffer): number | undefined {
  const close = serverFrames(data).find((f) => f.opcode === 8);
  return close && close.payload.length >= 2 ? close.payload.readUInt16BE(0) : undefined;
}
