// Writes the corpus files that are not plain UTF-8 text (UTF-16, gzip, binary, Latin-1), so that their bytes
// are reproducible and reviewable here: `node test/corpus/make-binary.mjs`. Listed in README.md.
import { writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";

const here = (name) => new URL(name, import.meta.url);

function utf16be(text) {
  const le = Buffer.from(text, "utf16le");
  const be = Buffer.alloc(le.length);
  for (let index = 0; index < le.length; index += 2) [be[index], be[index + 1]] = [le[index + 1], le[index]];
  return be;
}

// Excel "Unicode text": UTF-16 LE with a BOM, tab-delimited, CRLF.
const unicodeText = "Score\tDate\tComment\r\n9\t2023-06-01\tTrès bien\r\n6\t2023-06-02\t\"Zu teuer, leider\"\r\n10\t2023-06-03\t日本語のコメント\r\n";
writeFileSync(here("excel-unicode-text.txt"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(unicodeText, "utf16le")]));
writeFileSync(here("utf16be-bom.csv"), Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be("NPS,Date\n8,2023-06-01\n3,2023-06-02\n")]));
writeFileSync(here("generic.csv.gz"), gzipSync(Buffer.from("Score,Date\n9,2023-08-01\n8,2023-08-02\n0,2023-08-03\n"), { mtime: 0 }));

// Errors.
writeFileSync(here("errors/latin1.csv"), Buffer.from("Score,Kommentar\n9,gut\n8,sch\xf6n\n", "latin1"));
writeFileSync(here("errors/utf16-no-bom.csv"), Buffer.from("Score,Date\n9,2023-01-01\n", "utf16le"));
writeFileSync(here("errors/workbook.xlsx"), Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]), Buffer.from("[Content_Types].xml")]));
writeFileSync(here("errors/binary.dat"), Buffer.from(Array.from({ length: 512 }, (_, index) => (index * 37) % 256)));
const gzip = gzipSync(Buffer.from("Score,Date\n9,2023-08-01\n".repeat(50)));
writeFileSync(here("errors/truncated.csv.gz"), gzip.subarray(0, Math.floor(gzip.length / 2)));
