;; The common record of an export, read and parsed in one pass (see row-kernel.ts, which reads the file's bytes
;; straight into this module's memory, sets the dialect and columns, and counts what this writes). A record is
;; taken only if the JavaScript would read it exactly so: fields plain or quoted as csv-parse reads them (a
;; quoted field closed by the delimiter or the record's end; `""` and line breaks inside quotes only in a
;; field the analysis does not read), the known record delimiter, as many fields as the header, and each
;; needed field on fast-rows.ts' fast path: a score of one or two digits (0-10), an ISO 8601 UTC timestamp
;; (`YYYY-MM-DDTHH:MM:SSZ`), a response ID of ASCII (a whole number, or hashed as hash64.ts' hashAscii
;; does), an ASCII respondent (hashed lower-cased). Anything else stops the loop before that record, which
;; the JavaScript then reads (and every error is still found, and named, there). Assembled into dist/ by
;; scripts/build-wasm.mjs.
(module
  ;; Layout: the bytes read from 0 (up to 4 MB, and 16 bytes after them that a vector load may read), the
  ;; column-to-slot table at 4259840 (one i32 per column, -1: not needed; up to 16,384 columns), the needed
  ;; fields' bounds at 4325376 (start, end per slot), the rows written from 4329472 (ROW_WORDS i32 each, up
  ;; to 4096), the variant's and segment's known values from 4624384 (see $intern), and for `records`: each
  ;; variant entry's ledger index at 4632576 (32 i32), the places table at 4636672 (8,192 slots of 16 bytes),
  ;; the chunk records written from 4767744 (7 i32 each, up to 4096).
  (memory (export "memory") 80)

  (global $delimiter (mut i32) (i32.const 44))
  ;; 1: records end with CRLF, 0: with LF.
  (global $crlf (mut i32) (i32.const 0))
  (global $headerLength (mut i32) (i32.const 0))
  ;; 1: the date column is read (a DateReader and a date column); its field must then be a UTC timestamp.
  (global $dates (mut i32) (i32.const 0))
  ;; Bitmask of the slots that have a column: 1 score, 2 date, 4 variant, 8 segment, 16 response ID, 32 respondent.
  (global $present (mut i32) (i32.const 0))

  (func (export "configure") (param $delimiter i32) (param $crlf i32) (param $headerLength i32) (param $dates i32) (param $present i32)
    (global.set $delimiter (local.get $delimiter))
    (global.set $crlf (local.get $crlf))
    (global.set $headerLength (local.get $headerLength))
    (global.set $dates (local.get $dates))
    (global.set $present (local.get $present)))

  ;; The line breaks inside the quoted fields of the last record $record read.
  (global $lineBreaks (mut i32) (i32.const 0))

  ;; The record at `start` (bytes up to `end`): notes its needed fields' bounds and line breaks and returns
  ;; where the next record starts, or 0 when it is not one to read here (see the top) or runs past `end`. It
  ;; visits only the special bytes (the delimiter, quote, CR, LF), found 16 bytes at a time as specials.wat
  ;; finds them; the memory after the bytes has room for the last block's load.
  (func $record (param $start i32) (param $end i32) (result i32)
    (local $block i32) (local $mask i32) (local $at i32) (local $byte i32) (local $field i32) (local $fieldStart i32)
    (local $quoted i32) (local $contentStart i32) (local $contentEnd i32) (local $next i32) (local $slot i32)
    (local $after i32) (local $skipBefore i32) (local $unplain i32) (local $lineBreaks i32)
    (local $v v128) (local $delimiters v128)
    (local.set $delimiters (i8x16.splat (global.get $delimiter)))
    (local.set $fieldStart (local.get $start))
    (local.set $contentEnd (i32.const -1))
    (local.set $block (local.get $start))
    (block $bail
      (loop $blocks
        (br_if $bail (i32.ge_u (local.get $block) (local.get $end)))
        (local.set $v (v128.load align=1 (local.get $block)))
        (local.set $mask (i8x16.bitmask
          (v128.or
            (v128.or
              (i8x16.eq (local.get $v) (local.get $delimiters))
              (i8x16.eq (local.get $v) (v128.const i8x16 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22)))
            (v128.or
              (i8x16.eq (local.get $v) (v128.const i8x16 0x0d 0x0d 0x0d 0x0d 0x0d 0x0d 0x0d 0x0d 0x0d 0x0d 0x0d 0x0d 0x0d 0x0d 0x0d 0x0d))
              (i8x16.eq (local.get $v) (v128.const i8x16 0x0a 0x0a 0x0a 0x0a 0x0a 0x0a 0x0a 0x0a 0x0a 0x0a 0x0a 0x0a 0x0a 0x0a 0x0a 0x0a))))))
        (if (i32.lt_u (i32.sub (local.get $end) (local.get $block)) (i32.const 16))
          (then (local.set $mask (i32.and (local.get $mask)
            (i32.sub (i32.shl (i32.const 1) (i32.sub (local.get $end) (local.get $block))) (i32.const 1))))))
        (block $nextBlock
          (loop $specials
            (br_if $nextBlock (i32.eqz (local.get $mask)))
            (local.set $at (i32.add (local.get $block) (i32.ctz (local.get $mask))))
            (local.set $mask (i32.and (local.get $mask) (i32.sub (local.get $mask) (i32.const 1))))
            (local.set $byte (i32.load8_u (local.get $at)))
            ;; The second quote of an escaped one (`""`), already read.
            (br_if $specials (i32.lt_u (local.get $at) (local.get $skipBefore)))
            (if (local.get $quoted)
              (then
                ;; Inside quotes: a delimiter is content; a line break too, counted as scanner.ts' `run` counts
                ;; it (CRLF once, at its LF); `""` is a quote of content; a quote closes, followed by the
                ;; delimiter or the record's end (itself the next special byte). A needed field with a line
                ;; break or an escaped quote is the JavaScript's to read (its text is not its bytes).
                (br_if $specials (i32.eq (local.get $byte) (global.get $delimiter)))
                (br_if $bail (i32.ge_u (i32.add (local.get $at) (i32.const 1)) (local.get $end)))
                (local.set $after (i32.load8_u offset=1 (local.get $at)))
                (if (i32.ne (local.get $byte) (i32.const 0x22))
                  (then
                    (if (i32.or (i32.eq (local.get $byte) (i32.const 0x0a)) (i32.ne (local.get $after) (i32.const 0x0a)))
                      (then (local.set $lineBreaks (i32.add (local.get $lineBreaks) (i32.const 1)))))
                    (local.set $unplain (i32.const 1))
                    (br $specials)))
                (if (i32.eq (local.get $after) (i32.const 0x22))
                  (then
                    (local.set $skipBefore (i32.add (local.get $at) (i32.const 2)))
                    (local.set $unplain (i32.const 1))
                    (br $specials)))
                (br_if $bail (i32.eqz (i32.or (i32.eq (local.get $after) (global.get $delimiter))
                  (i32.or (i32.eq (local.get $after) (i32.const 0x0a)) (i32.eq (local.get $after) (i32.const 0x0d))))))
                (local.set $contentEnd (local.get $at))
                (local.set $quoted (i32.const 0))
                (br $specials)))
            (if (i32.eq (local.get $byte) (i32.const 0x22))
              (then
                ;; A quote opens a field, or the record is not plain.
                (br_if $bail (i32.ne (local.get $at) (local.get $fieldStart)))
                (local.set $quoted (i32.const 1))
                (local.set $contentStart (i32.add (local.get $at) (i32.const 1)))
                (br $specials)))
            ;; The delimiter or a line break ends the field; a line break must be the record delimiter.
            (local.set $next (i32.const 0))
            (if (i32.eq (local.get $byte) (i32.const 0x0a))
              (then
                (br_if $bail (global.get $crlf))
                (local.set $next (i32.add (local.get $at) (i32.const 1)))))
            (if (i32.eq (local.get $byte) (i32.const 0x0d))
              (then
                (br_if $bail (i32.eqz (global.get $crlf)))
                (br_if $bail (i32.ge_u (i32.add (local.get $at) (i32.const 1)) (local.get $end)))
                (br_if $bail (i32.ne (i32.load8_u offset=1 (local.get $at)) (i32.const 0x0a)))
                (local.set $next (i32.add (local.get $at) (i32.const 2)))))
            (br_if $bail (i32.ge_u (local.get $field) (global.get $headerLength)))
            (local.set $slot (i32.load offset=4259840 (i32.shl (local.get $field) (i32.const 2))))
            (if (i32.ge_s (local.get $slot) (i32.const 0))
              (then
                (br_if $bail (local.get $unplain))
                (if (i32.eq (local.get $contentEnd) (i32.const -1))
                  (then
                    (i32.store offset=4325376 (i32.shl (local.get $slot) (i32.const 3)) (local.get $fieldStart))
                    (i32.store offset=4325380 (i32.shl (local.get $slot) (i32.const 3)) (local.get $at)))
                  (else
                    (i32.store offset=4325376 (i32.shl (local.get $slot) (i32.const 3)) (local.get $contentStart))
                    (i32.store offset=4325380 (i32.shl (local.get $slot) (i32.const 3)) (local.get $contentEnd))))))
            (local.set $field (i32.add (local.get $field) (i32.const 1)))
            (local.set $fieldStart (i32.add (local.get $at) (i32.const 1)))
            (local.set $contentEnd (i32.const -1))
            (local.set $unplain (i32.const 0))
            (br_if $specials (i32.eqz (local.get $next)))
            (br_if $bail (i32.ne (local.get $field) (global.get $headerLength)))
            ;; csv-parse's limit of 1,000,000 characters a record: one the scanner must count.
            (br_if $bail (i32.gt_u (i32.sub (local.get $next) (local.get $start)) (i32.const 1000000)))
            (global.set $lineBreaks (local.get $lineBreaks))
            (return (local.get $next))))
        (local.set $block (i32.add (local.get $block) (i32.const 16)))
        (br $blocks)))
    (i32.const 0))

;; V8 (as in Node 20) does not inline one WebAssembly function into another, and a call costs about as
  ;; much as the work of the small helpers here: so the hot ones are written out where they are used (a byte
  ;; minus 0x30 for a digit, a space test, a hash round), at the cost of some repetition.

  ;; Trims ASCII whitespace (space, 0x09-0x0d, as JavaScript's trim) off both ends of start..end, into
  ;; $trimStart and $trimEnd (globals: a function returns one value).
  (global $trimStart (mut i32) (i32.const 0))
  (global $trimEnd (mut i32) (i32.const 0))
  (func $trim (param $start i32) (param $end i32)
    (local $byte i32)
    (block $done
      (loop $front
        (br_if $done (i32.ge_u (local.get $start) (local.get $end)))
        (local.set $byte (i32.load8_u (local.get $start)))
        (br_if $done (i32.eqz (i32.or (i32.eq (local.get $byte) (i32.const 0x20)) (i32.le_u (i32.sub (local.get $byte) (i32.const 0x09)) (i32.const 4)))))
        (local.set $start (i32.add (local.get $start) (i32.const 1)))
        (br $front)))
    (block $done
      (loop $back
        (br_if $done (i32.le_u (local.get $end) (local.get $start)))
        (local.set $byte (i32.load8_u offset=0 (i32.sub (local.get $end) (i32.const 1))))
        (br_if $done (i32.eqz (i32.or (i32.eq (local.get $byte) (i32.const 0x20)) (i32.le_u (i32.sub (local.get $byte) (i32.const 0x09)) (i32.const 4)))))
        (local.set $end (i32.sub (local.get $end) (i32.const 1)))
        (br $back)))
    (global.set $trimStart (local.get $start))
    (global.set $trimEnd (local.get $end)))

  ;; The score of the trimmed field: one digit, or two making at most 10 (fast-rows.ts' score); -1 otherwise.
  (func $score (param $start i32) (param $end i32) (result i32)
    (local $length i32) (local $tens i32) (local $units i32)
    (call $trim (local.get $start) (local.get $end))
    (local.set $start (global.get $trimStart))
    (local.set $length (i32.sub (global.get $trimEnd) (local.get $start)))
    (local.set $tens (i32.sub (i32.load8_u (local.get $start)) (i32.const 0x30)))
    (if (i32.eq (local.get $length) (i32.const 1))
      (then (return (select (local.get $tens) (i32.const -1) (i32.le_u (local.get $tens) (i32.const 9))))))
    (if (i32.eq (local.get $length) (i32.const 2))
      (then
        (local.set $units (i32.sub (i32.load8_u offset=1 (local.get $start)) (i32.const 0x30)))
        (if (i32.and (i32.le_u (local.get $tens) (i32.const 9)) (i32.le_u (local.get $units) (i32.const 9)))
          (then
            (local.set $units (i32.add (i32.mul (local.get $tens) (i32.const 10)) (local.get $units)))
            (return (select (local.get $units) (i32.const -1) (i32.le_u (local.get $units) (i32.const 10))))))))
    (i32.const -1))

  ;; Days from 1970-01-01 to a date of the proleptic Gregorian calendar, year >= 1000: Hinnant's
  ;; days_from_civil ("chrono-Compatible Low-Level Date Algorithms", 2013), which is Date.UTC's MakeDay.
  (func $daysFromCivil (param $year i32) (param $month i32) (param $day i32) (result i32)
    (local $era i32) (local $yearOfEra i32) (local $dayOfYear i32)
    (if (i32.le_u (local.get $month) (i32.const 2)) (then (local.set $year (i32.sub (local.get $year) (i32.const 1)))))
    (local.set $era (i32.div_u (local.get $year) (i32.const 400)))
    (local.set $yearOfEra (i32.sub (local.get $year) (i32.mul (local.get $era) (i32.const 400))))
    (local.set $dayOfYear (i32.add
      (i32.div_u (i32.add (i32.mul (i32.const 153)
        (select (i32.sub (local.get $month) (i32.const 3)) (i32.add (local.get $month) (i32.const 9)) (i32.gt_u (local.get $month) (i32.const 2))))
        (i32.const 2)) (i32.const 5))
      (i32.sub (local.get $day) (i32.const 1))))
    (i32.sub
      (i32.add (i32.mul (local.get $era) (i32.const 146097))
        (i32.add (i32.add (i32.mul (local.get $yearOfEra) (i32.const 365)) (i32.div_u (local.get $yearOfEra) (i32.const 4)))
          (i32.sub (local.get $dayOfYear) (i32.div_u (local.get $yearOfEra) (i32.const 100)))))
      (i32.const 719468)))

  ;; `YYYY-MM-DDTHH:MM:SSZ` (T also a space or t, Z also z), untrimmed, as fast-rows.ts' isoInstant reads a UTC
  ;; timestamp: writes the day (days since 1970-01-01) and the milliseconds into it at `out`; 0 if not one.
  ;; Its 14 digits are checked at once: each byte minus 0x30, as unsigned, is at most 9.
  (func $utcTimestamp (param $at i32) (param $end i32) (param $out i32) (result i32)
    (local $separator i32) (local $zone i32) (local $hour i32) (local $minute i32) (local $second i32)
    (local $year i32) (local $month i32) (local $day i32) (local $digits v128) (local $monthDays i32)
    (if (i32.ne (i32.sub (local.get $end) (local.get $at)) (i32.const 20)) (then (return (i32.const 0))))
    (local.set $zone (i32.load8_u offset=19 (local.get $at)))
    (local.set $separator (i32.load8_u offset=10 (local.get $at)))
    (if (i32.or
          (i32.or
            (i32.and (i32.ne (local.get $zone) (i32.const 0x5a)) (i32.ne (local.get $zone) (i32.const 0x7a)))
            (i32.and (i32.and (i32.ne (local.get $separator) (i32.const 0x54)) (i32.ne (local.get $separator) (i32.const 0x20)))
                     (i32.ne (local.get $separator) (i32.const 0x74))))
          (i32.or
            (i32.or (i32.ne (i32.load8_u offset=4 (local.get $at)) (i32.const 0x2d)) (i32.ne (i32.load8_u offset=7 (local.get $at)) (i32.const 0x2d)))
            (i32.or (i32.ne (i32.load8_u offset=13 (local.get $at)) (i32.const 0x3a)) (i32.ne (i32.load8_u offset=16 (local.get $at)) (i32.const 0x3a)))))
      (then (return (i32.const 0))))
    ;; Bytes 0-15 less 0x30: the digits' lanes (all but 4, 7, 10, 13) must be at most 9; then 17 and 18.
    (local.set $digits (i8x16.sub (v128.load align=1 (local.get $at)) (i8x16.splat (i32.const 0x30))))
    (if (i32.ne
          (i32.and (i8x16.bitmask (i8x16.gt_u (local.get $digits) (i8x16.splat (i32.const 9)))) (i32.const 0xdb6f))
          (i32.const 0))
      (then (return (i32.const 0))))
    (if (i32.or (i32.gt_u (i32.sub (i32.load8_u offset=17 (local.get $at)) (i32.const 0x30)) (i32.const 9))
                (i32.gt_u (i32.sub (i32.load8_u offset=18 (local.get $at)) (i32.const 0x30)) (i32.const 9)))
      (then (return (i32.const 0))))
    (local.set $hour (i32.add (i32.mul (i8x16.extract_lane_u 11 (local.get $digits)) (i32.const 10)) (i8x16.extract_lane_u 12 (local.get $digits))))
    (local.set $minute (i32.add (i32.mul (i8x16.extract_lane_u 14 (local.get $digits)) (i32.const 10)) (i8x16.extract_lane_u 15 (local.get $digits))))
    (local.set $second (i32.add (i32.mul (i32.sub (i32.load8_u offset=17 (local.get $at)) (i32.const 0x30)) (i32.const 10))
      (i32.sub (i32.load8_u offset=18 (local.get $at)) (i32.const 0x30))))
    (if (i32.or (i32.gt_u (local.get $hour) (i32.const 23)) (i32.or (i32.gt_u (local.get $minute) (i32.const 59)) (i32.gt_u (local.get $second) (i32.const 59))))
      (then (return (i32.const 0))))
    ;; Years before 1000 (a century below 10) are the JavaScript's to find invalid.
    (if (i32.eqz (i8x16.extract_lane_u 0 (local.get $digits))) (then (return (i32.const 0))))
    (local.set $year (i32.add
      (i32.add (i32.mul (i8x16.extract_lane_u 0 (local.get $digits)) (i32.const 1000)) (i32.mul (i8x16.extract_lane_u 1 (local.get $digits)) (i32.const 100)))
      (i32.add (i32.mul (i8x16.extract_lane_u 2 (local.get $digits)) (i32.const 10)) (i8x16.extract_lane_u 3 (local.get $digits)))))
    (local.set $month (i32.add (i32.mul (i8x16.extract_lane_u 5 (local.get $digits)) (i32.const 10)) (i8x16.extract_lane_u 6 (local.get $digits))))
    (local.set $day (i32.add (i32.mul (i8x16.extract_lane_u 8 (local.get $digits)) (i32.const 10)) (i8x16.extract_lane_u 9 (local.get $digits))))
    ;; The month's days (date.ts' daysInMonth): 30 in April, June, September, November; February's by leap year.
    (local.set $monthDays
      (if (result i32) (i32.eq (local.get $month) (i32.const 2))
        (then (i32.add (i32.const 28)
          (i32.and (i32.eqz (i32.rem_u (local.get $year) (i32.const 4)))
            (i32.or (i32.ne (i32.rem_u (local.get $year) (i32.const 100)) (i32.const 0)) (i32.eqz (i32.rem_u (local.get $year) (i32.const 400)))))))
        (else (select (i32.const 30) (i32.const 31)
          (i32.or (i32.or (i32.eq (local.get $month) (i32.const 4)) (i32.eq (local.get $month) (i32.const 6)))
                  (i32.or (i32.eq (local.get $month) (i32.const 9)) (i32.eq (local.get $month) (i32.const 11))))))))
    (if (i32.or (i32.gt_u (i32.sub (local.get $month) (i32.const 1)) (i32.const 11))
                (i32.or (i32.lt_s (local.get $day) (i32.const 1)) (i32.gt_s (local.get $day) (local.get $monthDays))))
      (then (return (i32.const 0))))
    (i32.store (local.get $out) (call $daysFromCivil (local.get $year) (local.get $month) (local.get $day)))
    (i32.store offset=4 (local.get $out)
      (i32.mul (i32.add (i32.mul (i32.add (i32.mul (local.get $hour) (i32.const 60)) (local.get $minute)) (i32.const 60)) (local.get $second)) (i32.const 1000)))
    (i32.const 1))

  ;; hash64.ts' hashAscii of start..end (lower-cased when `lower`) into $hashHigh/$hashLow; 0 if a byte is not
  ;; ASCII. Each 32-bit word of input (four bytes, little-endian; the last one to three bytes in one word) goes
  ;; into two lanes, a murmur3 round (high) and an xxhash32 round (low); each lane is finished by fmix32.
  (global $hashHigh (mut i32) (i32.const 0))
  (global $hashLow (mut i32) (i32.const 0))

  (func $fmix32 (param $h i32) (result i32)
    (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))
    (local.set $h (i32.mul (local.get $h) (i32.const 0x85ebca6b)))
    (local.set $h (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 13))))
    (local.set $h (i32.mul (local.get $h) (i32.const 0xc2b2ae35)))
    (i32.xor (local.get $h) (i32.shr_u (local.get $h) (i32.const 16))))

  (func $hashAscii (param $start i32) (param $end i32) (param $lower i32) (result i32)
    (local $high i32) (local $low i32) (local $index i32) (local $quad i32) (local $shift i32) (local $length i32) (local $k i32)
    (local $last i32)
    (local.set $high (i32.const 0x2545f491))
    (local.set $low (i32.const 0x6c8e9cf5))
    (local.set $index (local.get $start))
    (block $finished
     (loop $quads
      (local.set $last (i32.ge_s (i32.add (local.get $index) (i32.const 3)) (local.get $end)))
      (if (local.get $last)
        (then
          ;; The last one to three bytes (none: done).
          (br_if $finished (i32.ge_u (local.get $index) (local.get $end)))
          (local.set $quad (i32.const 0))
          (local.set $shift (i32.const 0))
          (block $done
            (loop $rest
              (br_if $done (i32.ge_u (local.get $index) (local.get $end)))
              (local.set $quad (i32.or (local.get $quad) (i32.shl (i32.load8_u (local.get $index)) (local.get $shift))))
              (local.set $index (i32.add (local.get $index) (i32.const 1)))
              (local.set $shift (i32.add (local.get $shift) (i32.const 8)))
              (br $rest))))
        (else (local.set $quad (i32.load (local.get $index)))))
      (if (i32.and (local.get $quad) (i32.const 0x80808080)) (then (return (i32.const 0))))
      ;; Lower case (hash64.ts' lowerQuad): a byte plus 0x3f reaches 0x80 from 0x41 on, plus 0x25 from 0x5b on.
      (if (local.get $lower)
        (then (local.set $quad (i32.or (local.get $quad)
          (i32.shr_u
            (i32.and
              (i32.and (i32.add (local.get $quad) (i32.const 0x3f3f3f3f)) (i32.xor (i32.add (local.get $quad) (i32.const 0x25252525)) (i32.const -1)))
              (i32.const 0x80808080))
            (i32.const 2))))))
      (local.set $k (i32.mul (i32.rotl (i32.mul (local.get $quad) (i32.const 0xcc9e2d51)) (i32.const 15)) (i32.const 0x1b873593)))
      (local.set $high (i32.add (i32.mul (i32.rotl (i32.xor (local.get $high) (local.get $k)) (i32.const 13)) (i32.const 5)) (i32.const 0xe6546b64)))
      (local.set $low (i32.mul (i32.rotl (i32.add (local.get $low) (i32.mul (local.get $quad) (i32.const 0x85ebca77))) (i32.const 13)) (i32.const 0x9e3779b1)))
      (if (i32.eqz (local.get $last))
        (then
          (local.set $index (i32.add (local.get $index) (i32.const 4)))
          (br $quads)))))
    (local.set $length (i32.sub (local.get $end) (local.get $start)))
    (global.set $hashHigh (call $fmix32 (i32.xor (local.get $high) (local.get $length))))
    (global.set $hashLow (call $fmix32 (i32.xor (local.get $low) (i32.mul (local.get $length) (i32.const 0x27d4eb2f)))))
    ;; (0, 0) marks an empty slot in HashTable64.
    (if (i32.eqz (i32.or (global.get $hashHigh) (global.get $hashLow))) (then (global.set $hashLow (i32.const 1))))
    (i32.const 1))

  ;; The response ID of the trimmed field, at `out`: kind (0 blank, 1 a whole number written plainly as
  ;; id-set.ts' wholeNumberIdOf reads it, 2 other ASCII text, hashed), then two words: the number's high 21 and
  ;; low 32 bits, or the hash. 0 if the text is not ASCII.
  (func $responseId (param $start i32) (param $end i32) (param $out i32) (result i32)
    (local $length i32) (local $value i64) (local $at i32) (local $digit i32)
    (call $trim (local.get $start) (local.get $end))
    (local.set $start (global.get $trimStart))
    (local.set $end (global.get $trimEnd))
    (local.set $length (i32.sub (local.get $end) (local.get $start)))
    (if (i32.eqz (local.get $length))
      (then
        (i32.store (local.get $out) (i32.const 0))
        (return (i32.const 1))))
    (block $text
      (br_if $text (i32.gt_u (local.get $length) (i32.const 15)))
      (br_if $text (i32.and (i32.eq (i32.load8_u (local.get $start)) (i32.const 0x30)) (i32.gt_u (local.get $length) (i32.const 1))))
      (local.set $at (local.get $start))
      (loop $digits
        (local.set $digit (i32.sub (i32.load8_u (local.get $at)) (i32.const 0x30)))
        (br_if $text (i32.gt_u (local.get $digit) (i32.const 9)))
        (local.set $value (i64.add (i64.mul (local.get $value) (i64.const 10)) (i64.extend_i32_u (local.get $digit))))
        (local.set $at (i32.add (local.get $at) (i32.const 1)))
        (br_if $digits (i32.lt_u (local.get $at) (local.get $end))))
      (i32.store (local.get $out) (i32.const 1))
      (i32.store offset=4 (local.get $out) (i32.wrap_i64 (i64.shr_u (local.get $value) (i64.const 32))))
      (i32.store offset=8 (local.get $out) (i32.wrap_i64 (local.get $value)))
      (return (i32.const 1)))
    (if (i32.eqz (call $hashAscii (local.get $start) (local.get $end) (i32.const 0))) (then (return (i32.const 0))))
    (i32.store (local.get $out) (i32.const 2))
    (i32.store offset=4 (local.get $out) (global.get $hashHigh))
    (i32.store offset=8 (local.get $out) (global.get $hashLow))
    (i32.const 1))

  ;; The respondent of the trimmed field at `out`: 0 blank, 1 then the lower-cased hash. 0 if not ASCII.
  (func $respondent (param $start i32) (param $end i32) (param $out i32) (result i32)
    (call $trim (local.get $start) (local.get $end))
    (if (i32.eq (global.get $trimStart) (global.get $trimEnd))
      (then
        (i32.store (local.get $out) (i32.const 0))
        (return (i32.const 1))))
    (if (i32.eqz (call $hashAscii (global.get $trimStart) (global.get $trimEnd) (i32.const 1))) (then (return (i32.const 0))))
    (i32.store (local.get $out) (i32.const 1))
    (i32.store offset=4 (local.get $out) (global.get $hashHigh))
    (i32.store offset=8 (local.get $out) (global.get $hashLow))
    (i32.const 1))

  ;; A row, ROW_WORDS (18) i32 at `out`: 0 the next record's start, 1 the score, 2-3 the day and its
  ;; milliseconds, 4-6 the response ID (kind, two words), 7-9 the respondent (kind, two words), 10-11 the
  ;; variant's field bounds, 12-13 the segment's (untrimmed), 14 the line breaks inside quoted fields, 15 and 16
  ;; the variant's and segment's entries among their known values ($intern; -1: not known yet, or none). Returns 0 when the record is not one to take here. The fields'
  ;; bounds are at 4325376, by slot.
  (func $row (param $start i32) (param $end i32) (param $out i32) (result i32)
    (local $next i32) (local $present i32) (local $score i32)
    (local.set $next (call $record (local.get $start) (local.get $end)))
    (if (i32.eqz (local.get $next)) (then (return (i32.const 0))))
    (local.set $present (global.get $present))
    (local.set $score (call $score (i32.load (i32.const 4325376)) (i32.load (i32.const 4325380))))
    (if (i32.lt_s (local.get $score) (i32.const 0)) (then (return (i32.const 0))))
    (i32.store (local.get $out) (local.get $next))
    (i32.store offset=4 (local.get $out) (local.get $score))
    (if (i32.and (global.get $dates) (i32.ne (i32.and (local.get $present) (i32.const 2)) (i32.const 0)))
      (then
        (if (i32.eqz (call $utcTimestamp (i32.load (i32.const 4325384)) (i32.load (i32.const 4325388)) (i32.add (local.get $out) (i32.const 8))))
          (then (return (i32.const 0))))))
    (i32.store offset=16 (local.get $out) (i32.const 0))
    (if (i32.and (local.get $present) (i32.const 16))
      (then
        (if (i32.eqz (call $responseId (i32.load (i32.const 4325408)) (i32.load (i32.const 4325412)) (i32.add (local.get $out) (i32.const 16))))
          (then (return (i32.const 0))))))
    (i32.store offset=28 (local.get $out) (i32.const 0))
    (if (i32.and (local.get $present) (i32.const 32))
      (then
        (if (i32.eqz (call $respondent (i32.load (i32.const 4325416)) (i32.load (i32.const 4325420)) (i32.add (local.get $out) (i32.const 28))))
          (then (return (i32.const 0))))))
    (i32.store offset=56 (local.get $out) (global.get $lineBreaks))
    ;; The variant's and segment's bounds (slots 2 and 3), as they are, and their values' entries.
    (i64.store offset=40 (local.get $out) (i64.load (i32.const 4325392)))
    (i64.store offset=48 (local.get $out) (i64.load (i32.const 4325400)))
    (i32.store offset=60 (local.get $out)
      (if (result i32) (i32.and (local.get $present) (i32.const 4))
        (then (call $intern (i32.const 4624384) (i32.load (i32.const 4325392)) (i32.load (i32.const 4325396))))
        (else (i32.const -1))))
    (i32.store offset=64 (local.get $out)
      (if (result i32) (i32.and (local.get $present) (i32.const 8))
        (then (call $intern (i32.const 4626564) (i32.load (i32.const 4325400)) (i32.load (i32.const 4325404))))
        (else (i32.const -1))))
    (i32.const 1))

  ;; The entry of the bytes start..end among a column's known values at `table` (fast/interner.ts' Interner,
  ;; whose entries row-kernel.ts copies here as it makes them: a count, then 32 entries of a length and up to
  ;; 64 bytes), or -1: then the JavaScript looks the value up, and adds it if it is new.
  (func $intern (param $table i32) (param $start i32) (param $end i32) (result i32)
    (local $length i32) (local $entry i32) (local $count i32) (local $at i32) (local $offset i32) (local $rest i32)
    (local.set $length (i32.sub (local.get $end) (local.get $start)))
    (local.set $count (i32.load (local.get $table)))
    (block $none
      (loop $entries
        (br_if $none (i32.ge_u (local.get $entry) (local.get $count)))
        (local.set $at (i32.add (i32.add (local.get $table) (i32.const 4)) (i32.mul (local.get $entry) (i32.const 68))))
        (if (i32.eq (i32.load (local.get $at)) (local.get $length))
          (then
            ;; Eight bytes at a time; the last word's bytes past the value masked off (both sides may hold
            ;; anything there: the next field, or an entry's unused room).
            (local.set $offset (i32.const 0))
            (block $differ
              (loop $words
                (local.set $rest (i32.sub (local.get $length) (local.get $offset)))
                (if (i32.le_s (local.get $rest) (i32.const 0)) (then (return (local.get $entry))))
                (br_if $differ (i64.ne (i64.const 0)
                  (i64.and
                    (i64.xor (i64.load offset=4 (i32.add (local.get $at) (local.get $offset))) (i64.load (i32.add (local.get $start) (local.get $offset))))
                    (select (i64.const -1)
                      (i64.sub (i64.shl (i64.const 1) (i64.extend_i32_u (i32.shl (local.get $rest) (i32.const 3)))) (i64.const 1))
                      (i32.ge_s (local.get $rest) (i32.const 8))))))
                (local.set $offset (i32.add (local.get $offset) (i32.const 8)))
                (br $words)))))
        (local.set $entry (i32.add (local.get $entry) (i32.const 1)))
        (br $entries)))
    (i32.const -1))

  ;; Reads rows from the record at `start` while one starts before `stopBefore` and `most` are not written,
  ;; each at `out` on (ROW_WORDS i32 apart); `end`: the bytes' end. Returns how many it wrote.
  (func (export "rows") (param $start i32) (param $end i32) (param $stopBefore i32) (param $out i32) (param $most i32) (result i32)
    (local $count i32)
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $start) (local.get $stopBefore)))
        (br_if $done (i32.ge_u (local.get $count) (local.get $most)))
        (br_if $done (i32.eqz (call $row (local.get $start) (local.get $end) (local.get $out))))
        (local.set $start (i32.load (local.get $out)))
        (local.set $out (i32.add (local.get $out) (i32.const 72)))
        (local.set $count (i32.add (local.get $count) (i32.const 1)))
        (br $each)))
    (local.get $count))
  ;; ---- Chunk records (respondents.ts' chunk ledger, fast-rows.ts' fastRows): a row this module read, turned
  ;; into the record the JavaScript's ledger would note for it, when that is all the row asks for: a known
  ;; variant and segment (entries the JavaScript told `setVariant` and `setPlace` of, with the row's day), a
  ;; whole-number or blank response ID, a respondent or an ID (else the row is counted at once, not noted),
  ;; the day within the window. Anything else stops `records` before that row, which the JavaScript counts.

  (global $placeMask (mut i32) (i32.const 8191))

  ;; A new chunk's ledger: no variant's index and no place known.
  (func (export "resetLedger")
    (global.set $places (i32.const 0))
    (memory.fill (i32.const 4632576) (i32.const 0xff) (i32.const 128))
    (memory.fill (i32.const 4636672) (i32.const 0) (i32.const 131072)))

  ;; The ledger's index of the variant of Interner entry `entry` (0..31).
  (func (export "setVariant") (param $entry i32) (param $index i32)
    (if (i32.lt_u (local.get $entry) (i32.const 32))
      (then (i32.store (i32.add (i32.const 4632576) (i32.shl (local.get $entry) (i32.const 2))) (local.get $index)))))

  ;; The slot of a place key (k1: variant entry + 1 | (segment entry + 2) << 8, never 0; k2: the day), or the
  ;; empty slot where it would go: linear probing from the mixed key.
  (func $placeSlot (param $k1 i32) (param $k2 i32) (result i32)
    (local $slot i32) (local $at i32) (local $stored i32)
    (local.set $slot (i32.and (call $fmix32 (i32.xor (i32.mul (local.get $k1) (i32.const 0x9e3779b1)) (local.get $k2))) (global.get $placeMask)))
    (loop $probe (result i32)
      (local.set $at (i32.add (i32.const 4636672) (i32.shl (local.get $slot) (i32.const 4))))
      (local.set $stored (i32.load (local.get $at)))
      (if (i32.or (i32.eqz (local.get $stored))
                  (i32.and (i32.eq (local.get $stored) (local.get $k1)) (i32.eq (i32.load offset=4 (local.get $at)) (local.get $k2))))
        (then (return (local.get $at))))
      (local.set $slot (i32.and (i32.add (local.get $slot) (i32.const 1)) (global.get $placeMask)))
      (br $probe)))

  ;; The place (FileCells.id) of the variant entry, segment entry (-1: no segment column) and day (0: no
  ;; dates). At most 6,144 places are kept (3/4 of the slots); beyond, rows of other places are the
  ;; JavaScript's. Returns whether it is kept.
  (global $places (mut i32) (i32.const 0))
  (func (export "setPlace") (param $variant i32) (param $segment i32) (param $day i32) (param $place i32) (result i32)
    (local $k1 i32) (local $at i32)
    (if (i32.or (i32.ge_u (local.get $variant) (i32.const 32)) (i32.ge_u (i32.add (local.get $segment) (i32.const 1)) (i32.const 33)))
      (then (return (i32.const 0))))
    (local.set $k1 (i32.or (i32.add (local.get $variant) (i32.const 1)) (i32.shl (i32.add (local.get $segment) (i32.const 2)) (i32.const 8))))
    (local.set $at (call $placeSlot (local.get $k1) (local.get $day)))
    (if (i32.eqz (i32.load (local.get $at)))
      (then
        (if (i32.ge_u (global.get $places) (i32.const 6144)) (then (return (i32.const 0))))
        (global.set $places (i32.add (global.get $places) (i32.const 1)))))
    (i32.store (local.get $at) (local.get $k1))
    (i32.store offset=4 (local.get $at) (local.get $day))
    (i32.store offset=8 (local.get $at) (local.get $place))
    (i32.const 1))

  ;; Chunk records for the rows from row `from` of `count` at `rowsAt`, while each is one `records` takes:
  ;; written from 4767744 (sequence number `seq` for the first, then one more each). `flags`: 1 dates, 2 a
  ;; segment column. Returns the rows taken. A row's day needs no window check: its place is known only if the
  ;; JavaScript used a row of that variant, segment and day; and `rows` takes only times of day (hours to 23,
  ;; seconds to 59), so the day is the one written (its milliseconds are within it).
  (func (export "records") (param $rowsAt i32) (param $from i32) (param $count i32) (param $seq i32) (param $flags i32) (result i32)
    (local $row i32) (local $end i32) (local $out i32) (local $taken i32) (local $variant i32) (local $index i32)
    (local $segment i32) (local $day i32) (local $slot i32) (local $idHigh i32) (local $idLow i32)
    (local $kind i32) (local $personHigh i32) (local $personLow i32)
    (local.set $row (i32.add (local.get $rowsAt) (i32.mul (local.get $from) (i32.const 72))))
    (local.set $end (i32.add (local.get $rowsAt) (i32.mul (i32.add (local.get $from) (local.get $count)) (i32.const 72))))
    (local.set $out (i32.const 4767744))
    (block $stop
      (loop $each
        (br_if $stop (i32.ge_u (local.get $row) (local.get $end)))
        ;; The variant: an entry whose ledger index is known (found again if it was not known yet when the row
        ;; was read: the JavaScript may have met it since).
        (local.set $variant (i32.load offset=60 (local.get $row)))
        (if (i32.lt_s (local.get $variant) (i32.const 0))
          (then (local.set $variant (call $intern (i32.const 4624384) (i32.load offset=40 (local.get $row)) (i32.load offset=44 (local.get $row))))))
        (br_if $stop (i32.ge_u (local.get $variant) (i32.const 32)))
        (local.set $index (i32.load (i32.add (i32.const 4632576) (i32.shl (local.get $variant) (i32.const 2)))))
        (br_if $stop (i32.lt_s (local.get $index) (i32.const 0)))
        ;; The day (0 without dates).
        (local.set $day (i32.const 0))
        (if (i32.and (local.get $flags) (i32.const 1))
          (then (local.set $day (i32.load offset=8 (local.get $row)))))
        ;; The segment: an entry, or none without a segment column.
        (local.set $segment (i32.const -1))
        (if (i32.and (local.get $flags) (i32.const 2))
          (then
            (local.set $segment (i32.load offset=64 (local.get $row)))
            (if (i32.lt_s (local.get $segment) (i32.const 0))
              (then (local.set $segment (call $intern (i32.const 4626564) (i32.load offset=48 (local.get $row)) (i32.load offset=52 (local.get $row))))))
            (br_if $stop (i32.ge_u (local.get $segment) (i32.const 32)))))
        ;; The response ID: a whole number (NUMERIC, its high and low words) or none; a hashed one is the JavaScript's.
        (local.set $kind (i32.load offset=16 (local.get $row)))
        (local.set $idHigh (i32.const 0))
        (local.set $idLow (i32.const 0))
        (if (i32.eq (local.get $kind) (i32.const 1))
          (then
            (local.set $idHigh (i32.or (i32.const 0x80000000) (i32.load offset=20 (local.get $row))))
            (local.set $idLow (i32.load offset=24 (local.get $row))))
          (else (br_if $stop (i32.ne (local.get $kind) (i32.const 0)))))
        (local.set $personHigh (i32.const 0))
        (local.set $personLow (i32.const 0))
        (if (i32.ne (i32.load offset=28 (local.get $row)) (i32.const 0))
          (then
            (local.set $personHigh (i32.load offset=32 (local.get $row)))
            (local.set $personLow (i32.load offset=36 (local.get $row)))))
        ;; Neither: the row is counted at once, by the JavaScript.
        (br_if $stop (i32.eqz (i32.or (i32.or (local.get $idHigh) (local.get $idLow)) (i32.or (local.get $personHigh) (local.get $personLow)))))
        ;; The place, known.
        (local.set $slot (call $placeSlot
          (i32.or (i32.add (local.get $variant) (i32.const 1)) (i32.shl (i32.add (local.get $segment) (i32.const 2)) (i32.const 8)))
          (local.get $day)))
        (br_if $stop (i32.eqz (i32.load (local.get $slot))))
        ;; CHUNK_SEQ, CHUNK_ID_HIGH, CHUNK_ID_LOW, CHUNK_PERSON_HIGH, CHUNK_PERSON_LOW, CHUNK_VARIANT, CHUNK_OUTCOME.
        (i32.store (local.get $out) (i32.add (local.get $seq) (local.get $taken)))
        (i32.store offset=4 (local.get $out) (local.get $idHigh))
        (i32.store offset=8 (local.get $out) (local.get $idLow))
        (i32.store offset=12 (local.get $out) (local.get $personHigh))
        (i32.store offset=16 (local.get $out) (local.get $personLow))
        (i32.store offset=20 (local.get $out) (local.get $index))
        (i32.store offset=24 (local.get $out)
          (i32.add (i32.shl (i32.load offset=8 (local.get $slot)) (i32.const 4)) (i32.load offset=4 (local.get $row))))
        (local.set $out (i32.add (local.get $out) (i32.const 28)))
        (local.set $taken (i32.add (local.get $taken) (i32.const 1)))
        (local.set $row (i32.add (local.get $row) (i32.const 72)))
        (br $each)))
    (local.get $taken))
)
