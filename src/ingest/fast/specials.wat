;; The special bytes of a CSV stretch, 16 bytes at a time (see special-index.ts, which copies each stretch into
;; this module's memory and reads the positions back). Assembled into dist/ by scripts/build-wasm.mjs.
(module
  ;; 8 pages (512 KB): the stretch at 0 (up to 64 KB, and the 16 bytes after it that a last load reads), the
  ;; positions from 128 KB (up to 64 K of them, 4 bytes each).
  (memory (export "memory") 8)

  ;; Writes at `out` the offset from `start` (an i32) of every byte in [start, end) that is the delimiter, a
  ;; quote (0x22), CR (0x0d) or LF (0x0a), in order; returns how many. Each 16-byte block is compared with the
  ;; four bytes at once, the results folded into a 16-bit mask (i8x16.bitmask), and the mask's set bits
  ;; written lowest first (i32.ctz, then clearing the lowest bit). The last block's bits past `end` are masked off.
  (func (export "specials") (param $start i32) (param $end i32) (param $out i32) (param $delimiter i32) (result i32)
    (local $p i32) (local $n i32) (local $mask i32) (local $v v128) (local $delimiters v128) (local $rest i32)
    (local.set $delimiters (i8x16.splat (local.get $delimiter)))
    (local.set $p (local.get $start))
    (block $done
      (loop $blocks
        (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $v (v128.load align=1 (local.get $p)))
        (local.set $mask (i8x16.bitmask
          (v128.or
            (v128.or
              (i8x16.eq (local.get $v) (local.get $delimiters))
              (i8x16.eq (local.get $v) (v128.const i8x16 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22 0x22)))
            (v128.or
              (i8x16.eq (local.get $v) (v128.const i8x16 0x0d 0x0d 0x0d 0x0d 0x0d 0x0d 0x0d 0x0d 0x0d 0x0d 0x0d 0x0d 0x0d 0x0d 0x0d 0x0d))
              (i8x16.eq (local.get $v) (v128.const i8x16 0x0a 0x0a 0x0a 0x0a 0x0a 0x0a 0x0a 0x0a 0x0a 0x0a 0x0a 0x0a 0x0a 0x0a 0x0a 0x0a))))))
        (local.set $rest (i32.sub (local.get $end) (local.get $p)))
        (if (i32.lt_u (local.get $rest) (i32.const 16))
          (then (local.set $mask (i32.and (local.get $mask) (i32.sub (i32.shl (i32.const 1) (local.get $rest)) (i32.const 1))))))
        (block $written
          (loop $bits
            (br_if $written (i32.eqz (local.get $mask)))
            (i32.store
              (i32.add (local.get $out) (i32.shl (local.get $n) (i32.const 2)))
              (i32.add (i32.sub (local.get $p) (local.get $start)) (i32.ctz (local.get $mask))))
            (local.set $n (i32.add (local.get $n) (i32.const 1)))
            (local.set $mask (i32.and (local.get $mask) (i32.sub (local.get $mask) (i32.const 1))))
            (br $bits)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (br $blocks)))
    (local.get $n)))
