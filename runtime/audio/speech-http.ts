/**
 * Requests to the speech engines built here, bounded in time and size:
 * an OpenAI-compatible `POST <baseUrl>/audio/speech` and ElevenLabs'
 * `POST <baseUrl>/v1/text-to-speech/<voiceId>`. Both take JSON and answer
 * audio bytes. Errors say which endpoint failed and how, never the key.
 */

/** Largest audio answer read (bytes). */
export const MAX_SPEECH_BYTES = 25 * 1024 * 1024;

interface Call {
  timeoutMs: number;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

export interface OpenAiSpeechRequest extends Call {
  baseUrl: string;
  apiKey: string;
  model: string;
  voice: string;
  /** `mp3` or `opus`. */
  responseFormat: string;
  text: string;
}

export interface ElevenLabsSpeechRequest extends Call {
  baseUrl: string;
  apiKey: string;
  voiceId: string;
  modelId: string;
  /** Such as `mp3_44100_128` or `opus_48000_64`. */
  outputFormat: string;
  text: string;
}

/** v3's voice settings for ElevenLabs. */
const ELEVENLABS_VOICE_SETTINGS = { stability: 0.5, similarity_boost: 0.75, style: 0, use_speaker_boost: true, speed: 1 };

/** The audio bytes of an OpenAI-compatible endpoint, or a thrown Error whose message a user can act on. */
export function openAiSpeech(r: OpenAiSpeechRequest): Promise<Buffer> {
  const url = `${r.baseUrl.replace(/\/+$/, "")}/audio/speech`;
  const body = { model: r.model, input: r.text, voice: r.voice, response_format: r.responseFormat };
  return postForAudio(url, { authorization: `Bearer ${r.apiKey}` }, body, r);
}

/** The audio bytes of ElevenLabs (or a server speaking its API). */
export function elevenLabsSpeech(r: ElevenLabsSpeechRequest): Promise<Buffer> {
  if (!/^[a-zA-Z0-9]{10,40}$/.test(r.voiceId)) return Promise.reject(new Error(`invalid voiceId ${JSON.stringify(r.voiceId)} (10 to 40 letters and digits)`));
  const url = new URL(`${r.baseUrl.replace(/\/+$/, "")}/v1/text-to-speech/${r.voiceId}`);
  url.searchParams.set("output_format", r.outputFormat);
  const body = { text: r.text, model_id: r.modelId, voice_settings: ELEVENLABS_VOICE_SETTINGS };
  return postForAudio(url.toString(), { "xi-api-key": r.apiKey, accept: "audio/mpeg" }, body, r);
}

async function postForAudio(url: string, headers: Record<string, string>, body: unknown, call: Call): Promise<Buffer> {
  const timeout = AbortSignal.timeout(call.timeoutMs);
  const signal = call.signal ? AbortSignal.any([call.signal, timeout]) : timeout;
  const where = url.split("?")[0];
  let response: Response;
  try {
    response = await (call.fetch ?? fetch)(url, { method: "POST", headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body), signal });
  } catch (error) {
    if (timeout.aborted) throw new Error(`no answer from ${where} within ${call.timeoutMs} ms`);
    if (call.signal?.aborted) throw new Error("the caller went away");
    const cause = (error as Error).cause;
    throw new Error(`cannot reach ${where}: ${cause instanceof Error ? cause.message : (error as Error).message}`);
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(`${where} answered HTTP ${response.status}${response.status === 401 ? " (check the API key)" : ""}`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of response.body ?? []) {
      size += chunk.byteLength;
      if (size > MAX_SPEECH_BYTES) {
        await response.body?.cancel().catch(() => undefined);
        throw new Error(`${where} sent more than ${MAX_SPEECH_BYTES} bytes of audio`);
      }
      chunks.push(Buffer.from(chunk));
    }
  } catch (error) {
    if (timeout.aborted) throw new Error(`no complete answer from ${where} within ${call.timeoutMs} ms`);
    throw error;
  }
  if (size === 0) throw new Error(`${where} sent no audio`);
  return Buffer.concat(chunks);
}
