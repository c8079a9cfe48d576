/** `wizard.*`: the onboarding wizard, one step per call (runtime/wizard/). */
import type { GatewayServices } from "../services.js";
import type { Handlers } from "./context.js";

type WizardMethod = "wizard.start" | "wizard.next" | "wizard.cancel" | "wizard.status";

export function wizardHandlers(s: Pick<GatewayServices, "wizard">): Handlers<WizardMethod> {
  const { wizard } = s;
  return {
    "wizard.start": ({ mode }) => wizard.start(mode),
    "wizard.next": ({ sessionId, answer }) => wizard.next(sessionId, answer),
    "wizard.cancel": ({ sessionId }) => wizard.cancel(sessionId),
    "wizard.status": ({ sessionId }) => wizard.status(sessionId),
  };
}
