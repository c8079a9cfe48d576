/**
 * The gateway's exec approvals file, `<state>/exec-approvals.json` (mode 0600):
 * read with its hash, replaced only with the hash the writer read
 * (`baseHash`, compare-and-set like config), written atomically. As in v3,
 * reading or writing it through the API first completes it (socket path
 * `<state>/exec-approvals.sock` and token, `defaults`, `agents`, entry ids);
 * a file that does not parse is left untouched.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { dirname, join } from "node:path";
import {
  approvalsText,
  baseHashProblem,
  checkApprovals,
  EMPTY_APPROVALS,
  hashApprovalsText,
  keepSocketToken,
  normalizedApprovals,
  parseApprovals,
  redactedSnapshot,
} from "../../common/exec-approvals.js";
import { readTextIfExists } from "../../common/read-text.js";
import type { ExecApprovalsFile, ExecApprovalsSnapshot } from "../../generated/ts/types.js";
import { GatewayError } from "../errors.js";
import { writeFileAtomic } from "../state/atomic-file.js";

export class ApprovalsFileStore {
  constructor(readonly path: string) {}

  /** The file as stored (unredacted) with its hash. */
  read(): { text: string | undefined; file: ExecApprovalsFile; hash: string } {
    const text = readTextIfExists(this.path);
    const file = text === undefined ? EMPTY_APPROVALS : parseApprovals(text, this.path);
    return { text, file, hash: hashApprovalsText(text) };
  }

  /** What `exec.approvals.get` answers (the file completed first, as v3 does). */
  snapshot(): ExecApprovalsSnapshot {
    this.ensure();
    const { text, file } = this.read();
    return redactedSnapshot(this.path, text, file);
  }

  /** The file as v3 keeps it, written when it differs from what is stored. */
  private normalized(file: ExecApprovalsFile): ExecApprovalsFile {
    return normalizedApprovals(file, { socketPath: join(dirname(this.path), "exec-approvals.sock"), token: () => randomBytes(24).toString("base64url"), newId: randomUUID });
  }

  private ensure(): void {
    const { text, file } = this.read();
    const next = approvalsText(this.normalized(file));
    if (next !== text) writeFileAtomic(this.path, next, 0o600);
  }

  /** Replace the file; CONFLICT when `baseHash` is missing or stale. */
  set(next: ExecApprovalsFile, baseHash: string | undefined): ExecApprovalsSnapshot {
    let checked: ExecApprovalsFile;
    try {
      checked = checkApprovals(next, "file");
    } catch (error) {
      throw new GatewayError("INVALID_PARAMS", (error as Error).message);
    }
    this.ensure();
    const current = this.read();
    const problem = baseHashProblem({ exists: current.text !== undefined, hash: current.hash }, baseHash);
    if (problem) throw new GatewayError("CONFLICT", problem, { path: this.path });
    writeFileAtomic(this.path, approvalsText(this.normalized(keepSocketToken(checked, current.file))), 0o600);
    return this.snapshot();
  }
}
