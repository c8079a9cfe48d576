/**
 * `<state>/cron/jobs.json`: `{ "version": 1, "jobs": [...] }`, written atomically
 * (temp file, fsync, rename, `.bak`). A file that does not parse or has another
 * version is never replaced: loading throws and the gateway says which file.
 */
import { join } from "node:path";
import type { CronJob } from "../../generated/ts/types.js";
import { readJsonFile, writeFileAtomic } from "../state/atomic-file.js";
import { JOB_ID } from "./run-log.js";

export interface CronStoreFile {
  version: 1;
  jobs: CronJob[];
}

export class CronStore {
  readonly path: string;

  constructor(readonly dir: string) {
    this.path = join(dir, "jobs.json");
  }

  load(): CronJob[] {
    const file = readJsonFile<CronStoreFile>(this.path);
    if (file === undefined) return [];
    if (file === null || typeof file !== "object" || file.version !== 1 || !Array.isArray(file.jobs)) {
      throw new Error(`${this.path}: expected { "version": 1, "jobs": [...] }; the file was left untouched`);
    }
    const bad = file.jobs.find((job) => typeof job?.id !== "string" || !JOB_ID.test(job.id));
    if (bad) throw new Error(`${this.path}: job id ${JSON.stringify(bad?.id)} is not valid (letters, digits, '_', '.', '-'); the file was left untouched`);
    return file.jobs;
  }

  save(jobs: readonly CronJob[]): void {
    const file: CronStoreFile = { version: 1, jobs: [...jobs] };
    writeFileAtomic(this.path, JSON.stringify(file, null, 2) + "\n");
  }
}
