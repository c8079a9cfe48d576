/** What `logs.tail` reads: the gateway's log directory. */
import { join } from "node:path";
import { CURRENT } from "./log-files.js";
import { type TailOptions, type TailResult, tailLogs } from "./tail.js";

export class LogService {
  constructor(readonly dir: string) {}

  get file(): string {
    return join(this.dir, CURRENT);
  }

  tail(options: TailOptions = {}): TailResult {
    return tailLogs(this.dir, options);
  }
}
