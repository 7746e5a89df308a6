/*
 * Reference outputs for src/stats/random.ts, from the authors' C code.
 * xoshiro128** 1.1 and splitmix64 are by David Blackman and Sebastiano Vigna (public domain,
 * https://prng.di.unimi.it/xoshiro128starstar.c and https://prng.di.unimi.it/splitmix64.c); the seeding
 * (two splitmix64 outputs, low word first) and the 53-bit double (genrand_res53 of Matsumoto & Nishimura's
 * mt19937ar.c) are how nps-ab uses them. Run by generate.py:  cc -O2 -o /tmp/xoshiro xoshiro128starstar.c
 * && /tmp/xoshiro <seed> <count>
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static uint64_t splitmix_state;
static uint64_t splitmix64(void) {
  uint64_t z = (splitmix_state += 0x9e3779b97f4a7c15);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

static inline uint32_t rotl(const uint32_t x, int k) { return (x << k) | (x >> (32 - k)); }
static uint32_t s[4];
static uint32_t next(void) {
  const uint32_t result = rotl(s[1] * 5, 7) * 9;
  const uint32_t t = s[1] << 9;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 11);
  return result;
}

int main(int argc, char **argv) {
  long long seed = atoll(argv[1]);
  int count = atoi(argv[2]);
  splitmix_state = (uint64_t)seed;
  uint64_t first = splitmix64(), second = splitmix64();
  s[0] = (uint32_t)first; s[1] = (uint32_t)(first >> 32);
  s[2] = (uint32_t)second; s[3] = (uint32_t)(second >> 32);
  for (int i = 0; i < count; i++) {
    uint32_t a = next() >> 5, b = next() >> 6;
    printf("%.17g\n", (a * 67108864.0 + b) * (1.0 / 9007199254740992.0));
  }
  return 0;
}
