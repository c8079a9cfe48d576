/** Logs: follow the gateway log (`logs.tail` with a cursor, polled), bounded in the page. */
import { useEffect, useRef, useState } from "preact/hooks";
import { Gated } from "../components/gated.js";
import { Card, ErrorLine } from "../components/ui.js";
import { useConnection } from "../hooks.js";
import { formatLogLine } from "../log-line.js";

const METHODS = ["logs.tail"] as const;
const KEEP_LINES = 2000;
const POLL_MS = 2000;

function LogFollower() {
  const { client, status } = useConnection();
  const [lines, setLines] = useState<string[]>([]);
  const [error, setError] = useState<Error>();
  const [following, setFollowing] = useState(true);
  const cursor = useRef<number | undefined>(undefined);
  useEffect(() => {
    if (!client || status !== "connected" || !following) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const r = await client.call("logs.tail", { cursor: cursor.current, limit: 500 });
        if (!live) return;
        cursor.current = r.cursor;
        setError(undefined);
        setLines((all) => (r.reset ? [] : all).concat(r.lines.map(formatLogLine)).slice(-KEEP_LINES));
      } catch (e) {
        if (live) setError(e as Error);
      }
      if (live) timer = setTimeout(poll, POLL_MS);
    };
    void poll();
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, status, following]);
  return (
    <Card title="Gateway log" id="logs">
      <ErrorLine error={error} />
      <button type="button" onClick={() => setFollowing(!following)}>
        {following ? "Pause" : "Follow"}
      </button>
      <button type="button" onClick={() => setLines([])}>
        Clear
      </button>
      <pre class="log">{lines.join("\n")}</pre>
    </Card>
  );
}

export const Logs = () => (
  <Gated methods={METHODS}>
    <LogFollower />
  </Gated>
);
