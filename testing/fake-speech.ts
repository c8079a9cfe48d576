/**
 * Test support: a loopback server speaking OpenAI's `POST /v1/audio/speech`.
 * It answers `FAKE-AUDIO <response_format> <input>` as the audio bytes; a wrong
 * key gets 401, voice `fail-<status>` gets that status, voice `stall` never answers.
 */
import { createServer, type Server } from "node:http";

export interface FakeSpeech {
  baseUrl: string;
  /** Request bodies received, oldest first. */
  requests: { model: string; input: string; voice: string; response_format: string; authorization?: string }[];
  close(): Promise<void>;
}

export async function startFakeSpeech(options: { apiKey?: string } = {}): Promise<FakeSpeech> {
  const state: FakeSpeech = { baseUrl: "", requests: [], close: async () => {} };
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (d: string) => (raw += d));
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== "/v1/audio/speech") return res.writeHead(404).end();
      if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) return res.writeHead(401, { "content-type": "application/json" }).end('{"error":{"message":"bad key"}}');
      const body = JSON.parse(raw) as FakeSpeech["requests"][number];
      state.requests.push({ ...body, authorization: req.headers.authorization });
      const status = /^fail-(\d{3})$/.exec(body.voice);
      if (status) return res.writeHead(Number(status[1])).end();
      if (body.voice === "stall") return;
      res.writeHead(200, { "content-type": body.response_format === "opus" ? "audio/ogg" : "audio/mpeg" });
      res.end(`FAKE-AUDIO ${body.response_format} ${body.input}`);
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const address = server.address() as { port: number };
  state.baseUrl = `http://127.0.0.1:${address.port}/v1`;
  state.close = () =>
    new Promise<void>((done) => {
      server.closeAllConnections();
      server.close(() => done());
    });
  return state;
}
