/** `issue` (top forms up to quota plus spares) and `manifest` (the dispatch list for the post office). */
import { issueForms, listForms } from '../../db/forms.repo';
import { countsCsv, manifestCsv } from '../../surveys/dispatch';
import { CHANNELS } from '../../surveys/ledger';
import { campaignOrFail } from '../campaign-lookup';
import type { Command } from '../command';
import { emit, oneOf } from '../io';

export const issueCommand: Command = {
  usage: 'issue <campaign> [--channel paper|web|mixed]',
  options: { channel: { type: 'string' } },
  run(db, [code], values) {
    const c = campaignOrFail(db, code);
    const channel = oneOf(values.channel as string | undefined, CHANNELS, '--channel', 'mixed');
    const out = issueForms(db, c, channel, 'cli');
    console.error(`issued ${out.issued} new forms (${out.total} in the ledger)`);
    emit(manifestCsv(listForms(db, c.id)));
  },
};

export const manifestCommand: Command = {
  usage: 'manifest <campaign> [--counts] [--out F]',
  options: { out: { type: 'string' }, counts: { type: 'boolean' } },
  run(db, [code], values) {
    const c = campaignOrFail(db, code);
    emit(values.counts ? countsCsv(c.def, listForms(db, c.id)) : manifestCsv(listForms(db, c.id)), values.out as string | undefined);
  },
};
