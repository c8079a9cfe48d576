/** A page's body, or — when the registry marks one of its methods `unavailable` — that reason, plainly. */
import type { ComponentChildren } from "preact";
import type { MethodName } from "../../../generated/ts/types.js";
import { unavailableReason } from "../registry.js";

export function Gated({ methods, children }: { methods: readonly MethodName[]; children: ComponentChildren }) {
  const missing = unavailableReason(methods);
  if (!missing) return <>{children}</>;
  return (
    <div class="unavailable" data-testid="unavailable">
      <h2>Not available on this gateway yet</h2>
      <p>{missing.reason}</p>
      <p class="muted">
        Methods this page uses:{" "}
        {methods.map((m) => (
          <code key={m}>{m}</code>
        ))}{" "}
        — <code>{missing.method}</code> answers <code>UNAVAILABLE</code> / <code>NOT_IMPLEMENTED</code>.
      </p>
    </div>
  );
}
