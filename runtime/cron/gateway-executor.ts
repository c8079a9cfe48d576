/**
 * The executor the gateway runs jobs with today: `webhook` POSTs for real;
 * `systemEvent` and `agentTurn` need the sessions and agents services, which
 * this gateway does not run yet, so such runs are recorded as errors saying so
 * (never a fake success). Plug those services in here when they land.
 */
import type { CronExecutor } from "./executor.js";
import { postWebhook } from "./webhook.js";

export class PayloadUnavailableError extends Error {}

export function gatewayExecutor(): CronExecutor {
  return {
    systemEvent: async () => {
      throw new PayloadUnavailableError("systemEvent payloads need the sessions service, which this gateway does not run yet");
    },
    agentTurn: async () => {
      throw new PayloadUnavailableError("agentTurn payloads need the agents service, which this gateway does not run yet");
    },
    webhook: postWebhook,
  };
}
