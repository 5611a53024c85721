/** `scan import`: scanned returns (PDF, TIFF, PNG, JPEG) read into keyed passes by `omr`, the unsure cells queued for a person, every page that could not be used listed. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { dateTimeVi } from '../../surveys/format-vi';
import { placedKeyedText, rescanHelps, scanText } from '../../surveys/omr/scan-plan';
import { cleanText } from '../../surveys/text';
import { importScans, realScanDeps } from '../../server/scan/import-scans';
import { campaignOrFail } from '../campaign-lookup';
import type { Command } from '../command';
import { fail } from '../io';

/** A progress line at most this often on stderr: a 300-page scan reads for minutes. */
const PROGRESS_EVERY_MS = 3_000;

function readScanFile(path: string) {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    fail(`cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return { name: basename(path), bytes };
}

export const scanCommand: Command = {
  usage: 'scan import <campaign> <files...> --operator NAME',
  options: { operator: { type: 'string' } },
  async run(db, [sub, code, ...paths], values, config) {
    if (sub !== 'import') fail(`usage: ${scanCommand.usage}`);
    const c = campaignOrFail(db, code);
    if (!paths.length) fail('name the scanned files (PDF, TIFF, PNG or JPEG)');
    const scannedBy = cleanText(String(values.operator ?? ''));
    if (!scannedBy) fail('--operator NAME is required (who scanned the paper)');
    const files = paths.map(readScanFile);
    let last = Date.now();
    const out = await importScans(
      db,
      c,
      files,
      { scannedBy, by: null },
      {
        scansDir: config.scansPath,
        deps: realScanDeps(db, config.chromiumPath),
        onProgress: (p) => {
          const now = Date.now();
          if (now - last < PROGRESS_EVERY_MS) return;
          last = now;
          console.error(`scan: ${p.pages} pages decoded, ${p.pagesRead} read (${p.filesDone}/${p.files} files)`);
        },
      },
    );
    if (out.ok === false && out.unreadable)
      fail(
        ...out.unreadable.map((name) =>
          out.damaged ? `${name}: the file is damaged or cut short and cannot be opened; nothing was read` : `${name}: not a PDF, TIFF, PNG or JPEG file`,
        ),
      );
    if (!out.ok) {
      const unlisted = out.errorCount - out.problems.length;
      fail(...out.problems.map((p) => placedKeyedText(p, 'en')), ...(unlisted > 0 ? [`… ${unlisted} more problems not listed`] : []));
    }
    const passes = [1, 2].map((n) => out.forms.filter((f) => f.pass === n).length);
    const of = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
    // In double entry the cells read unsure wait for no one: the blind second pass checks every cell.
    const unsure = out.forms.reduce((n, f) => n + f.unsure, 0) - out.queued;
    console.log(
      `${of(out.pages, 'page', 'pages')}: ${of(out.forms.length, 'form', 'forms')} read (pass 1: ${passes[0]}, pass 2: ${passes[1]}), ` +
        `${of(out.queued, 'cell', 'cells')} sent to verification${unsure > 0 ? ` (${of(unsure, 'cell', 'cells')} read unsure, left to the second keyed pass)` : ''}, ${of(out.problems.length, 'problem', 'problems')}`,
    );
    for (const f of out.forms)
      if (f.kept)
        console.log(`form ${f.serial}: read with page ${f.kept.pages.join(', ')} kept from an earlier upload (file ${f.kept.file}, ${dateTimeVi(f.kept.at)})`);
    // Grouped as the console groups them: the pages a rescan can help first, so no one rescans a stack for nothing.
    const groups = [
      { title: 'Scan these pages again, or key their forms at the desk (pages a form already has are kept)', list: out.problems.filter(rescanHelps) },
      { title: 'No rescan needed', list: out.problems.filter((p) => !rescanHelps(p)) },
    ];
    for (const g of groups) if (g.list.length) console.log([`${g.title} (${g.list.length}):`, ...g.list.map((p) => `  ${scanText(p, 'en')}`)].join('\n'));
  },
};
