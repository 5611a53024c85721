/** `print`: the printable forms of a campaign (all, one group or one home unit) as one HTML file, or PDF through Chromium. */
import { listForms } from '../../db/forms.repo';
import type { Db } from '../../db/open';
import type { StoredCampaign } from '../../db/campaigns.repo';
import type { PrintableForm } from '../../surveys/print-layout';
import { renderPrintRun } from '../../server/views/print/render';
import { campaignOrFail } from '../campaign-lookup';
import type { Command } from '../command';
import { emit, fail } from '../io';
import { htmlToPdf } from '../pdf';

export type PrintSelection = { group?: string; home?: string };

/** Problems with a selection (unknown group or home unit), empty when it is fine. */
export function selectionProblems(c: StoredCampaign, sel: PrintSelection): string[] {
  const problems: string[] = [];
  if (sel.group && !c.def.groups.some((g) => g.code === sel.group)) {
    problems.push(`unknown group "${sel.group}" (known: ${c.def.groups.map((g) => g.code).join(', ')})`);
  }
  if (sel.home && !c.def.units.some((u) => u.code === sel.home)) problems.push(`unknown home unit "${sel.home}"`);
  return problems;
}

/** The forms of a print run in ledger order; void forms are never printed. */
export function printableForms(db: Db, c: StoredCampaign, sel: PrintSelection): PrintableForm[] {
  return listForms(db, c.id, sel)
    .filter((f) => f.status !== 'void')
    .map((f) => ({ serial: f.serial, accessCode: f.accessCode, groupCode: f.groupCode, homeUnit: f.homeUnit, targets: JSON.parse(f.targets) as string[] }));
}

export const printCommand: Command = {
  usage: 'print <campaign> [--group G] [--home U] --out F.html|F.pdf',
  options: { group: { type: 'string' }, home: { type: 'string' }, out: { type: 'string' } },
  async run(db, [code], values) {
    const c = campaignOrFail(db, code);
    const out = values.out as string | undefined;
    if (!out) fail('--out F.html or F.pdf is required');
    const sel = { group: values.group as string | undefined, home: values.home as string | undefined };
    const problems = selectionProblems(c, sel);
    if (problems.length) fail(...problems);
    const forms = printableForms(db, c, sel);
    if (forms.length === 0) fail(`no issued forms to print in ${c.code}${sel.group ? ` group ${sel.group}` : ''}${sel.home ? ` home unit ${sel.home}` : ''} (run "issue" first)`);
    const html = await renderPrintRun(c.def, forms);
    emit(out.toLowerCase().endsWith('.pdf') ? await htmlToPdf(html) : html, out);
    console.error(`printed ${forms.length} forms to ${out}`);
  },
};
