/** One scan import from files to database, for the CLI and the console alike: decode and store every page, identify it, measure the layouts of the forms found once, read each page against its map, then plan and store in one transaction. */
import type { Db } from '../../db/open';
import type { StoredCampaign } from '../../db/campaigns.repo';
import { printableForms } from '../../db/forms.repo';
import { storeScanImport, type ReadScanPage, type ScanImportResult } from '../../db/scans.repo';
import type { FormMap } from '../../surveys/omr/layout-map';
import type { PageId, PageReading, ReadPage } from '../../surveys/omr/reading';
import { readPage } from '../../surveys/omr/read-page';
import { decodeScanFile, scanFileKind } from './decode';
import { loadPageImage, storePageImage } from './images';

export type ScanFile = { name: string; bytes: Uint8Array };

/**
 * What the import needs from outside: the reader, and the layout of the forms it found. Tests give constructed
 * ones; the real ones are the reader (surveys/omr/read-page.ts) and the layout measured in Chromium.
 */
export type ScanDeps = {
  readPage: ReadPage;
  layoutOf: (c: StoredCampaign, serials: readonly string[]) => Promise<ReadonlyMap<string, FormMap>>;
};

/** The reader and the layout measured in Chromium for the forms of `serials`, as printed. */
export function realScanDeps(db: Db, chromium?: string): ScanDeps {
  return {
    readPage,
    async layoutOf(c, serials) {
      const wanted = new Set(serials);
      const forms = printableForms(db, c.id, {}).filter((f) => wanted.has(f.serial));
      if (!forms.length) return new Map();
      // Loaded when a scan is read: the measurement drives Chromium (dev dependencies), which a server without them
      // must not need to start.
      const { measureLayoutMap } = await import('../render/layout-map');
      const map = await measureLayoutMap(c.def, forms, { chromium });
      return new Map(map.forms.map((f) => [f.serial, f]));
    },
  };
}

export type ScanImportProgress = { files: number; filesDone: number; pages: number; pagesRead: number };

export type ScanImportOutcome = { ok: false; unreadable: string[] } | (ScanImportResult & { unreadable?: undefined });

/**
 * Reads the files and stores the import. A file that is not a PDF, PNG, JPEG or TIFF refuses the whole import before
 * anything is read (its name is returned). Pages are stored on disk as they are decoded, then read twice: once for
 * the QR code alone (the map is asked for and refused), once with the form's measured map; only the page being read
 * is in memory.
 */
export async function importScans(
  db: Db,
  c: StoredCampaign,
  files: readonly ScanFile[],
  who: { scannedBy: string; by: string | null },
  env: { scansDir: string; deps: ScanDeps; onProgress?: (p: ScanImportProgress) => void },
): Promise<ScanImportOutcome> {
  const unreadable = files.filter((f) => scanFileKind(f.bytes) === null).map((f) => f.name);
  if (unreadable.length) return { ok: false, unreadable };
  const { deps, scansDir } = env;
  const progress: ScanImportProgress = { files: files.length, filesDone: 0, pages: 0, pagesRead: 0 };
  const report = () => env.onProgress?.({ ...progress });

  // 1. Every page stored and identified by its QR code.
  type Seen = Omit<ReadScanPage, 'reading'> & { id: PageId | null; first: PageReading };
  const seen: Seen[] = [];
  for (const file of files) {
    let n = 0;
    for await (const image of decodeScanFile(file.bytes)) {
      n += 1;
      const hash = await storePageImage(scansDir, image);
      let id: PageId | null = null;
      const first = await deps.readPage(image, (found) => {
        id = found;
        return null;
      });
      seen.push({ at: { file: file.name, page: n }, hash, width: image.width, height: image.height, id, first });
      progress.pages += 1;
      report();
    }
    progress.filesDone += 1;
    report();
  }

  // 2. The layouts of the forms found, measured once.
  const serials = [...new Set(seen.flatMap((s) => (s.id ? [s.id.serial] : [])))];
  const maps = serials.length ? await deps.layoutOf(c, serials) : new Map<string, FormMap>();

  // 3. Each identified page read against its page's map.
  const pages: ReadScanPage[] = [];
  for (const s of seen) {
    const { id, first, ...page } = s;
    let reading = first;
    if (id && maps.has(id.serial)) {
      const image = await loadPageImage(scansDir, s.hash);
      reading = await deps.readPage(image, (found) => maps.get(found.serial)?.pages.find((p) => p.page === found.page) ?? null);
    }
    pages.push({ ...page, reading });
    progress.pagesRead += 1;
    report();
  }
  const fileName = files.map((f) => f.name).join(', ');
  return storeScanImport(db, c, pages, { ...who, fileName: fileName.length > 200 ? `${fileName.slice(0, 197)}…` : fileName });
}
