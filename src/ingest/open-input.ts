/** Opening an input: a file path, or stdin for `-`. Missing files and directories are InputErrors. */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import { InputError } from "../errors.js";

export function displayName(path: string): string {
  return path === "-" ? "<stdin>" : path;
}

export async function openInput(path: string, stdin: Readable): Promise<Readable> {
  if (path === "-") return stdin;
  let info;
  try {
    info = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new InputError("file not found", { file: path }, "check the path");
    if (code === "EACCES") throw new InputError("permission denied", { file: path });
    throw new InputError(`cannot open (${code ?? "unknown error"})`, { file: path });
  }
  if (info.isDirectory()) throw new InputError("is a directory, not a CSV file", { file: path }, "name the export file inside it");
  return createReadStream(path);
}
