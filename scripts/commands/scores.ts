/** `scores`, `quotas` and `self import`: the numbers that leave the Sở Nội vụ. */
import { basename } from 'node:path';
import { loadQuotaCounts, saveSelfPoints, scoreStored } from '../../db/scores.repo';
import { toCsv } from '../../surveys/csv';
import { csvNum, jsonNum, QUOTA_COLUMNS, quotaExportRows, SCORE_COLUMNS, scoreRows, summaryRows, toMatrix } from '../../surveys/exports';
import { quotaRows } from '../../surveys/quotas';
import { checkSelfPoints, selfPointsText } from '../../surveys/self-points';
import { workbookBuffer } from '../../server/render/xlsx';
import { scoresSheets } from '../../surveys/workbook-sheets';
import { campaignOrFail } from '../campaign-lookup';
import type { Command } from '../command';
import { emit, fail, oneOf, readText } from '../io';

export const scoresCommand: Command = {
  usage: 'scores <campaign> [--summary] [--format csv|json|xlsx] [--out F]',
  options: { summary: { type: 'boolean' }, format: { type: 'string' }, out: { type: 'string' } },
  async run(db, [code], values) {
    const c = campaignOrFail(db, code);
    const format = oneOf(values.format as string | undefined, ['csv', 'json', 'xlsx'] as const, '--format', 'csv');
    const out = values.out as string | undefined;
    if (format === 'xlsx') {
      // One workbook holds scores, summary and quotas; binary output needs a file.
      if (!out) fail('--format xlsx needs --out F.xlsx');
      return emit(await workbookBuffer(scoresSheets(c.def, scoreStored(db, c), loadQuotaCounts(db, c.id))), out);
    }
    const result = scoreStored(db, c);
    const num = format === 'json' ? jsonNum : csvNum;
    const { columns, rows } = values.summary ? summaryRows(c.def, result, num) : { columns: SCORE_COLUMNS, rows: scoreRows(c.def, result, num) };
    emit(format === 'json' ? JSON.stringify(rows, null, 2) + '\n' : toCsv(columns, toMatrix(columns, rows)), out);
  },
};

export const quotasCommand: Command = {
  usage: 'quotas <campaign> [--format csv|json] [--out F]',
  options: { format: { type: 'string' }, out: { type: 'string' } },
  run(db, [code], values) {
    const c = campaignOrFail(db, code);
    const format = oneOf(values.format as string | undefined, ['csv', 'json'] as const, '--format', 'csv');
    const quotas = quotaRows(c.def, loadQuotaCounts(db, c.id));
    const rows = quotaExportRows(quotas, format === 'json' ? jsonNum : csvNum);
    emit(format === 'json' ? JSON.stringify(rows, null, 2) + '\n' : toCsv(QUOTA_COLUMNS, toMatrix(QUOTA_COLUMNS, rows)), values.out as string | undefined);
  },
};

export const selfCommand: Command = {
  usage: 'self import <campaign> <file.csv>',
  options: {},
  run(db, [sub, code, file]) {
    if (sub !== 'import' || !file) fail(`usage: ${selfCommand.usage}`);
    const c = campaignOrFail(db, code);
    const check = checkSelfPoints(c.def, readText(file));
    if (!check.ok) fail(...check.problems.map((p) => selfPointsText(p, 'en')));
    saveSelfPoints(db, c, check.rows, basename(file), 'cli');
    console.log(`self-assessment points of ${check.rows.length} units imported`);
  },
};
