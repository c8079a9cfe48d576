/** Small shared pieces: a card, an error line, a JSON block, a relative time. */
import type { ComponentChildren } from "preact";

export function Card({ title, children, id }: { title: string; children: ComponentChildren; id?: string }) {
  return (
    <section class="card" id={id}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

export function ErrorLine({ error }: { error?: Error & { detailCode?: string } }) {
  if (!error) return null;
  const served = error.detailCode !== "NOT_IMPLEMENTED";
  return (
    <p class={served ? "error" : "unavailable"} role="alert">
      {served ? "Error: " : "Not served by this gateway: "}
      {error.message}
    </p>
  );
}

export const Json = ({ value }: { value: unknown }) => <pre class="json">{JSON.stringify(value, null, 2)}</pre>;

export function ago(ms?: number | null): string {
  if (!ms) return "—";
  const s = Math.max(0, Math.round((Date.now() - ms) / 1000));
  if (s < 60) return `${s}s ago`;
  if (s < 3600) return `${Math.round(s / 60)}m ago`;
  return `${Math.round(s / 3600)}h ago`;
}

export const short = (id?: string) => (id ? id.slice(0, 12) : "—");
