/** Chat: history of one session, send a message, watch the reply stream in (`chat` events), abort it. */
import { useState } from "preact/hooks";
import type { ChatEvent } from "../../../generated/ts/types.js";
import { Gated } from "../components/gated.js";
import { Card, ErrorLine } from "../components/ui.js";
import { useAction, useCall, useConnection, useEvent } from "../hooks.js";

const METHODS = ["chat.send", "chat.history", "chat.abort"] as const;

/** The text of a chat message, whatever its shape (a string, `{ content }`, or content parts with `text`). */
export function messageText(message: unknown): string {
  if (typeof message === "string") return message;
  if (!message || typeof message !== "object") return "";
  const content = (message as { content?: unknown; text?: unknown }).content ?? (message as { text?: unknown }).text;
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((part) => (typeof part === "string" ? part : typeof part?.text === "string" ? part.text : "")).join("");
  return "";
}

interface Line {
  role: string;
  text: string;
  runId?: string;
  state?: ChatEvent["state"];
}

function ChatRoom() {
  const { hello } = useConnection();
  const [sessionKey, setSessionKey] = useState(hello?.snapshot.sessionDefaults?.mainSessionKey ?? "agent:main:main");
  const history = useCall("chat.history", { sessionKey, limit: 50 }, sessionKey);
  const send = useAction("chat.send");
  const abort = useAction("chat.abort");
  const [lines, setLines] = useState<Line[]>([]);
  const [draft, setDraft] = useState("");
  const [running, setRunning] = useState<string>();
  useEvent("chat", (event) => {
    if (event.sessionKey !== sessionKey) return;
    setLines((all) => {
      const text = messageText(event.message) || (event.state === "error" ? `error: ${event.errorMessage ?? "failed"}` : "");
      const i = all.findIndex((l) => l.runId === event.runId && l.role === "assistant");
      const line: Line = { role: "assistant", runId: event.runId, state: event.state, text: text || (i >= 0 ? all[i].text : "") };
      return i >= 0 ? [...all.slice(0, i), line, ...all.slice(i + 1)] : [...all, line];
    });
    if (event.state !== "delta") setRunning((r) => (r === event.runId ? undefined : r));
  });
  const past: Line[] = (history.data?.messages ?? []).map((m) => ({ role: m.role, text: messageText(m) }));
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!draft.trim()) return;
    const message = draft;
    setDraft("");
    setLines((all) => [...all, { role: "user", text: message }]);
    const result = await send.run({ sessionKey, message, idempotencyKey: crypto.randomUUID() });
    if (result && (result.status === "accepted" || result.status === "running")) setRunning(result.runId);
  };
  return (
    <Card title="Chat" id="chat">
      <label>Session <input value={sessionKey} onChange={(e) => setSessionKey((e.target as HTMLInputElement).value)} /></label>
      <ErrorLine error={history.error ?? send.error ?? abort.error} />
      <ol class="transcript" data-testid="transcript">
        {[...past, ...lines].map((l, i) => (
          <li key={i} class={`msg ${l.role} ${l.state ?? ""}`}>
            <b>{l.role}</b> {l.text}
            {l.state === "delta" && <span class="muted"> …</span>}
            {l.state === "aborted" && <span class="muted"> (aborted)</span>}
          </li>
        ))}
      </ol>
      <form onSubmit={submit} class="composer">
        <textarea rows={2} value={draft} placeholder="Message" onInput={(e) => setDraft((e.target as HTMLTextAreaElement).value)} />
        <button type="submit" class="primary" disabled={send.busy}>Send</button>
        <button type="button" class="danger" disabled={!running} onClick={() => void abort.run({ sessionKey, runId: running })}>Abort</button>
      </form>
    </Card>
  );
}

export const Chat = () => (
  <Gated methods={METHODS}>
    <ChatRoom />
  </Gated>
);
