/** The shell: the connection panel until connected, then the navigation and the current page (hash routes). */

import type { FunctionComponent } from "preact";
import { useEffect, useState } from "preact/hooks";
import { short } from "./components/ui.js";
import { connection } from "./connection.js";
import { useConnection } from "./hooks.js";
import { Approvals } from "./pages/approvals.js";
import { Channels } from "./pages/channels.js";
import { Chat } from "./pages/chat.js";
import { Config } from "./pages/config.js";
import { Cron } from "./pages/cron.js";
import { Devices } from "./pages/devices.js";
import { Logs } from "./pages/logs.js";
import { Nodes } from "./pages/nodes.js";
import { Overview } from "./pages/overview.js";
import { Sessions } from "./pages/sessions.js";
import { Usage } from "./pages/usage.js";

export const PAGES: { id: string; title: string; page: FunctionComponent }[] = [
  { id: "overview", title: "Overview", page: Overview },
  { id: "nodes", title: "Nodes", page: Nodes },
  { id: "devices", title: "Devices", page: Devices },
  { id: "sessions", title: "Sessions", page: Sessions },
  { id: "chat", title: "Chat", page: Chat },
  { id: "channels", title: "Channels", page: Channels },
  { id: "cron", title: "Cron", page: Cron },
  { id: "usage", title: "Usage", page: Usage },
  { id: "config", title: "Config", page: Config },
  { id: "logs", title: "Logs", page: Logs },
  { id: "approvals", title: "Exec approvals", page: Approvals },
];

const currentPage = () => location.hash.replace(/^#\/?/, "") || "overview";

function useHashRoute(): string {
  const [page, setPage] = useState(currentPage());
  useEffect(() => {
    const onHash = () => setPage(currentPage());
    addEventListener("hashchange", onHash);
    return () => removeEventListener("hashchange", onHash);
  }, []);
  return page;
}

function ConnectPanel() {
  const { status, error, requestId, deviceId, url } = useConnection();
  const [token, setToken] = useState("");
  const [kind, setKind] = useState<"token" | "password">("token");
  if (status === "pairing") {
    return (
      <section class="card connect" data-testid="pairing">
        <h2>Waiting for approval</h2>
        <p>This browser is a new device and needs an operator's approval before it gets any access.</p>
        <p>
          Request <code data-testid="request-id">{requestId}</code>, device <code>{short(deviceId)}</code>.
        </p>
        <p>
          Approve it on the gateway host with <code>tidegate devices approve {requestId}</code>, or from another Control UI's Devices page. This page connects by itself once approved.
        </p>
        <button type="button" onClick={() => void connection.disconnect()}>
          Cancel
        </button>
      </section>
    );
  }
  return (
    <form
      class="card connect"
      onSubmit={(e) => {
        e.preventDefault();
        const secret = token;
        setToken("");
        void connection.connect(secret, kind);
      }}
    >
      <h2>Connect to {url}</h2>
      <label>
        The gateway's shared secret
        <select name="kind" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value as "token" | "password")}>
          <option value="token">token</option>
          <option value="password">password</option>
        </select>
      </label>
      <label>
        Secret (empty: use this browser's device token)
        <input type="password" name="token" autocomplete="off" value={token} onInput={(e) => setToken((e.target as HTMLInputElement).value)} />
      </label>
      <p class="muted">
        Kept in this tab's memory only, never stored and never put in a URL. Once this browser is approved it connects with its own device token (its key stays in this browser, non-extractable).
      </p>
      <button type="submit" class="primary" disabled={status === "connecting"}>
        {status === "connecting" ? "Connecting…" : "Connect"}
      </button>
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}

export function App() {
  const state = useConnection();
  const route = useHashRoute();
  useEffect(() => void connection.resume(), []);
  const online = state.status === "connected" || (state.status === "disconnected" && state.client);
  const Page = PAGES.find((p) => p.id === route)?.page ?? Overview;
  return (
    <>
      <header>
        <h1>tidegate</h1>
        <span class={`pill status-${state.status}`} data-testid="status">
          {state.status}
        </span>
        {state.hello && (
          <span class="muted">
            v{state.hello.server.version} · {state.hello.auth?.scopes.join(" ") ?? ""}
          </span>
        )}
        <span class="spacer" />
        {state.deviceId && (
          <span class="muted">
            device <code>{short(state.deviceId)}</code>
          </span>
        )}
        {online && (
          <button type="button" onClick={() => void connection.disconnect()}>
            Disconnect
          </button>
        )}
        {!online && state.deviceId && (
          <button type="button" onClick={() => void connection.forgetDevice()}>
            Forget this device
          </button>
        )}
      </header>
      {online ? (
        <div class="layout">
          <nav>
            {PAGES.map((p) => (
              <a key={p.id} href={`#/${p.id}`} class={p.id === route ? "active" : ""}>
                {p.title}
              </a>
            ))}
          </nav>
          <main data-page={route}>
            {state.status === "disconnected" && <p class="error">{state.error}</p>}
            <Page />
          </main>
        </div>
      ) : (
        <main>
          <ConnectPanel />
        </main>
      )}
    </>
  );
}
