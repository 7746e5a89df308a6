;; Posterior draws of the Net Promoter Score for the Bayesian figures (see monte-carlo-kernel.ts, which writes
;; the tables and shapes into this module's memory, sets the generator's state and reads the draws back).
;; The same arithmetic, in the same order, as random.ts and intervals/bayes.ts: xoshiro128** for the uniforms,
;; Doornik's ziggurat for the normals, Marsaglia & Tsang for the gamma variates; exp and log are JavaScript's
;; own (imported), so every draw is the double the JavaScript code gives. Assembled into dist/ by
;; scripts/build-wasm.mjs. WebAssembly, not JavaScript, because this runs once per analysis: V8 compiles
;; the module's code before it runs, where a JavaScript loop run once spends its first ~50,000 draws in the
;; interpreter (200,000 draws: ~60 ms as JavaScript, ~15 ms here; BENCHMARKS.md).
(module
  (import "math" "exp" (func $exp (param f64) (result f64)))
  (import "math" "log" (func $log (param f64) (result f64)))

  ;; Layout: the ziggurat's edges X_0..X_128 at 0 (129 doubles), its ratios X_{i+1}/X_i at 1032 (128 doubles),
  ;; the gamma constants (d, c) of up to six shapes at 2064 (12 doubles), the draws from 4096. Grown by the caller.
  ;; Given by the caller at the size the draws need: growing it here would detach its buffer, and the first
  ;; buffer detached in a thread makes V8 throw away its optimised code that reads typed arrays.
  (import "kernel" "memory" (memory 1))

  ;; xoshiro128** 1.1 state (Blackman & Vigna 2021), as four 32-bit words.
  (global $s0 (mut i32) (i32.const 0))
  (global $s1 (mut i32) (i32.const 0))
  (global $s2 (mut i32) (i32.const 0))
  (global $s3 (mut i32) (i32.const 0))


  (func (export "setState") (param $a i32) (param $b i32) (param $c i32) (param $d i32)
    (global.set $s0 (local.get $a))
    (global.set $s1 (local.get $b))
    (global.set $s2 (local.get $c))
    (global.set $s3 (local.get $d)))

  (func (export "stateWord") (param $index i32) (result i32)
    (if (result i32) (i32.eqz (local.get $index)) (then (global.get $s0))
      (else (if (result i32) (i32.eq (local.get $index) (i32.const 1)) (then (global.get $s1))
        (else (if (result i32) (i32.eq (local.get $index) (i32.const 2)) (then (global.get $s2)) (else (global.get $s3))))))))

  ;; A uniform double on [0, 1) from the next two 32-bit outputs a, b: (a >>> 5) 2^-27 + (b >>> 6) 2^-53, computed
  ;; as (high 2^26 + low) 2^-53 (random.ts' nextDouble divides by 2^53: the same double, a power of two). Each
  ;; output is rotl(s1 * 5, 7) * 9, then the state steps (random.ts' next32), here on locals, stored once.
  (func $uniform (result f64)
    (local $s0 i32) (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $shifted i32) (local $high i32) (local $low i32)
    (local.set $s0 (global.get $s0))
    (local.set $s1 (global.get $s1))
    (local.set $s2 (global.get $s2))
    (local.set $s3 (global.get $s3))
    (local.set $high (i32.shr_u (i32.mul (i32.rotl (i32.mul (local.get $s1) (i32.const 5)) (i32.const 7)) (i32.const 9)) (i32.const 5)))
    (local.set $shifted (i32.shl (local.get $s1) (i32.const 9)))
    (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
    (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
    (local.set $s1 (i32.xor (local.get $s1) (local.get $s2)))
    (local.set $s0 (i32.xor (local.get $s0) (local.get $s3)))
    (local.set $s2 (i32.xor (local.get $s2) (local.get $shifted)))
    (local.set $s3 (i32.rotl (local.get $s3) (i32.const 11)))
    (local.set $low (i32.shr_u (i32.mul (i32.rotl (i32.mul (local.get $s1) (i32.const 5)) (i32.const 7)) (i32.const 9)) (i32.const 6)))
    (local.set $shifted (i32.shl (local.get $s1) (i32.const 9)))
    (local.set $s2 (i32.xor (local.get $s2) (local.get $s0)))
    (local.set $s3 (i32.xor (local.get $s3) (local.get $s1)))
    (local.set $s1 (i32.xor (local.get $s1) (local.get $s2)))
    (local.set $s0 (i32.xor (local.get $s0) (local.get $s3)))
    (local.set $s2 (i32.xor (local.get $s2) (local.get $shifted)))
    (local.set $s3 (i32.rotl (local.get $s3) (i32.const 11)))
    (global.set $s0 (local.get $s0))
    (global.set $s1 (local.get $s1))
    (global.set $s2 (local.get $s2))
    (global.set $s3 (local.get $s3))
    (f64.mul
      (f64.add (f64.mul (f64.convert_i32_u (local.get $high)) (f64.const 67108864)) (f64.convert_i32_u (local.get $low)))
      (f64.const 0x1p-53)))

  ;; The normal tail beyond R (Marsaglia 1964): x = -ln(1 - U1) / R, y = -ln(1 - U2), until 2y >= x^2. R, where
  ;; the tail begins, is the edge X_1 (random.ts' TAIL_START, written there into its EDGES[1]).
  (func $tail (param $negative i32) (result f64)
    (local $x f64) (local $y f64) (local $tailStart f64)
    (local.set $tailStart (f64.load offset=8 (i32.const 0)))
    (loop $again
      (local.set $x (f64.div (f64.neg (call $log (f64.sub (f64.const 1) (call $uniform)))) (local.get $tailStart)))
      (local.set $y (f64.neg (call $log (f64.sub (f64.const 1) (call $uniform)))))
      (br_if $again (f64.lt (f64.mul (f64.const 2) (local.get $y)) (f64.mul (local.get $x) (local.get $x)))))
    (if (result f64) (local.get $negative)
      (then (f64.neg (f64.add (local.get $tailStart) (local.get $x))))
      (else (f64.add (local.get $tailStart) (local.get $x)))))

  ;; A standard normal variate by the ziggurat (random.ts' standardNormal).
  (func $normal (result f64)
    (local $scaled f64) (local $layer i32) (local $u f64) (local $x f64) (local $edge f64) (local $next f64)
    (local $outer f64) (local $inner f64)
    (loop $draw (result f64)
      (local.set $scaled (f64.mul (call $uniform) (f64.const 128)))
      (local.set $layer (i32.trunc_f64_s (local.get $scaled)))
      (local.set $u (f64.sub (f64.mul (f64.const 2) (f64.sub (local.get $scaled) (f64.convert_i32_s (local.get $layer)))) (f64.const 1)))
      (local.set $edge (f64.load (i32.shl (local.get $layer) (i32.const 3))))
      (local.set $x (f64.mul (local.get $u) (local.get $edge)))
      (if (f64.lt (f64.abs (local.get $u)) (f64.load offset=1032 (i32.shl (local.get $layer) (i32.const 3))))
        (then (return (local.get $x))))
      (if (i32.eqz (local.get $layer))
        (then (return (call $tail (f64.lt (local.get $u) (f64.const 0))))))
      (local.set $next (f64.load offset=8 (i32.shl (local.get $layer) (i32.const 3))))
      (local.set $outer (call $exp (f64.mul (f64.const -0.5)
        (f64.sub (f64.mul (local.get $edge) (local.get $edge)) (f64.mul (local.get $x) (local.get $x))))))
      (local.set $inner (call $exp (f64.mul (f64.const -0.5)
        (f64.sub (f64.mul (local.get $next) (local.get $next)) (f64.mul (local.get $x) (local.get $x))))))
      (if (f64.lt (f64.add (local.get $inner) (f64.mul (call $uniform) (f64.sub (local.get $outer) (local.get $inner)))) (f64.const 1))
        (then (return (local.get $x))))
      (br $draw)))

  ;; A Gamma(shape) variate, shape >= 1, from d = shape - 1/3 and c = 1/sqrt(9d) (random.ts' gammaSampler).
  (func $gamma (param $d f64) (param $c f64) (result f64)
    (local $x f64) (local $v f64) (local $u f64) (local $squared f64)
    (loop $try (result f64)
      (loop $positive
        (local.set $x (call $normal))
        (local.set $v (f64.add (f64.const 1) (f64.mul (local.get $c) (local.get $x))))
        (br_if $positive (f64.le (local.get $v) (f64.const 0))))
      (local.set $v (f64.mul (f64.mul (local.get $v) (local.get $v)) (local.get $v)))
      (local.set $u (f64.sub (f64.const 1) (call $uniform)))
      (local.set $squared (f64.mul (local.get $x) (local.get $x)))
      (if (f64.lt (local.get $u) (f64.sub (f64.const 1) (f64.mul (f64.mul (f64.const 0.0331) (local.get $squared)) (local.get $squared))))
        (then (return (f64.mul (local.get $d) (local.get $v)))))
      (if (f64.lt (call $log (local.get $u))
            (f64.add (f64.mul (f64.const 0.5) (local.get $squared))
              (f64.mul (local.get $d) (f64.add (f64.sub (f64.const 1) (local.get $v)) (call $log (local.get $v))))))
        (then (return (f64.mul (local.get $d) (local.get $v)))))
      (br $try)))

  ;; One posterior draw of the NPS in points, 100 (P - D) / (D + S + P), from the three shapes at `shapes`.
  (func $nps (param $shapes i32) (result f64)
    (local $detractors f64) (local $passives f64) (local $promoters f64)
    (local.set $detractors (call $gamma (f64.load (local.get $shapes)) (f64.load offset=8 (local.get $shapes))))
    (local.set $passives (call $gamma (f64.load offset=16 (local.get $shapes)) (f64.load offset=24 (local.get $shapes))))
    (local.set $promoters (call $gamma (f64.load offset=32 (local.get $shapes)) (f64.load offset=40 (local.get $shapes))))
    (f64.div
      (f64.mul (f64.const 100) (f64.sub (local.get $promoters) (local.get $detractors)))
      (f64.add (f64.add (local.get $detractors) (local.get $passives)) (local.get $promoters))))

  ;; Writes `count` draws as doubles from `out`: of one posterior's NPS (`posteriors` 1, shapes at 2064), or of
  ;; the first's minus the second's (2, the second's shapes at 2112), drawn in that order. Returns how many are > 0.
  (func (export "draw") (param $out i32) (param $count i32) (param $posteriors i32) (result i32)
    (local $end i32) (local $value f64) (local $positive i32)
    (local.set $end (i32.add (local.get $out) (i32.shl (local.get $count) (i32.const 3))))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $out) (local.get $end)))
        (local.set $value (call $nps (i32.const 2064)))
        (if (i32.eq (local.get $posteriors) (i32.const 2))
          (then (local.set $value (f64.sub (local.get $value) (call $nps (i32.const 2112))))))
        (f64.store (local.get $out) (local.get $value))
        (local.set $positive (i32.add (local.get $positive) (f64.gt (local.get $value) (f64.const 0))))
        (local.set $out (i32.add (local.get $out) (i32.const 8)))
        (br $each)))
    (local.get $positive))

  ;; Rearranges the doubles from `base` so that the k-th smallest of those at from..to (element indices) is at k,
  ;; smaller ones before it, larger after: quickselect with a median-of-three pivot and Hoare's partition, as
  ;; quantile.ts' selectInPlace (any correct selection puts the same value at k).
  (func $select (param $base i32) (param $k i32) (param $from i32) (param $to i32)
    (local $left i32) (local $right i32) (local $i i32) (local $j i32) (local $pivot f64) (local $a f64) (local $b f64) (local $c f64) (local $swap f64)
    (local.set $left (local.get $from))
    (local.set $right (local.get $to))
    (block $done
      (loop $narrow
        (br_if $done (i32.ge_s (local.get $left) (local.get $right)))
        (local.set $a (f64.load (i32.add (local.get $base) (i32.shl (local.get $left) (i32.const 3)))))
        (local.set $b (f64.load (i32.add (local.get $base) (i32.shl
          (i32.add (local.get $left) (i32.shr_s (i32.sub (local.get $right) (local.get $left)) (i32.const 1))) (i32.const 3)))))
        (local.set $c (f64.load (i32.add (local.get $base) (i32.shl (local.get $right) (i32.const 3)))))
        ;; The median of a, b, c: a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b.
        (local.set $pivot
          (if (result f64) (f64.lt (local.get $a) (local.get $b))
            (then (if (result f64) (f64.lt (local.get $b) (local.get $c)) (then (local.get $b))
              (else (select (local.get $c) (local.get $a) (f64.lt (local.get $a) (local.get $c))))))
            (else (if (result f64) (f64.lt (local.get $a) (local.get $c)) (then (local.get $a))
              (else (select (local.get $c) (local.get $b) (f64.lt (local.get $b) (local.get $c))))))))
        (local.set $i (local.get $left))
        (local.set $j (local.get $right))
        (block $split
          (loop $partition
            (br_if $split (i32.gt_s (local.get $i) (local.get $j)))
            (block $stop
              (loop $up
                (br_if $stop (i32.eqz (f64.lt (f64.load (i32.add (local.get $base) (i32.shl (local.get $i) (i32.const 3)))) (local.get $pivot))))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (br $up)))
            (block $stop
              (loop $down
                (br_if $stop (i32.eqz (f64.gt (f64.load (i32.add (local.get $base) (i32.shl (local.get $j) (i32.const 3)))) (local.get $pivot))))
                (local.set $j (i32.sub (local.get $j) (i32.const 1)))
                (br $down)))
            (if (i32.le_s (local.get $i) (local.get $j))
              (then
                (local.set $swap (f64.load (i32.add (local.get $base) (i32.shl (local.get $i) (i32.const 3)))))
                (f64.store (i32.add (local.get $base) (i32.shl (local.get $i) (i32.const 3)))
                  (f64.load (i32.add (local.get $base) (i32.shl (local.get $j) (i32.const 3)))))
                (f64.store (i32.add (local.get $base) (i32.shl (local.get $j) (i32.const 3))) (local.get $swap))
                (local.set $i (i32.add (local.get $i) (i32.const 1)))
                (local.set $j (i32.sub (local.get $j) (i32.const 1)))))
            (br $partition)))
        (if (i32.le_s (local.get $k) (local.get $j))
          (then (local.set $right (local.get $j)))
          (else
            (br_if $done (i32.lt_s (local.get $k) (local.get $i)))
            (local.set $left (local.get $i))))
        (br $narrow))))

  ;; The sample quantile of the `count` doubles from `base` (reordering them), as quantile.ts' quantile computes
  ;; it: Hyndman & Fan's definition 7, x_(floor h) + (h - floor h) (x_(floor h + 1) - x_(floor h)), h = (n - 1) q.
  (func (export "quantile") (param $base i32) (param $count i32) (param $probability f64) (result f64)
    (local $position f64) (local $floor f64) (local $below i32) (local $lower f64) (local $upper f64) (local $index i32) (local $value f64)
    (local.set $position (f64.mul (f64.convert_i32_u (i32.sub (local.get $count) (i32.const 1))) (local.get $probability)))
    (local.set $floor (f64.floor (local.get $position)))
    (local.set $below (i32.trunc_f64_u (local.get $floor)))
    (call $select (local.get $base) (local.get $below) (i32.const 0) (i32.sub (local.get $count) (i32.const 1)))
    (local.set $lower (f64.load (i32.add (local.get $base) (i32.shl (local.get $below) (i32.const 3)))))
    (if (i32.or (i32.eq (local.get $below) (i32.sub (local.get $count) (i32.const 1))) (f64.eq (local.get $position) (local.get $floor)))
      (then (return (local.get $lower))))
    (local.set $upper (f64.const inf))
    (local.set $index (i32.add (local.get $below) (i32.const 1)))
    (block $done
      (loop $each
        (br_if $done (i32.ge_u (local.get $index) (local.get $count)))
        (local.set $value (f64.load (i32.add (local.get $base) (i32.shl (local.get $index) (i32.const 3)))))
        (if (f64.lt (local.get $value) (local.get $upper)) (then (local.set $upper (local.get $value))))
        (local.set $index (i32.add (local.get $index) (i32.const 1)))
        (br $each)))
    (f64.add (local.get $lower) (f64.mul (f64.sub (local.get $position) (local.get $floor)) (f64.sub (local.get $upper) (local.get $lower))))))
