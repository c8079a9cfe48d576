/**
 * A page's (or a card's) body, or — when the registry marks one of its methods `unavailable` — that
 * reason, plainly; or — when this connection's scopes do not cover a method's scope — which scope it needs.
 */
import type { ComponentChildren } from "preact";
import type { MethodName } from "../../../generated/ts/types.js";
import { useConnection } from "../hooks.js";
import { missingScope, unavailableReason } from "../registry.js";

export function Gated({ methods, children }: { methods: readonly MethodName[]; children: ComponentChildren }) {
  const { hello } = useConnection();
  const missing = unavailableReason(methods);
  const unscoped = !missing && hello?.auth ? missingScope(methods, hello.auth.scopes) : undefined;
  if (unscoped) {
    return (
      <div class="unavailable" data-testid="forbidden">
        <h2>Needs the {unscoped.scope} scope</h2>
        <p>
          This connection holds <code>{hello?.auth?.scopes.join(" ") || "no scopes"}</code>; <code>{unscoped.method}</code> needs <code>{unscoped.scope}</code> (or <code>operator.admin</code>).
          Approve this device again with that scope to use it here.
        </p>
      </div>
    );
  }
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
