/** Test support: run the `tidegate` CLI as a whole process. */
import { spawn } from "node:child_process";
import { TIDEGATE_BIN } from "./gateway-process.js";

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function tidegate(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [TIDEGATE_BIN, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
