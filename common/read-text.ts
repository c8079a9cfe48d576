/** A file's text, or `undefined` when it does not exist (any other error is thrown): the state files' first read. */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";

const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === "ENOENT";

export function readTextIfExists(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch (error) {
    if (missing(error)) return undefined;
    throw error;
  }
}

export async function readTextIfExistsAsync(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    if (missing(error)) return undefined;
    throw error;
  }
}
