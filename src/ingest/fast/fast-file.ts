/**
 * One export read by the byte-level reader: the head (header rows and the sample) as string records, the
 * rest counted from the bytes, in worker threads when the file is large (parallel.ts) or here.
 *
 * It reads a UTF-8 file named by path (BOM or not, gzip-compressed or not), at offsets and in worker threads
 * when large; and stdin, or a file in another encoding (UTF-16, Windows-1252, ...), as the UTF-8 bytes of the
 * source that sniffed it (read-records.ts: decoded there), in order on this thread, as a gzip file is read.
 * ingest.ts gives multi-byte delimiters to the general csv-parse reader. Invalid UTF-8 in a file sends it to
 * the general reader too, for its error message; for stdin, which cannot be read again, the line of the first
 * bad byte is found here.
 */
import { closeSync, createReadStream, fstatSync, openSync, readSync } from "node:fs";
import { Readable } from "node:stream";
import { createGunzip } from "node:zlib";
import { InputError } from "../../errors.js";
import { endsInsideCharacter, notUtf8 } from "../dialect/encoding.js";
import { corruptGzip, isZlibError } from "../dialect/gzip.js";
import { dropBytes, fitToHeader, openCsv, type CsvRecord, type CsvSource, type ReaderOptions } from "../read-records.js";
import type { PlatformName } from "../platforms/index.js";
import type { RowContext } from "../rows.js";
import { FastRowCounter } from "./fast-rows.js";
import { countInParallel, parallelPlan, readerThreads, type ParallelIo, type ParallelOptions } from "./parallel.js";
import type { KeptThreads } from "../kept-threads.js";
import { readRange } from "./chunk.js";
import { NotUtf8, RecordStream } from "./record-stream.js";
import { rowKernel } from "./row-kernel.js";
import { RecordScanner } from "./scanner.js";

export interface FileRows {
  /** The first `count` non-blank records (fewer if the file is shorter). */
  head(count: number): Promise<CsvRecord[]>;
  /** Counts every record after the head with `context` (whose layout was found from `headerCandidates`). */
  countRest(context: RowContext, headerCandidates: string[][]): Promise<void>;
  close(): void | Promise<void>;
}

export interface FastReadOptions extends ReaderOptions {
  /** Called as the file is read, with the bytes read so far and the file's size. */
  readonly onProgress?: ((bytesRead: number, totalBytes: number) => void) | undefined;
  readonly source?: PlatformName | undefined;
  /** Worker threads for large files (`false`: read on this thread); tests set small chunks. */
  readonly parallel?: ParallelOptions | false | undefined;
  /** Reader threads shared by the files of a run (readerThreads; none: this file starts and ends its own). */
  readonly threads?: KeptThreads | undefined;
}

const BLOCK_BYTES = 4 << 20;
const UTF8_BOM = [0xef, 0xbb, 0xbf];

export function canReadFast(csv: CsvSource): boolean {
  const { delimiter } = csv.dialect;
  return delimiter.length === 1 && delimiter.charCodeAt(0) < 0x80 && !'"\r\n\u0000'.includes(delimiter);
}

/** The length of Excel's `sep=X` line (LF or CRLF) at `at`, as dialect/delimiter.ts sniffs it; 0 if none. */
function sepLineLength(bytes: Buffer, at: number): number {
  if (bytes.toString("latin1", at, at + 4) !== "sep=") return 0;
  if (bytes[at + 5] === 0x0a) return 6;
  return bytes[at + 5] === 0x0d && bytes[at + 6] === 0x0a ? 7 : 0;
}

