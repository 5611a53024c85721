/** Scanned page images on disk: grey PNGs in the scans folder beside the database, named by the SHA-256 of their bytes, so a page scanned twice is stored once. */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { GreyImage } from '../../surveys/omr/reading';

const HASH = /^[0-9a-f]{64}$/;

export const imagePath = (dir: string, hash: string) => {
  if (!HASH.test(hash)) throw new Error(`not an image hash: ${hash}`);
  return join(dir, `${hash}.png`);
};

/** PNG bytes of a grey image (lossless: the stored page is exactly the page the reader read). */
export async function greyPng(image: GreyImage): Promise<Buffer> {
  return sharp(Buffer.from(image.data.buffer, image.data.byteOffset, image.data.length), {
    raw: { width: image.width, height: image.height, channels: 1 },
  })
    .png({ compressionLevel: 6 })
    .toBuffer();
}

/** Stores a page image (written under a temporary name, then renamed: a reader never sees half a file); returns its hash. */
export async function storePageImage(dir: string, image: GreyImage): Promise<string> {
  const png = await greyPng(image);
  const hash = createHash('sha256').update(png).digest('hex');
  const path = imagePath(dir, hash);
  const exists = await stat(path).then(
    () => true,
    () => false,
  );
  if (!exists) {
    await mkdir(dir, { recursive: true });
    const tmp = `${path}.${process.pid}.${Date.now()}.tmp`;
    await writeFile(tmp, png);
    await rename(tmp, path);
  }
  return hash;
}

/** A stored page image as grey pixels. */
export async function loadPageImage(dir: string, hash: string): Promise<GreyImage> {
  const { data, info } = await sharp(await readFile(imagePath(dir, hash)))
    .extractChannel(0)
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}
