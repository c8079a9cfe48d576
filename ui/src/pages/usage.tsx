/** Usage: token use and cost per day (`usage.cost`) and the sessions that used the most (`sessions.usage`). */
import { useState } from "preact/hooks";
import type { UsageTotals } from "../../../generated/ts/types.js";
import { Gated } from "../components/gated.js";
import { ago, Card, type Column, ErrorLine, Table } from "../components/ui.js";
import { useCall } from "../hooks.js";

const METHODS = ["usage.cost", "sessions.usage"] as const;
const TOP_SESSIONS = 10;
const RANGES = [7, 30, 90];

type Day = Partial<UsageTotals> & { date: string };
type SessionUsage = { key: string; label?: string; agentId?: string; channel?: string; usage?: Partial<UsageTotals> };

const tokens = (n?: number) => (n ?? 0).toLocaleString();
const usd = (n?: number) => `$${(n ?? 0).toFixed(4)}`;

function Totals({ totals }: { totals?: UsageTotals }) {
  if (!totals) return null;
  return (
    <p data-testid="usage-totals">
      <strong>{tokens(totals.totalTokens)}</strong> tokens ({tokens(totals.input)} in, {tokens(totals.output)} out, {tokens(totals.cacheRead)} cache read), <strong>{usd(totals.totalCost)}</strong>
      {totals.missingCostEntries ? <span class="muted"> · {totals.missingCostEntries} entries without a known price</span> : null}
    </p>
  );
}

const DAY_COLUMNS: Column<Day>[] = [
  { title: "Day", cell: (d) => d.date },
  { title: "Input", cell: (d) => tokens(d.input) },
  { title: "Output", cell: (d) => tokens(d.output) },
  { title: "Total tokens", cell: (d) => tokens(d.totalTokens) },
  { title: "Cost", cell: (d) => usd(d.totalCost) },
];

const SESSION_COLUMNS: Column<SessionUsage>[] = [
  {
    title: "Session",
    cell: (s) => (
      <>
        <code>{s.key}</code> {s.label ?? ""}
      </>
    ),
  },
  { title: "Agent", cell: (s) => s.agentId ?? "—" },
  { title: "Channel", cell: (s) => s.channel ?? "—" },
  { title: "Tokens", cell: (s) => tokens(s.usage?.totalTokens) },
  { title: "Cost", cell: (s) => usd(s.usage?.totalCost) },
];

function UsageView() {
  const [days, setDays] = useState(30);
  const cost = useCall("usage.cost", { days }, String(days));
  const sessions = useCall("sessions.usage", {}, "");
  const daily = [...((cost.data?.daily ?? []) as Day[])].reverse();
  const top = [...((sessions.data?.sessions ?? []) as SessionUsage[])]
    .sort((a, b) => (b.usage?.totalCost ?? 0) - (a.usage?.totalCost ?? 0) || (b.usage?.totalTokens ?? 0) - (a.usage?.totalTokens ?? 0))
    .slice(0, TOP_SESSIONS);
  return (
    <div class="grid">
      <Card title="Cost per day" id="usage-cost">
        <ErrorLine error={cost.error} />
        <label class="inline">
          Last
          <select value={String(days)} onChange={(e) => setDays(Number((e.target as HTMLSelectElement).value))}>
            {RANGES.map((d) => (
              <option key={d} value={String(d)}>
                {d} days
              </option>
            ))}
          </select>
        </label>{" "}
        <span class="muted">computed {ago(cost.data?.updatedAt)}</span>
        <Totals totals={cost.data?.totals} />
        <Table columns={DAY_COLUMNS} rows={daily} rowKey={(d) => d.date} empty="No model use in this range." />
      </Card>
      <Card title={`Top sessions (${top.length})`} id="usage-sessions">
        <ErrorLine error={sessions.error} />
        {sessions.data && (
          <p class="muted">
            {sessions.data.startDate} – {sessions.data.endDate}
          </p>
        )}
        <Table columns={SESSION_COLUMNS} rows={top} rowKey={(s) => s.key} empty="No session used a model in this range." />
      </Card>
    </div>
  );
}

export const Usage = () => (
  <Gated methods={METHODS}>
    <UsageView />
  </Gated>
);
