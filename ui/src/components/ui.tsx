/** Small shared pieces: a card, an error line, a JSON block, a table, an action button, relative times. */
import type { ComponentChildren } from "preact";

export function Card({ title, children, id }: { title: string; children: ComponentChildren; id?: string }) {
  return (
    <section class="card" id={id}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

/** An error as the gateway said it: `details.code` (when it sent one) and its message, never swallowed. */
export function ErrorLine({ error }: { error?: Error & { detailCode?: string } }) {
  if (!error) return null;
  const served = error.detailCode !== "NOT_IMPLEMENTED";
  return (
    <p class={served ? "error" : "unavailable"} role="alert">
      {served ? "Error: " : "Not served by this gateway: "}
      {served && error.detailCode ? <code>{error.detailCode}</code> : null}
      {served && error.detailCode ? " " : null}
      {error.message}
    </p>
  );
}

export const Json = ({ value }: { value: unknown }) => <pre class="json">{JSON.stringify(value, null, 2)}</pre>;

/** One column of a `Table`: its heading and what a row shows in it. */
export interface Column<T> {
  title: string;
  cell(row: T): ComponentChildren;
  /** `actions` for a column of buttons. */
  class?: string;
}

/** A table of `rows`, or the `empty` line when there are none (then no table at all). */
export function Table<T>({
  columns,
  rows,
  rowKey,
  empty,
  rowClass,
}: {
  columns: Column<T>[];
  rows: readonly T[];
  rowKey(row: T, index: number): string;
  empty?: ComponentChildren;
  rowClass?(row: T): string;
}) {
  if (rows.length === 0 && empty) return <p class="muted">{empty}</p>;
  return (
    <table>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={i}>{c.title}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, index) => (
          <tr key={rowKey(row, index)} class={rowClass?.(row) ?? ""}>
            {columns.map((c, i) => (
              <td key={i} class={c.class}>
                {c.cell(row)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A button that runs `run` — after the operator confirms `confirm`, when given. */
export function ActionButton({ label, run, confirm: question, kind, disabled }: { label: string; run(): unknown; confirm?: string; kind?: "primary" | "danger"; disabled?: boolean }) {
  return (
    <button
      type="button"
      class={kind}
      disabled={disabled}
      onClick={() => {
        if (question && !confirm(question)) return;
        void run();
      }}
    >
      {label}
    </button>
  );
}

export function ago(ms?: number | null): string {
  if (!ms) return "—";
  const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.round(s / 60)}m ago`;
  return `${Math.round(s / 3600)}h ago`;
}

/** Time left until `ms`: `in 42 s`, `in 59 min`, `expired`. */
export function until(ms?: number | null): string {
  if (!ms) return "—";
  const s = Math.round((ms - Date.now()) / 1000);
  if (s <= 0) return "expired";
  if (s < 120) return `in ${s} s`;
  if (s < 7200) return `in ${Math.round(s / 60)} min`;
  return `in ${Math.round(s / 3600)} h`;
}

export const short = (id?: string) => (id ? id.slice(0, 12) : "—");
