import { describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.js";
import { sniffDelimiter } from "../../src/ingest/dialect/delimiter.js";
import { detectEncoding } from "../../src/ingest/dialect/encoding.js";
import { isGzip } from "../../src/ingest/dialect/gzip.js";

describe("sniffDelimiter", () => {
  it.each([
    ["Score,Date\n9,2023-01-01\n", ","],
    ["Datum;Bewertung;Kommentar\n01.03.2023;9;Preis 9,99 zu hoch\n14.03.2023;5;ok, gut\n", ";"],
    ["Score\tDate\n9\t2023-01-01\n", "\t"],
    ["rating|submitted\n9|03/04/2023\n", "|"],
    // The semicolon inside quotes is not a delimiter.
    ['a,b\n"x;y;z",1\n"p;q;r",2\n', ","],
    // One column: nothing to split, comma by default.
    ["Score\n9\n10\n", ","],
  ])("%j -> %j", (text, delimiter) => {
    expect(sniffDelimiter(text, true)).toEqual({ delimiter, sepLine: false });
  });

  it("honours Excel's sep= line", () => {
    expect(sniffDelimiter("sep=|\na|b\n", true)).toEqual({ delimiter: "|", sepLine: true });
  });

  it("ignores a last line cut off by the end of the prefix", () => {
    expect(sniffDelimiter('a;b\n1;2\n3;"cut, off', false).delimiter).toBe(";");
  });
});

describe("detectEncoding", () => {
  const detect = (bytes: number[] | Buffer): string => {
    const { encoding, bomBytes } = detectEncoding(Buffer.from(bytes), "f.csv");
    return `${encoding}/${bomBytes}`;
  };

  it("recognises byte-order marks and plain UTF-8", () => {
    expect(detect([0xef, 0xbb, 0xbf, 0x41])).toBe("utf-8/3");
    expect(detect([0xff, 0xfe, 0x41, 0x00])).toBe("utf-16le/2");
    expect(detect([0xfe, 0xff, 0x00, 0x41])).toBe("utf-16be/2");
    expect(detect(Buffer.from("Score,Kommentar\nschön 😀\n"))).toBe("utf-8/0");
  });

  it("keeps a multi-byte character cut at the end of the prefix for later", () => {
    expect(detect(Buffer.from("ok é").subarray(0, 4))).toBe("utf-8/0");
  });

  it.each([
    [[0xff, 0xfe, 0x00, 0x00, 0x41, 0, 0, 0], /UTF-32/],
    [[0x53, 0x63, 0xf6, 0x6e, 0x0a], /^unknown encoding: not UTF-8 text$/],
    [[...Buffer.from("Score,Date\n", "utf16le")], /UTF-16LE without a byte-order mark/],
  ])("refuses %j", (bytes, message) => {
    expect(() => detectEncoding(Buffer.from(bytes), "f.csv")).toThrowError(InputError);
    expect(() => detectEncoding(Buffer.from(bytes), "f.csv")).toThrowError(message);
  });
});

describe("isGzip", () => {
  it("reads the magic bytes, not the name", () => {
    expect(isGzip(Buffer.from([0x1f, 0x8b, 8]))).toBe(true);
    expect(isGzip(Buffer.from("Score"))).toBe(false);
  });
});
