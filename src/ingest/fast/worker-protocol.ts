/** The messages between parallel.ts and its worker threads (worker.ts). Plain data: they are cloned. */
import type { Tally } from "../../tally/tally.js";
import type { ColumnMapping } from "../columns.js";
import type { DateOrder } from "../date-formats.js";
import type { PlatformName } from "../platforms/index.js";
import type { LedgerChunk } from "../respondents.js";

/** What a worker needs to rebuild the file's row context: the head it was read from and the options. */
export interface WorkerSetup {
  readonly fd: number;
  readonly size: number;
  readonly file: string;
  readonly delimiter: number;
  readonly recordDelimiter: number;
  readonly relax: boolean;
  readonly headerLength: number;
  /** Bytes per record in the head: how many ledger records a chunk will hold, to make room for them up front. */
  readonly bytesPerRecord: number;
  /** The first records, from which the layout is found again (the layout holds functions). */
  readonly headerCandidates: string[][];
  readonly source: PlatformName | undefined;
  readonly columns: ColumnMapping;
  readonly variant: string | undefined;
  readonly from: string | undefined;
  readonly to: string | undefined;
  readonly timeZone: string;
  readonly strict: boolean;
  /** The date column's reader: the order given, the order as far as the head settled it; `null`: no dates. */
  readonly dates: { readonly given: DateOrder | null; readonly order: DateOrder | null; readonly zone: string; readonly column: string } | null;
}

/** A file's setup, sent before its jobs: a reader thread is started before it is known and reads file after file. */
export type WorkerMessage = { readonly kind: "setup"; readonly setup: WorkerSetup } | WorkerJob;

export type WorkerJob =
  | { readonly kind: "quotes"; readonly index: number; readonly start: number; readonly end: number }
  | {
      readonly kind: "chunk";
      readonly index: number;
      /** Where to look for the chunk's first record (exact for the first chunk). */
      readonly from: number;
      readonly exact: boolean;
      readonly insideQuotes: boolean;
      /** The chunk holds the records that start before this offset. */
      readonly stopAt: number;
      /** The memory of an earlier chunk's records, merged and given back to hold this chunk's (LedgerOptions.sharedRecords). */
      readonly recordSpace?: SharedArrayBuffer | undefined;
      /**
       * Whole-number response IDs: left for the main thread to decide (`keep`), or hashed here (`hash`) once
       * the main thread has stopped deciding them (RespondentLedger.numericIdsForChunks).
       */
      readonly numericIds: "keep" | "hash";
    };

export type WorkerAnswer =
  | { readonly kind: "quotes"; readonly index: number; readonly quotes: number }
  | {
      readonly kind: "chunk";
      readonly index: number;
      readonly start: number;
      /** Offset of the first record after the chunk. */
      readonly end: number;
      /** Physical lines the chunk's records take. */
      readonly lines: number;
      /**
       * false when the chunk met something that depends on what came before it (an error, invalid UTF-8, a
       * date read while the day/month order was open): then it is re-read in order.
       */
      readonly clean: boolean;
      readonly tally: Tally;
      readonly ledger: LedgerChunk;
    };
