/** Cron: scheduler status, jobs, run one now, remove one. */

import type { CronJob } from "../../../generated/ts/types.js";
import { Gated } from "../components/gated.js";
import { ActionButton, ago, Card, type Column, ErrorLine, Table } from "../components/ui.js";
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
  const columns: Column<CronJob>[] = [
    { title: "Name", cell: (j) => j.name },
    { title: "Schedule", cell: (j) => <code>{scheduleText(j.schedule)}</code> },
    { title: "Enabled", cell: (j) => (j.enabled ? "yes" : "no") },
    { title: "Last run", cell: (j) => `${ago(j.state.lastRunAtMs)} ${j.state.lastStatus ?? ""}` },
    { title: "Next", cell: (j) => (j.state.nextRunAtMs ? new Date(j.state.nextRunAtMs).toLocaleString() : "—") },
    {
      title: "",
      class: "actions",
      cell: (j) => (
        <>
          <ActionButton label="Run now" run={() => run.run({ id: j.id }).then(list.reload)} />
          <ActionButton label="Remove" kind="danger" confirm={`Remove the cron job "${j.name}"?`} run={() => remove.run({ id: j.id }).then(list.reload)} />
        </>
      ),
    },
  ];
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
        <Table columns={columns} rows={jobs} rowKey={(j) => j.id} />
      </Card>
    </div>
  );
}

export const Cron = () => (
  <Gated methods={METHODS}>
    <CronJobs />
  </Gated>
);
