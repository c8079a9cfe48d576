/** Registry entries of the methods whose params live in `schema/wizard.ts`. */

import { method } from "../registry-spec.js";
import * as wiz from "../wizard.js";

export const wizardMethods = {
  "wizard.start": method({
    params: wiz.WizardStartParams,
    result: wiz.WizardStartResult,
    scope: "operator.admin",
    description: "Start the onboarding wizard.",
    example: { params: { mode: "local" }, result: { sessionId: "wz-1", done: false, step: { id: "s1", type: "note", title: "Welcome", executor: "client" }, status: "running" } },
  }),
  "wizard.next": method({
    params: wiz.WizardNextParams,
    result: wiz.WizardNextResult,
    scope: "operator.admin",
    description: "Answer the current wizard step and get the next one.",
    example: { params: { sessionId: "wz-1", answer: { stepId: "s1" } }, result: { done: true, status: "done" } },
  }),
  "wizard.cancel": method({
    params: wiz.WizardSessionParams,
    result: wiz.WizardStatusResult,
    scope: "operator.admin",
    description: "Cancel a wizard session.",
    example: { params: { sessionId: "wz-1" }, result: { status: "cancelled" } },
  }),
  "wizard.status": method({
    params: wiz.WizardSessionParams,
    result: wiz.WizardStatusResult,
    scope: "operator.admin",
    description: "State of a wizard session.",
    example: { params: { sessionId: "wz-1" }, result: { status: "running" } },
  }),
  // ── cron ────────────────────────────────────────────────────────────────────────
};
