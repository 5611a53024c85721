/** `print`: the printable forms of a campaign (all, one group or one home unit) as one HTML file, or PDF through Chromium. */
import { printableForms } from '../../db/forms.repo';
import { htmlToPdf } from '../../server/views/print/pdf';
import { renderPrintRun } from '../../server/views/print/render';
import { selectionProblems } from '../../surveys/print-layout';
import { campaignOrFail } from '../campaign-lookup';
import type { Command } from '../command';
import { emit, fail } from '../io';

export const printCommand: Command = {
  usage: 'print <campaign> [--group G] [--home U] --out F.html|F.pdf',
  options: { group: { type: 'string' }, home: { type: 'string' }, out: { type: 'string' } },
  async run(db, [code], values, config) {
    const c = campaignOrFail(db, code);
    const out = values.out as string | undefined;
    if (!out) fail('--out F.html or F.pdf is required');
    const sel = { group: values.group as string | undefined, home: values.home as string | undefined };
    const problems = selectionProblems(c.def, sel);
    if (problems.length) fail(...problems);
    const forms = printableForms(db, c.id, sel);
    if (forms.length === 0) fail(`no issued forms to print in ${c.code}${sel.group ? ` group ${sel.group}` : ''}${sel.home ? ` home unit ${sel.home}` : ''} (run "issue" first)`);
    const html = await renderPrintRun(c.def, forms);
    emit(out.toLowerCase().endsWith('.pdf') ? await htmlToPdf(html, config.chromiumPath) : html, out);
    console.error(`printed ${forms.length} forms to ${out}`);
  },
};
