/**
 * In-process restarts: a gateway that rebuilds itself through the composition
 * root when a config change needs a restart (`gateway.reload.mode`).
 */
import { type RunningGateway, type StartOptions, startGateway } from "./start.js";

export interface SupervisedGateway {
  /** The gateway running now (a new one after each in-process restart). */
  readonly current: RunningGateway;
  /** In-process restarts so far. */
  readonly restarts: number;
  stop(reason: string): Promise<void>;
}

/** Grace the clients get between the 1012 close and the new listener. */
const RESTART_EXPECTED_MS = 1500;

/**
 * A gateway that restarts in-process when a config change needs it: the old
 * one broadcasts `shutdown`, closes every socket with 1012 and releases the
 * port; a new one is built from the config file and binds again. Everything
 * acknowledged is already on disk (stores flush before the close).
 */
export async function superviseGateway(options: StartOptions): Promise<SupervisedGateway> {
  let current: RunningGateway;
  let restarts = 0;
  let timer: NodeJS.Timeout | undefined;
  let dueAt = 0;
  let running: Promise<void> | undefined;
  let stopped = false;
  const restart = async (reason: string) => {
    timer = undefined;
    const previous = current.services.config.current;
    options.log.info(`restarting in-process (${reason})`);
    await current.stop("restart", RESTART_EXPECTED_MS);
    if (stopped) return;
    try {
      current = await startGateway(supervised);
    } catch (error) {
      options.log.error(`restart failed: ${(error as Error).message}; starting again with the previous config`);
      current = await startGateway({ ...supervised, config: previous });
    }
    restarts++;
    options.log.info(`tidegate gateway restarted, listening on ${current.url}`, { restarts });
  };
  const supervised: StartOptions = {
    ...options,
    onRestartRequested: (reason, delayMs) => {
      if (stopped) return undefined;
      const now = Date.now();
      if (timer || running) return { coalesced: true, delayMs: Math.max(0, dueAt - now) };
      // Leave time for the response to the call that asked for it to leave first.
      const delay = Math.max(50, delayMs);
      dueAt = now + delay;
      timer = setTimeout(() => {
        running = restart(reason).finally(() => (running = undefined));
      }, delay);
      return { coalesced: false, delayMs: delay };
    },
  };
  current = await startGateway(supervised);
  return {
    get current() {
      return current;
    },
    get restarts() {
      return restarts;
    },
    stop: async (reason) => {
      stopped = true;
      clearTimeout(timer);
      await running;
      await current.stop(reason);
    },
  };
}
