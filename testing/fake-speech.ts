/**
 * Test support: a loopback server speaking OpenAI's `POST /v1/audio/speech`
 * and ElevenLabs' `POST /v1/text-to-speech/<voiceId>?output_format=…`. It
 * answers `FAKE-AUDIO <format> <text>` as the audio bytes; a wrong key gets
 * 401, voice `fail-<status>` (OpenAI) gets that status, voice `stall` never answers.
 */
import { createServer, type Server } from "node:http";

export interface FakeSpeechRequest {
  engine: "openai" | "elevenlabs";
  /** The text to speak. */
  text: string;
  voice: string;
  model: string;
  format: string;
  /** The key as sent (`Bearer …` or the `xi-api-key` header). */
  key?: string;
}

export interface FakeSpeech {
  /** OpenAI-style base URL (`…/v1`). */
  baseUrl: string;
  /** ElevenLabs-style base URL (no `/v1`). */
  origin: string;
  requests: FakeSpeechRequest[];
  close(): Promise<void>;
}

export async function startFakeSpeech(options: { apiKey?: string } = {}): Promise<FakeSpeech> {
  const state: FakeSpeech = { baseUrl: "", origin: "", requests: [], close: async () => {} };
  const server: Server = createServer((req, res) => {
    let raw = "";
    req.setEncoding("utf8");
    req.on("data", (d: string) => (raw += d));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://fake");
      const eleven = /^\/v1\/text-to-speech\/([^/]+)$/.exec(url.pathname);
      if (req.method !== "POST" || (url.pathname !== "/v1/audio/speech" && !eleven)) return res.writeHead(404).end();
      const key = eleven ? (req.headers["xi-api-key"] as string | undefined) : req.headers.authorization;
      if (options.apiKey && key !== (eleven ? options.apiKey : `Bearer ${options.apiKey}`)) return res.writeHead(401).end('{"error":"bad key"}');
      const body = JSON.parse(raw);
      const request: FakeSpeechRequest = eleven
        ? { engine: "elevenlabs", text: body.text, voice: eleven[1], model: body.model_id, format: url.searchParams.get("output_format") ?? "", key }
        : { engine: "openai", text: body.input, voice: body.voice, model: body.model, format: body.response_format, key };
      state.requests.push(request);
      const status = /^fail-(\d{3})$/.exec(request.voice);
      if (status) return res.writeHead(Number(status[1])).end();
      if (request.voice === "stall") return;
      res.writeHead(200, { "content-type": "audio/mpeg" });
      res.end(`FAKE-AUDIO ${request.format} ${request.text}`);
    });
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as { port: number };
  state.origin = `http://127.0.0.1:${port}`;
  state.baseUrl = `${state.origin}/v1`;
  state.close = () =>
    new Promise<void>((done) => {
      server.closeAllConnections();
      server.close(() => done());
    });
  return state;
}
