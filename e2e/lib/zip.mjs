// Reads a zip file (an .xlsx is one) with nothing but node: the central directory lists
// the entries; an entry is stored or deflated. Enough to check that an exported
// workbook opens and has the parts and sheets it should.
import { readFileSync } from 'node:fs';
import { inflateRawSync } from 'node:zlib';

/** Opens a zip: { names, read(name) → Buffer }. Throws if it is not a zip. */
export function openZip(path) {
  const buf = readFileSync(path);
  // End of central directory: signature 0x06054b50 in the last 64 KiB + 22 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${path} is not a zip file (no end of central directory)`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const entries = new Map();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${path}: bad central directory entry ${n}`);
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    entries.set(name, { method, compressed, local });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return {
    names: [...entries.keys()],
    read(name) {
      const e = entries.get(name);
      if (!e) throw new Error(`${path} has no ${name}`);
      if (buf.readUInt32LE(e.local) !== 0x04034b50) throw new Error(`${path}: bad local header for ${name}`);
      const start = e.local + 30 + buf.readUInt16LE(e.local + 26) + buf.readUInt16LE(e.local + 28);
      const data = buf.subarray(start, start + e.compressed);
      if (e.method === 0) return Buffer.from(data);
      if (e.method === 8) return inflateRawSync(data);
      throw new Error(`${path}: ${name} uses compression method ${e.method}`);
    },
  };
}

/** The sheet names of an .xlsx, in workbook order (from xl/workbook.xml). */
export function xlsxSheetNames(path) {
  const xml = openZip(path).read('xl/workbook.xml').toString('utf8');
  const unescape = (s) =>
    s.replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return [...xml.matchAll(/<sheet\b[^>]*\bname="([^"]*)"/g)].map((m) => unescape(m[1]));
}
