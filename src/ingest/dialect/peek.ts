/**
 * Looking at the first bytes of a stream without consuming them: the dialect (compression, encoding,
 * delimiter) is sniffed from a bounded prefix, then the whole stream, prefix included, is parsed. This is the
 * only place that holds raw bytes of a file in memory, and never more than the prefix.
 */
import { Readable } from "node:stream";

/** 64 KiB: enough header rows and sample records to sniff, small next to any export worth streaming. */
export const PREFIX_BYTES = 64 * 1024;

export interface Peeked {
  /** At most about `bytes` bytes from the start (fewer if the stream is shorter). */
  readonly prefix: Buffer;
  /** The whole stream again, prefix first. */
  readonly stream: Readable;
}

function toBuffer(chunk: unknown): Buffer {
  if (Buffer.isBuffer(chunk)) return chunk;
  if (chunk instanceof Uint8Array) return Buffer.from(chunk);
  return Buffer.from(String(chunk));
}

export async function peek(source: Readable, bytes = PREFIX_BYTES): Promise<Peeked> {
  const iterator: AsyncIterator<unknown> = source[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let size = 0;
  let ended = false;
  while (size < bytes) {
    const next = await iterator.next();
    if (next.done === true) {
      ended = true;
      break;
    }
    const chunk = toBuffer(next.value);
    chunks.push(chunk);
    size += chunk.length;
  }
  const prefix = Buffer.concat(chunks);
  async function* replay(): AsyncGenerator<Buffer> {
    if (prefix.length > 0) yield prefix;
    if (ended) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done === true) return;
      yield toBuffer(next.value);
    }
  }
  const stream = Readable.from(replay(), { objectMode: false });
  // Closing the replayed stream early (an error further down) must release the file behind it.
  stream.once("close", () => source.destroy());
  return { prefix, stream };
}
