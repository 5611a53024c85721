/** `invitations` (giấy mời to answer on the web, HTML or PDF) and `access-codes` (their list for the dispatching office). */
import { listForms } from '../../db/forms.repo';
import { publicUrlSchema, type Config } from '../../server/config';
import { renderInvitations } from '../../server/render/invitations';
import { htmlToPdf } from '../../server/render/pdf';
import { accessCodesCsv, buildInvitations } from '../../surveys/invitations';
import { campaignOrFail, selectionOrFail, selectionText } from '../campaign-lookup';
import type { Command, Values } from '../command';
import { emit, fail } from '../io';

/** The address printed in the links: --base-url, else PUBLIC_URL; the CLI has no request to take it from. */
function baseUrlOf(values: Values, config: Config): string {
  const given = values['base-url'] as string | undefined;
  if (given === undefined) {
    return config.publicUrl ?? fail('the links need the address respondents open: pass --base-url https://… or set PUBLIC_URL');
  }
  const parsed = publicUrlSchema('--base-url').safeParse(given);
  return parsed.success ? parsed.data : fail(`${parsed.error.issues[0].message} (got "${given}")`);
}

export const invitationsCommand: Command = {
  usage: 'invitations <campaign> [--group G] [--home U] [--base-url URL] --out F.html|F.pdf',
  options: { group: { type: 'string' }, home: { type: 'string' }, 'base-url': { type: 'string' }, out: { type: 'string' } },
  async run(db, [code], values, config) {
    const c = campaignOrFail(db, code);
    const out = values.out as string | undefined;
    if (!out) fail('--out F.html or F.pdf is required');
    const sel = selectionOrFail(c, values);
    const invitations = buildInvitations(c.def, listForms(db, c.id, sel), baseUrlOf(values, config));
    if (invitations.length === 0) {
      fail(`no forms issued on the web or mixed channel in ${c.code}${selectionText(sel)} (run "issue --channel web" or "--channel mixed" first)`);
    }
    const html = await renderInvitations(invitations, `${c.name} — giấy mời trả lời trực tuyến`);
    emit(out.toLowerCase().endsWith('.pdf') ? await htmlToPdf(html, { chromium: config.chromiumPath }) : html, out);
    console.error(`wrote ${invitations.length} invitations to ${out}`);
  },
};

export const accessCodesCommand: Command = {
  usage: 'access-codes <campaign> [--base-url URL] [--out F]',
  options: { 'base-url': { type: 'string' }, out: { type: 'string' } },
  run(db, [code], values, config) {
    const c = campaignOrFail(db, code);
    emit(accessCodesCsv(c.def, listForms(db, c.id), baseUrlOf(values, config)), values.out as string | undefined);
  },
};
