/** `print`: the printable forms of a campaign (all, one group or one home unit) as one HTML file, or PDF through Chromium, and/or their layout map for the scan reader, with progress on stderr. */
import { printableForms } from '../../db/forms.repo';
import { measureLayoutMap } from '../../server/render/layout-map';
import { htmlPiecesToPdf } from '../../server/render/pdf';
import { renderPrintPieces, renderPrintRun } from '../../server/render/render';
import type { Campaign } from '../../surveys/campaign';
import type { PrintableForm } from '../../surveys/print-layout';
import { campaignOrFail, selectionOrFail, selectionText } from '../campaign-lookup';
import type { Command } from '../command';
import { emit, fail } from '../io';

/** At most one progress line this often, and always the last one: a whole run prints a dozen lines, not a flood. */
const PROGRESS_EVERY_MS = 3_000;

/** A progress line on stderr at most every PROGRESS_EVERY_MS, and always the last one. */
function progress(what: string, total: number, verb: string): (done: number) => void {
  const started = Date.now();
  let last = started;
  return (done) => {
    const now = Date.now();
    if (now - last < PROGRESS_EVERY_MS && done < total) return;
    last = now;
    console.error(`${what}: ${done}/${total} forms ${verb} (${Math.round((100 * done) / total)} %), ${((now - started) / 1000).toFixed(0)} s`);
  };
}

export const printCommand: Command = {
  usage: 'print <campaign> [--group G] [--home U] [--out F.html|F.pdf] [--layout F.json]',
  options: { group: { type: 'string' }, home: { type: 'string' }, out: { type: 'string' }, layout: { type: 'string' } },
  async run(db, [code], values, config) {
    const c = campaignOrFail(db, code);
    const out = values.out as string | undefined;
    const layout = values.layout as string | undefined;
    if (!out && !layout) fail('--out F.html or F.pdf (the forms) or --layout F.json (their layout map) is required');
    if (layout !== undefined && !layout.toLowerCase().endsWith('.json')) fail(`--layout writes JSON: give a file name ending in .json (got "${layout}")`);
    const sel = selectionOrFail(c, values);
    const forms = printableForms(db, c.id, sel);
    if (forms.length === 0) fail(`no issued forms to print in ${c.code}${selectionText(sel)} (run "issue" first)`);
    if (out) await printForms(c.def, forms, out, config.chromiumPath);
    if (layout) {
      const started = Date.now();
      const map = await measureLayoutMap(c.def, forms, { chromium: config.chromiumPath, onProgress: progress('layout', forms.length, 'measured') });
      emit(JSON.stringify(map), layout);
      const pages = map.forms.reduce((n, f) => n + f.pages.length, 0);
      const boxes = map.forms.reduce((n, f) => n + f.pages.reduce((m, p) => m + p.boxes.length, 0), 0);
      console.error(
        `wrote the layout map of ${forms.length} forms (${pages} pages, ${boxes} tick boxes) to ${layout} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    }
  },
};

/** The forms themselves: HTML as is, PDF through Chromium in pieces with progress. */
async function printForms(c: Campaign, forms: PrintableForm[], out: string, chromium: string | undefined): Promise<void> {
  if (!out.toLowerCase().endsWith('.pdf')) {
    emit(await renderPrintRun(c, forms), out);
    console.error(`printed ${forms.length} forms to ${out}`);
    return;
  }
  const started = Date.now();
  const pieces = await renderPrintPieces(c, forms);
  const report = progress('pdf', forms.length, 'laid out');
  let done = 0;
  const pdf = await htmlPiecesToPdf(
    pieces.map((p) => p.html),
    {
      chromium,
      onPiece: (i) => {
        done += pieces[i].forms;
        report(done);
      },
    },
  );
  emit(pdf, out);
  console.error(`printed ${forms.length} forms to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
