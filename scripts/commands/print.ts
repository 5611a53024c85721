/** `print`: the printable forms of a campaign (all, one group or one home unit) as one HTML file, or PDF through Chromium with progress on stderr. */
import { printableForms } from '../../db/forms.repo';
import { htmlPiecesToPdf } from '../../server/render/pdf';
import { renderPrintPieces, renderPrintRun } from '../../server/render/render';
import { campaignOrFail, selectionOrFail, selectionText } from '../campaign-lookup';
import type { Command } from '../command';
import { emit, fail } from '../io';

/** At most one progress line this often, and always the last one: a whole run prints a dozen lines, not a flood. */
const PROGRESS_EVERY_MS = 3_000;

export const printCommand: Command = {
  usage: 'print <campaign> [--group G] [--home U] --out F.html|F.pdf',
  options: { group: { type: 'string' }, home: { type: 'string' }, out: { type: 'string' } },
  async run(db, [code], values, config) {
    const c = campaignOrFail(db, code);
    const out = values.out as string | undefined;
    if (!out) fail('--out F.html or F.pdf is required');
    const sel = selectionOrFail(c, values);
    const forms = printableForms(db, c.id, sel);
    if (forms.length === 0) fail(`no issued forms to print in ${c.code}${selectionText(sel)} (run "issue" first)`);
    if (!out.toLowerCase().endsWith('.pdf')) {
      emit(await renderPrintRun(c.def, forms), out);
      console.error(`printed ${forms.length} forms to ${out}`);
      return;
    }
    const started = Date.now();
    const pieces = await renderPrintPieces(c.def, forms);
    let done = 0;
    let last = started;
    const pdf = await htmlPiecesToPdf(
      pieces.map((p) => p.html),
      {
        chromium: config.chromiumPath,
        onPiece: (i) => {
          done += pieces[i].forms;
          const now = Date.now();
          if (now - last < PROGRESS_EVERY_MS && done < forms.length) return;
          last = now;
          console.error(`pdf: ${done}/${forms.length} forms laid out (${Math.round((100 * done) / forms.length)} %), ${((now - started) / 1000).toFixed(0)} s`);
        },
      },
    );
    emit(pdf, out);
    console.error(`printed ${forms.length} forms to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  },
};
