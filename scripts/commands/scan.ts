/** `scan import`: scanned returns (PDF, TIFF, PNG, JPEG) read into keyed passes by `omr`, the unsure cells queued for a person, every page that could not be used listed. */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
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
    if (out.ok === false && out.unreadable) fail(...out.unreadable.map((name) => `${name}: not a PDF, TIFF, PNG or JPEG file`));
    if (!out.ok) {
      const unlisted = out.errorCount - out.problems.length;
      fail(...out.problems.map((p) => placedKeyedText(p, 'en')), ...(unlisted > 0 ? [`… ${unlisted} more problems not listed`] : []));
    }
    const passes = [1, 2].map((n) => out.forms.filter((f) => f.pass === n).length);
    console.log(
      `${out.pages} pages: ${out.forms.length} forms read (pass 1: ${passes[0]}, pass 2: ${passes[1]}), ${out.queued} cells sent to verification, ${out.problems.length} problems`,
    );
    // Grouped as the console groups them: the pages a rescan can help first, so no one rescans a stack for nothing.
    const groups = [
      { title: 'Scan these pages again, or key their forms at the desk (pages a form already has are kept)', list: out.problems.filter(rescanHelps) },
      { title: 'No rescan needed', list: out.problems.filter((p) => !rescanHelps(p)) },
    ];
    for (const g of groups) if (g.list.length) console.log([`${g.title} (${g.list.length}):`, ...g.list.map((p) => `  ${scanText(p, 'en')}`)].join('\n'));
  },
};
