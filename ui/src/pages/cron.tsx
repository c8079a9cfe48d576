/** Cron: scheduler status, jobs, run one now, remove one. */
import { Gated } from "../components/gated.js";
import { ago, Card, ErrorLine } from "../components/ui.js";
import { useAction, useCall, useEvent } from "../hooks.js";

const METHODS = ["cron.list", "cron.status", "cron.run", "cron.remove"] as const;

/** A schedule in one line: `cron 0 8 * * * (Europe/Berlin)`, `every 60 s`, `at <date>`, else its JSON. */
function scheduleText(schedule: unknown): string {
  const s = (schedule ?? {}) as { expr?: string; tz?: string; everyMs?: number; atMs?: number; at?: string };
  if (s.expr) return `cron ${s.expr}${s.tz ? ` (${s.tz})` : ""}`;
  if (typeof s.everyMs === "number") return `every ${s.everyMs / 1000} s`;
  if (s.atMs ?? s.at) return `at ${new Date(s.atMs ?? s.at!).toLocaleString()}`;
  return JSON.stringify(schedule);
}

function CronJobs() {
  const status = useCall("cron.status", {});
  const list = useCall("cron.list", { includeDisabled: true });
  const run = useAction("cron.run");
  const remove = useAction("cron.remove");
  useEvent("cron", list.reload);
  const jobs = list.data?.jobs ?? [];
  return (
    <div class="grid">
      <Card title="Scheduler" id="cron-status">
        <ErrorLine error={status.error} />
        {status.data && (
          <p>
            {status.data.enabled ? "enabled" : "disabled"}, {status.data.jobs} jobs, next wake {status.data.nextWakeAtMs ? new Date(status.data.nextWakeAtMs).toLocaleString() : "—"}
          </p>
        )}
      </Card>
      <Card title={`Jobs (${list.data?.total ?? 0})`} id="cron-jobs">
        <ErrorLine error={list.error ?? run.error ?? remove.error} />
        <table>
          <thead>
            <tr>
              <th>Name</th>
              <th>Schedule</th>
              <th>Enabled</th>
              <th>Last run</th>
              <th>Next</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {jobs.map((j) => (
              <tr key={j.id}>
                <td>{j.name}</td>
                <td>
                  <code>{scheduleText(j.schedule)}</code>
                </td>
                <td>{j.enabled ? "yes" : "no"}</td>
                <td>
                  {ago(j.state.lastRunAtMs)} {j.state.lastStatus ?? ""}
                </td>
                <td>{j.state.nextRunAtMs ? new Date(j.state.nextRunAtMs).toLocaleString() : "—"}</td>
                <td class="actions">
                  <button type="button" onClick={() => void run.run({ id: j.id }).then(list.reload)}>
                    Run now
                  </button>
                  <button type="button" class="danger" onClick={() => void remove.run({ id: j.id }).then(list.reload)}>
                    Remove
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </Card>
    </div>
  );
}

export const Cron = () => (
  <Gated methods={METHODS}>
    <CronJobs />
  </Gated>
);
