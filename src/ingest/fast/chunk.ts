/**
 * A byte range of a file, read by the byte-level reader: shared by the worker threads and the thread that
 * re-reads a chunk in order (parallel.ts).
 */
import { readSync } from "node:fs";
import type { RecordSink, RecordStream } from "./record-stream.js";

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/**
 * Feeds `stream` the bytes from its offset (a record boundary; bytes it held are dropped) on, until a record starts at or
 * after `stopAt` or the file ends. `block` is reused between reads.
 */
export function readRange(fd: number, size: number, stream: RecordStream, stopAt: number, sink: RecordSink, block: Buffer, onRead?: (position: number) => void): void {
  stream.dropHeld();
  let position = stream.offset;
  let buffer = block;
  for (;;) {
    if (position >= size) {
      stream.push(null, sink, stopAt);
      return;
    }
    // The record cut by the last block goes first, then the file's next bytes after it (at least as many).
    const held = stream.held.length;
    buffer = stream.heldFirst(buffer, held);
    const read = readSync(fd, buffer, held, Math.min(buffer.length - held, size - position), position);
    position += read;
    onRead?.(position);
    if (stream.push(buffer.subarray(0, held + read), sink, stopAt, true)) return;
  }
}

/** Quote bytes in `start..end`: their parity says whether `end` lies inside a quoted field. */
export function countQuotes(fd: number, start: number, end: number, block: Buffer): number {
  let quotes = 0;
  for (let position = start; position < end; ) {
    const read = readSync(fd, block, 0, Math.min(block.length, end - position), position);
    const bytes = block.subarray(0, read);
    for (let at = bytes.indexOf(QUOTE); at !== -1; at = bytes.indexOf(QUOTE, at + 1)) quotes += 1;
    position += read;
  }
  return quotes;
}

/**
 * The first record boundary at or after `from`, given that `from` lies inside quotes when `insideQuotes`:
 * just after the first line feed outside quotes (after a CRLF when that ends the records). Sound for
 * well-formed quoting; parallel.ts checks it against where the previous chunk actually ended.
 */
export function findBoundary(fd: number, size: number, from: number, insideQuotes: boolean, crlf: boolean, block: Buffer): number {
  let inside = insideQuotes;
  let previous = -1;
  // The two bytes before `from` are read too: a record may start exactly at `from`, after a CRLF. They are
  // not quotes when it matters (a line break), so the parity given for `from` holds for them.
  for (let position = Math.max(0, from - 2); position < size; ) {
    const read = readSync(fd, block, 0, Math.min(block.length, size - position), position);
    for (let at = 0; at < read; at += 1) {
      const byte = block[at] as number;
      const offset = position + at;
      if (byte === QUOTE && offset >= from) inside = !inside;
      else if (byte === LF && !inside && (!crlf || previous === CR) && offset + 1 >= from) return offset + 1;
      previous = byte;
    }
    position += read;
  }
  return size;
}
