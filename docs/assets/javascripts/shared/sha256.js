// SHA-256 (FIPS 180-4) of a Uint8Array, as 64 lowercase hex digits.
//
// Why our own: the browser's crypto.subtle exists only in secure contexts (https, localhost), and
// the site may be served over plain http inside a company; the review page must still name the
// exact file it reviewed. Tests compare it with Python's hashlib on random inputs.

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** The SHA-256 of `bytes` (a Uint8Array) as 64 lowercase hexadecimal digits. */
export function sha256(bytes) {
  return new Sha256().update(bytes).hex();
}

/** SHA-256 fed in pieces (update), for files read as a stream (a ticket export of 100 MB). */
export class Sha256 {
  constructor() {
    this.h = new Uint32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
    this.w = new Int32Array(64);
    this.block = new Uint8Array(64);
    this.view = new DataView(this.block.buffer);
    this.filled = 0; // bytes waiting in `block`
    this.length = 0; // bytes seen
  }

  update(bytes) {
    this.length += bytes.length;
    let at = 0;
    if (this.filled) {
      const take = Math.min(64 - this.filled, bytes.length);
      this.block.set(bytes.subarray(0, take), this.filled);
      this.filled += take;
      at = take;
      if (this.filled < 64) return this;
      this.compress(this.view, 0);
      this.filled = 0;
    }
    const whole = at + ((bytes.length - at) & ~63);
    if (whole > at) {
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      for (; at < whole; at += 64) this.compress(view, at);
    }
    this.block.set(bytes.subarray(at), 0);
    this.filled = bytes.length - at;
    return this;
  }

  hex() {
    // Padding: a 1 bit, zeros, and the length in bits as a 64-bit big-endian number, to 64 bytes.
    const length = this.length;
    const tail = new Uint8Array((this.filled + 8 < 64 ? 64 : 128));
    tail.set(this.block.subarray(0, this.filled));
    tail[this.filled] = 0x80;
    const view = new DataView(tail.buffer);
    view.setUint32(tail.length - 8, Math.floor(length / 0x20000000)); // high word of length × 8
    view.setUint32(tail.length - 4, (length << 3) >>> 0);
    for (let offset = 0; offset < tail.length; offset += 64) this.compress(view, offset);
    return Array.from(this.h, (x) => x.toString(16).padStart(8, "0")).join("");
  }

  // Written for speed (a 100 MB export is hashed as it is read): 32-bit integer arithmetic (| 0),
  // the state in locals, no iterator or destructuring in the loop.
  compress(view, offset) {
    const { h, w } = this;
    for (let t = 0; t < 16; t++) w[t] = view.getInt32(offset + 4 * t);
    for (let t = 16; t < 64; t++) {
      const x = w[t - 15];
      const y = w[t - 2];
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
    }
    let a = h[0] | 0; let b = h[1] | 0; let c = h[2] | 0; let d = h[3] | 0;
    let e = h[4] | 0; let f = h[5] | 0; let g = h[6] | 0; let hh = h[7] | 0;
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const t1 = (hh + S1 + ((e & f) ^ (~e & g)) + K[t] + w[t]) | 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      hh = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += hh;
  }
}
