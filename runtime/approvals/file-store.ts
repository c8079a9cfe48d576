/**
 * The gateway's exec approvals file, `<state>/exec-approvals.json` (mode 0600):
 * read with its hash, replaced only with the hash the writer read
 * (`baseHash`, compare-and-set like config), written atomically.
 */
import { readFileSync } from "node:fs";
import { approvalsText, baseHashProblem, checkApprovals, EMPTY_APPROVALS, hashApprovalsText, keepSocketToken, parseApprovals, redactedSnapshot } from "../../common/exec-approvals.js";
import type { ExecApprovalsFile, ExecApprovalsSnapshot } from "../../generated/ts/types.js";
import { GatewayError } from "../errors.js";
import { writeFileAtomic } from "../state/atomic-file.js";

export class ApprovalsFileStore {
  constructor(readonly path: string) {}

  private readText(): string | undefined {
    try {
      return readFileSync(this.path, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
      throw error;
    }
  }

  /** The file as stored (unredacted) with its hash. */
  read(): { text: string | undefined; file: ExecApprovalsFile; hash: string } {
    const text = this.readText();
    const file = text === undefined ? EMPTY_APPROVALS : parseApprovals(text, this.path);
    return { text, file, hash: hashApprovalsText(text) };
  }

  /** What `exec.approvals.get` answers. */
  snapshot(): ExecApprovalsSnapshot {
    const { text, file } = this.read();
    return redactedSnapshot(this.path, text, file);
  }

  /** Replace the file; CONFLICT when `baseHash` is missing or stale. */
  set(next: ExecApprovalsFile, baseHash: string | undefined): ExecApprovalsSnapshot {
    const current = this.read();
    const problem = baseHashProblem({ exists: current.text !== undefined, hash: current.hash }, baseHash);
    if (problem) throw new GatewayError("CONFLICT", problem, { path: this.path });
    let checked: ExecApprovalsFile;
    try {
      checked = checkApprovals(keepSocketToken(next, current.file), "file");
    } catch (error) {
      throw new GatewayError("INVALID_PARAMS", (error as Error).message);
    }
    writeFileAtomic(this.path, approvalsText(checked), 0o600);
    return this.snapshot();
  }
}
