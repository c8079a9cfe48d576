/** Chat: history of one session, send a message, watch the reply stream in (`chat` events), abort it. */
import { useEffect, useState } from "preact/hooks";
import { applyChatEvent, type ChatLine, messageText } from "../chat-stream.js";
import { Gated } from "../components/gated.js";
import { Card, ErrorLine } from "../components/ui.js";
import { useAction, useCall, useConnection, useEvent } from "../hooks.js";

const METHODS = ["chat.send", "chat.history", "chat.abort"] as const;
/** `chat.send` statuses of a run that already ended; any other (started, in flight, accepted, …) means it streams. */
const SETTLED = new Set<string>(["ok", "error", "timeout", "aborted"]);

function ChatRoom() {
  const { hello } = useConnection();
  const [sessionKey, setSessionKey] = useState(hello?.snapshot.sessionDefaults?.mainSessionKey ?? "agent:main:main");
  const history = useCall("chat.history", { sessionKey, limit: 50 }, sessionKey);
  const send = useAction("chat.send");
  const abort = useAction("chat.abort");
  const [lines, setLines] = useState<ChatLine[]>([]);
  const [draft, setDraft] = useState("");
  const [running, setRunning] = useState<string>();
  useEffect(() => setLines([]), [sessionKey]);
  useEvent("chat", (event) => {
    if (event.sessionKey !== sessionKey) return;
    setLines((all) => applyChatEvent(all, event));
    if (event.state !== "delta") setRunning((r) => (r === event.runId ? undefined : r));
  });
  const past: ChatLine[] = (history.data?.messages ?? []).map((m) => ({ role: m.role, text: messageText(m) }));
  const submit = async (e: Event) => {
    e.preventDefault();
    if (!draft.trim()) return;
    const message = draft;
    setDraft("");
    setLines((all) => [...all, { role: "user", text: message }]);
    const result = await send.run({ sessionKey, message, idempotencyKey: crypto.randomUUID() });
    if (result?.runId && result.status && !SETTLED.has(result.status)) setRunning(result.runId);
  };
  return (
    <Card title="Chat" id="chat">
      <label>
        Session <input value={sessionKey} onChange={(e) => setSessionKey((e.target as HTMLInputElement).value)} />
      </label>
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
        <button type="submit" class="primary" disabled={send.busy}>
          Send
        </button>
        <button type="button" class="danger" disabled={!running} onClick={() => void abort.run({ sessionKey, runId: running })}>
          Abort
        </button>
      </form>
    </Card>
  );
}

export const Chat = () => (
  <Gated methods={METHODS}>
    <ChatRoom />
  </Gated>
);
