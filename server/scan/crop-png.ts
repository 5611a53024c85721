/** The PNG of a cell's row cut from its stored page image, upright, for the verification screen and the reconciliation. */
import sharp from 'sharp';
import type { Rect } from '../../surveys/omr/layout-map';
import { cropSheetRect } from '../../surveys/omr/crop';
import { loadPageImage } from './images';

/** 8 px a millimetre (about 200 dpi): a 3.5 mm box is 28 px, its mark plain on a phone; 4 mm around the row show its neighbours. */
const PX_PER_MM = 8;
const PAD_MM = 4;

export async function rowCropPng(scansDir: string, hash: string, transform: [number, number, number, number, number, number], row: Rect): Promise<Buffer> {
  const crop = cropSheetRect(await loadPageImage(scansDir, hash), transform, row, { pxPerMm: PX_PER_MM, padMm: PAD_MM });
  return sharp(Buffer.from(crop.data.buffer, crop.data.byteOffset, crop.data.length), { raw: { width: crop.width, height: crop.height, channels: 1 } })
    .png()
    .toBuffer();
}
