/** `issue` (top forms up to quota plus spares) and `manifest` (the dispatch list for the post office). */
import { issueForms, listForms } from '../../db/forms.repo';
import type { Db } from '../../db/open';
import { toCsv } from '../../surveys/csv';
import { countsCsv } from '../../surveys/dispatch';
import { MANIFEST_COLUMNS, manifestRows, toMatrix } from '../../surveys/exports';
import { CHANNELS } from '../../surveys/ledger';
import { campaignOrFail } from '../campaign-lookup';
import type { Command } from '../command';
import { emit, oneOf } from '../io';

function manifestCsv(db: Db, campaignId: number): string {
  const forms = listForms(db, campaignId).map((f) => ({ ...f, targets: JSON.parse(f.targets) as string[] }));
  return toCsv(MANIFEST_COLUMNS, toMatrix(MANIFEST_COLUMNS, manifestRows(forms)));
}

export const issueCommand: Command = {
  usage: 'issue <campaign> [--channel paper|web|mixed]',
  options: { channel: { type: 'string' } },
  run(db, [code], values) {
    const c = campaignOrFail(db, code);
    const channel = oneOf(values.channel as string | undefined, CHANNELS, '--channel', 'mixed');
    const out = issueForms(db, c, channel, 'cli');
    console.error(`issued ${out.issued} new forms (${out.total} in the ledger)`);
    emit(manifestCsv(db, c.id));
  },
};

export const manifestCommand: Command = {
  usage: 'manifest <campaign> [--counts] [--out F]',
  options: { out: { type: 'string' }, counts: { type: 'boolean' } },
  run(db, [code], values) {
    const c = campaignOrFail(db, code);
    emit(values.counts ? countsCsv(c.def, listForms(db, c.id)) : manifestCsv(db, c.id), values.out as string | undefined);
  },
};