/** The general reader's error for a file the byte-level reader found not to be UTF-8. */
async function generalReaderError(path: string, options: ReaderOptions): Promise<InputError> {
  const csv = await openCsv(path, Readable.from([]), options);
  try {
    for await (const _ of csv.records()) continue;
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  return new InputError("unknown encoding: not UTF-8 text", { file: csv.file });
}

export class FastFileRows implements FileRows {
  private readonly stream: RecordStream;
  /** The file (-1: its bytes come from the CsvSource). */
  private readonly fd: number;
  private readonly size: number;
  private position: number;
  /** The bytes in order, where they are not read from the file at offsets: a gzip file's, the CsvSource's. */
  private readonly streamed: AsyncIterator<Buffer> | null;
  /** The last block of `streamed` (for the line of invalid UTF-8 on stdin). */
  private lastBlock: Buffer | null = null;
  private bytesPerRecord = 100;
  /** Compressed bytes read so far (gzip input), for progress. */
  private compressedRead: () => number = () => 0;
  /** Bytes of `streamed` read so far, for progress where the file's size does not say (stdin, decoded input). */
  private streamedRead = 0;

  constructor(
    private readonly path: string,
    private readonly csv: CsvSource,
    private readonly options: FastReadOptions,
  ) {
    const { dialect, file, skipped } = csv;
    // Where the header starts in the UTF-8 bytes: after the byte-order mark sniffed and the lines skipped.
    const headerAt = (dialect.bom ? UTF8_BOM.length : 0) + skipped.bytes;
    if (path === "-" || dialect.encoding !== "utf-8") {
      [this.fd, this.size, this.position] = [-1, 0, 0];
      // From the header on (CsvSource.bytes).
      this.streamed = csv.bytes()[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    } else {
      // Read again by path, at offsets.
      csv.close();
      this.fd = openSync(path, "r");
      this.size = fstatSync(this.fd).size;
      this.position = dialect.compressed ? 0 : headerAt;
      if (dialect.compressed) {
        const raw = createReadStream(path);
        this.streamed = dropBytes(raw.pipe(createGunzip()), headerAt)[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
        this.compressedRead = () => raw.bytesRead;
      } else this.streamed = null;
    }
    const scanner = new RecordScanner(dialect.delimiter.charCodeAt(0), "all");
    // After the lines skipped and a `sep=` line, records start on the line after them.
    this.stream = new RecordStream(scanner, file, options.relax === true, { previousEnd: skipped.lines + (csv.sepLine ? 1 : 0), headerLength: 0, offset: this.position });
  }

  /** The next block of (decompressed) bytes, or null at the end. */
  private async block(): Promise<Buffer | null> {
    if (this.streamed !== null) {
      try {
        const next = await this.streamed.next();
        this.lastBlock = next.done === true ? null : next.value;
        this.streamedRead += this.lastBlock?.length ?? 0;
        // Without the file (stdin, a decoded one) the total is not known: 0.
        if (this.fd >= 0) this.options.onProgress?.(this.compressedRead(), this.size);
        else this.options.onProgress?.(this.streamedRead, 0);
        return this.lastBlock;
      } catch (error) {
        if (isZlibError(error)) throw corruptGzip(this.csv.file);
        throw error;
      }
    }
    if (this.position >= this.size) return null;
    const block = Buffer.allocUnsafe(Math.min(BLOCK_BYTES, this.size - this.position));
    const read = readSync(this.fd, block, 0, block.length, this.position);
    this.position += read;
    this.options.onProgress?.(this.position, this.size);
    return read === block.length ? block : block.subarray(0, read);
  }

  private async guard<T>(read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (error) {
      if (error instanceof NotUtf8) throw this.fd < 0 ? this.notUtf8Here() : await generalReaderError(this.path, this.options);
      throw error;
    }
  }

  /** stdin's error for bytes that are not UTF-8, worded as the general reader's (stdin cannot be read again for it). */
  private notUtf8Here(): InputError {
    const line = this.stream.lineOfInvalidUtf8(this.lastBlock);
    return this.lastBlock === null ? endsInsideCharacter("utf-8", this.csv.file, line) : notUtf8(this.csv.file, line);
  }

  head(count: number): Promise<CsvRecord[]> {
    return this.guard(async () => {
      const records: CsvRecord[] = [];
      const { stream } = this;
      const sink = (bytes: Buffer, line: number): boolean => {
        const fields = stream.fields(bytes, stream.recordStart, stream.scanner.next);
        records.push({ fields: fitToHeader(fields, stream.headerLength, stream.relax, stream.file, line), line });
        return records.length >= count;
      };
      let first = true;
      const start = stream.offset;
      for (;;) {
        let block = await this.block();
        if (first && block !== null) block = this.skipPreamble(block);
        first = false;
        if (stream.push(block, sink) || block === null) {
          this.bytesPerRecord = Math.max(1, (stream.offset - start) / Math.max(1, records.length));
          return records;
        }
      }
    });
  }

  /**
   * The first block without what comes before the first record and is not data, once the byte-order mark
   * sniffed and the lines skipped are behind (every source starts after them): a byte-order mark that
   * csv-parse would drop, and Excel's `sep=` line (as csv-parse's from_line 2). The stream's offset moves past
   * them, so that chunks of the file start where records do.
   */
  private skipPreamble(block: Buffer): Buffer {
    let skip = 0;
    if (UTF8_BOM.every((byte, index) => block[skip + index] === byte)) skip += UTF8_BOM.length;
    if (this.csv.sepLine) skip += sepLineLength(block, skip);
    this.stream.offset += skip;
    return block.subarray(skip);
  }

  countRest(context: RowContext, headerCandidates: string[][]): Promise<void> {
    return this.guard(async () => {
      const counter = new FastRowCounter(context);
      const { stream, csv } = this;
      stream.useScanner(new RecordScanner(csv.dialect.delimiter.charCodeAt(0), counter.columns));
      const plan = this.streamed === null ? parallelPlan(this.options.parallel, stream, this.size) : null;
      if (plan !== null) {
        const setup = this.workerSetup(context, headerCandidates);
        const threads = this.options.threads ?? readerThreads();
        try {
          return await countInParallel(plan, { fd: this.fd, size: this.size, stream, context, counter, onProgress: this.options.onProgress, setup, bytesPerRecord: this.bytesPerRecord, threads });
        } finally {
          if (this.options.threads === undefined) await threads.close();
        }
      }
      const sink = (bytes: Buffer, line: number, scanner: RecordScanner): void => counter.count(bytes, line, scanner);
      // The bytes go into the row kernel's memory, where it reads the common records (row-kernel.ts).
      const kernel = rowKernel(context, stream.scanner.delimiter, stream.scanner.recordDelimiter, stream.headerLength);
      if (kernel !== null) stream.useKernel({ kernel, counter });
      const memory = kernel?.block ?? Buffer.allocUnsafe(BLOCK_BYTES);
      if (this.streamed === null) {
        const progress = (position: number): void => this.options.onProgress?.(position, this.size);
        readRange(this.fd, this.size, stream, Number.POSITIVE_INFINITY, sink, memory, progress);
        return;
      }
      // Each block goes after the record the last one cut, in memory reused from block to block (as readRange
      // does for a file), not in a new Buffer each time (Buffer.concat): the blocks' memory is outside V8's
      // heap, freed only when a collection finds its Buffer dead, and the reader allocates so little in the
      // heap that collections are rare: piping in 2M rows peaked ~25 MB higher that way.
      let joined: Buffer = memory;
      for (;;) {
        const block = await this.block();
        if (block === null) return void stream.push(null, sink);
        const held = stream.held.length;
        joined = stream.heldFirst(joined, block.length);
        block.copy(joined, held);
        stream.push(joined.subarray(0, held + block.length), sink, Number.POSITIVE_INFINITY, true);
      }
    });
  }

  private workerSetup(context: RowContext, headerCandidates: string[][]): ParallelIo["setup"] {
    const { columns, dates } = context;
    const date = columns.date === null || dates === null ? null : { given: dates.givenOrder, order: dates.settledOrder, zone: dates.zone, column: columns.names.date ?? "" };
    return {
      file: context.file,
      delimiter: this.csv.dialect.delimiter.charCodeAt(0),
      relax: this.options.relax === true,
      headerCandidates,
      source: this.options.source,
      columns,
      variant: context.variant,
      from: context.from,
      to: context.to,
      timeZone: context.timeZone,
      strict: context.strict,
      dates: date,
    };
  }

  async close(): Promise<void> {
    await this.streamed?.return?.();
    if (this.fd >= 0) closeSync(this.fd);
  }
}
