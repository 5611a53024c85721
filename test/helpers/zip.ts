/** Zip files by hand for the workbook and report tests: entries read out of an .xlsx or a .docx, and hostile archives (a bomb, one that lies about its sizes) built byte by byte. */
import { deflateRawSync, inflateRawSync } from 'node:zlib';

/** The text of one entry of a zip (an .xlsx part such as `xl/worksheets/sheet1.xml`), or undefined. */
export function zipEntry(zip: Buffer, name: string): string | undefined {
  return zipBytes(zip, name)?.toString('utf8');
}

/** The names of a zip's entries, in the order of its central directory. */
export function zipNames(zip: Buffer): string[] {
  return centralEntries(zip).map((e) => e.name);
}

/** The bytes of one entry of a zip (a picture in a .docx's `word/media/`), or undefined. */
export function zipBytes(zip: Buffer, name: string): Buffer | undefined {
  const e = centralEntries(zip).find((x) => x.name === name);
  if (!e) return undefined;
  const start = e.local + 30 + zip.readUInt16LE(e.local + 26) + zip.readUInt16LE(e.local + 28);
  const data = zip.subarray(start, start + e.packed);
  return e.method === 8 ? inflateRawSync(data) : Buffer.from(data);
}

/** The central directory: each entry's name, compression method, packed size and the offset of its local header. */
function centralEntries(zip: Buffer): { name: string; method: number; packed: number; local: number }[] {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(eocd + 16);
  const out: { name: string; method: number; packed: number; local: number }[] = [];
  for (let i = zip.readUInt16LE(eocd + 10); i > 0; i--) {
    const nameLength = zip.readUInt16LE(at + 28);
    out.push({
      name: zip.subarray(at + 46, at + 46 + nameLength).toString('utf8'),
      method: zip.readUInt16LE(at + 10),
      packed: zip.readUInt32LE(at + 20),
      local: zip.readUInt32LE(at + 42),
    });
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return out;
}

/** A zip of deflated entries; `declared` overrides the uncompressed size written in the headers (a lying archive). */
export function zipOf(entries: { name: string; data: Buffer; declared?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const packed = deflateRawSync(e.data);
    const size = e.declared ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
