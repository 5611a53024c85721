/** One scan import from files to database, for the CLI and the console alike: decode and store every page, identify it, measure the layouts of the forms found once, read each page against its map, then plan and store in one transaction. */
import type { Db } from '../../db/open';
import type { StoredCampaign } from '../../db/campaigns.repo';
import { printableForms } from '../../db/forms.repo';
import { storeScanImport, type ReadScanPage, type ScanImportResult } from '../../db/scans.repo';
import { listCampaigns } from '../../db/campaigns.repo';
import { campaignTag, type FormMap, type PageMap } from '../../surveys/omr/layout-map';
import { identifyPage, type Identified } from '../../surveys/omr/qr';
import type { GreyImage, PageReading } from '../../surveys/omr/reading';
import { readIdentified } from '../../surveys/omr/read-page';
import { decodeScanFile, scanFileKind, type PdfPages } from './decode';
import { loadPageImage, storePageImage } from './images';

export type ScanFile = { name: string; bytes: Uint8Array };

/**
 * The reader in its two steps: which page an image is (its QR code), then the page read against its map (null when
 * the page is not one of ours). The server runs both on a worker thread (app.offload), the CLI in its own thread.
 */
export type PageReader = {
  /** A PDF's pages as pixels (pdfjs draws on the thread it runs on); the other formats decode through sharp. */
  pdfPages?: PdfPages;
  identify: (image: GreyImage) => Promise<Identified>;
  read: (image: GreyImage, found: Identified, map: PageMap | null) => Promise<PageReading>;
};

/** The reader on the calling thread (surveys/omr). */
export const inThreadReader: PageReader = {
  identify: async (image) => identifyPage(image),
  read: async (image, found, map) => readIdentified(image, found, () => map),
};

/**
 * What the import needs from outside: the reader, and the layout of the forms it found. Tests give constructed
 * ones; the real ones are the reader (surveys/omr/read-page.ts) and the layout measured in Chromium.
 */
export type ScanDeps = PageReader & {
  layoutOf: (c: StoredCampaign, serials: readonly string[]) => Promise<ReadonlyMap<string, FormMap>>;
};

/** The reader given (by default on this thread) and the layout measured in Chromium for the forms of `serials`, as printed. */
export function realScanDeps(db: Db, chromium?: string, reader: PageReader = inThreadReader): ScanDeps {
  return {
    ...reader,
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

/** `unreadable`: files that are not scans, or with `damaged` a file that is one but cannot be opened (cut short, corrupt). */
export type ScanImportOutcome = { ok: false; unreadable: string[]; damaged?: true } | (ScanImportResult & { unreadable?: undefined });

/**
 * Reads the files and stores the import. A file that is not a PDF, PNG, JPEG or TIFF refuses the whole import before
 * anything is read (its name is returned). Pages are stored on disk as they are decoded and identified by their QR
 * code; then the layouts of the forms found are measured once, and each page is read against its page's map; only
 * the page being read is in memory.
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
  type Seen = Omit<ReadScanPage, 'reading'> & { found: Identified };
  // Serials are numbered per campaign: a page whose QR code carries another campaign's tag is that campaign's form,
  // whatever its serial (pages printed before the tag carry none and are taken as this campaign's).
  const tags = new Map(listCampaigns(db).map((x) => [campaignTag(x.code), x.code]));
  const ours = campaignTag(c.code);
  const ofCampaign = (found: Identified): Identified =>
    !found.ok || found.campaign === null || found.campaign === ours
      ? found
      : { ok: false, problem: { kind: 'campaign-other', serial: found.serial, page: found.page, other: tags.get(found.campaign) ?? null } };
  const seen: Seen[] = [];
  for (const file of files) {
    let n = 0;
    const pagesOf = decodeScanFile(file.bytes, deps.pdfPages)[Symbol.asyncIterator]();
    for (;;) {
      let next: IteratorResult<GreyImage>;
      try {
        next = await pagesOf.next();
      } catch {
        // A PDF cut short in the upload, a corrupt TIFF: the whole import is refused, naming the file (nothing is
        // written; page images already stored are content-addressed and harmless).
        return { ok: false, unreadable: [file.name], damaged: true };
      }
      if (next.done) break;
      const image = next.value;
      n += 1;
      const hash = await storePageImage(scansDir, image);
      const found = ofCampaign(await deps.identify(image));
      seen.push({ at: { file: file.name, page: n }, hash, width: image.width, height: image.height, found });
      progress.pages += 1;
      report();
    }
    progress.filesDone += 1;
    report();
  }

  // 2. The layouts of the forms found, measured once.
  const serials = [...new Set(seen.flatMap((s) => (s.found.ok ? [s.found.serial] : [])))];
  const maps = serials.length ? await deps.layoutOf(c, serials) : new Map<string, FormMap>();

  // 3. Each identified page read against its page's map.
  const pages: ReadScanPage[] = [];
  for (const s of seen) {
    const { found, ...page } = s;
    let reading: PageReading;
    if (!found.ok) reading = found;
    else {
      // A QR code of the serial alone (forms printed before the page QR) names page 1 of a one-page form.
      const map = maps.get(found.serial)?.pages.find((p) => p.page === (found.page ?? 1)) ?? null;
      reading = await deps.read(await loadPageImage(scansDir, s.hash), found, map);
    }
    pages.push({ ...page, reading });
    progress.pagesRead += 1;
    report();
  }
  const fileName = files.map((f) => f.name).join(', ');
  return storeScanImport(db, c, pages, { ...who, fileName: fileName.length > 200 ? `${fileName.slice(0, 197)}…` : fileName });
}
