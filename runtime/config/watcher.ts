/**
 * Watch the config file (its directory, so editors that replace the file by
 * rename are seen too) and reload after `debounceMs` of quiet.
 */
import { type FSWatcher, watch } from "node:fs";
import { basename, dirname } from "node:path";
import type { Logger } from "../log.js";

export interface ConfigWatcherOptions {
  path: string;
  debounceMs: () => number;
  reload: () => Promise<unknown>;
  log?: Pick<Logger, "warn">;
}

export class ConfigWatcher {
  private watcher?: FSWatcher;
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private again = false;

  constructor(private readonly options: ConfigWatcherOptions) {}

  start(): void {
    const name = basename(this.options.path);
    try {
      this.watcher = watch(dirname(this.options.path), { persistent: false }, (_event, file) => {
        if (file === null || file === name) this.schedule();
      });
      this.watcher.on("error", (error) => this.options.log?.warn(`config watcher stopped: ${error.message}`, { file: this.options.path }));
    } catch (error) {
      this.options.log?.warn(`cannot watch the config file: ${(error as Error).message}; hot reload is off`, { file: this.options.path });
    }
  }

  /** Reload after the debounce; a change during a reload reloads once more afterwards. */
  schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.fire(), Math.max(0, this.options.debounceMs()));
    this.timer.unref?.();
  }

  private async fire(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.options.reload().catch((error) => this.options.log?.warn(`config reload failed: ${(error as Error).message}`, { file: this.options.path }));
    await this.running;
    this.running = undefined;
    if (this.again) {
      this.again = false;
      this.schedule();
    }
  }

  stop(): void {
    clearTimeout(this.timer);
    this.watcher?.close();
    this.watcher = undefined;
  }
}
