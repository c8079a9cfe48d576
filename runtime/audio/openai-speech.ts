/**
 * One request to an OpenAI-compatible speech endpoint
 * (`POST <baseUrl>/audio/speech`, JSON in, audio bytes out), bounded in time
 * and size. Errors say which endpoint failed and how, never the key.
 */

/** Largest audio answer read (bytes). */
export const MAX_SPEECH_BYTES = 25 * 1024 * 1024;

export interface OpenAiSpeechRequest {
  baseUrl: string;
  apiKey: string;
  model: string;
  voice: string;
  /** `mp3` or `opus`. */
  responseFormat: string;
  text: string;
  timeoutMs: number;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

/** The audio bytes, or a thrown Error whose message a user can act on. */
export async function openAiSpeech(request: OpenAiSpeechRequest): Promise<Buffer> {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  const url = `${request.baseUrl.replace(/\/+$/, "")}/audio/speech`;
  let response: Response;
  try {
    response = await (request.fetch ?? fetch)(url, {
      method: "POST",
      headers: { authorization: `Bearer ${request.apiKey}`, "content-type": "application/json" },
      body: JSON.stringify({ model: request.model, input: request.text, voice: request.voice, response_format: request.responseFormat }),
      signal,
    });
  } catch (error) {
    if (timeout.aborted) throw new Error(`no answer from ${url} within ${request.timeoutMs} ms`);
    if (request.signal?.aborted) throw new Error("the caller went away");
    throw new Error(`cannot reach ${url}: ${(error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message}`);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(`${url} answered HTTP ${response.status}${response.status === 401 ? " (check the API key)" : ""}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body ?? []) {
      size += chunk.byteLength;
      if (size > MAX_SPEECH_BYTES) {
        await response.body?.cancel().catch(() => undefined);
        throw new Error(`${url} sent more than ${MAX_SPEECH_BYTES} bytes of audio`);
      }
      chunks.push(Buffer.from(chunk));
    }
  } catch (error) {
    if (timeout.aborted) throw new Error(`no complete answer from ${url} within ${request.timeoutMs} ms`);
    throw error;
  }
  if (size === 0) throw new Error(`${url} sent no audio`);
  return Buffer.concat(chunks);
}
