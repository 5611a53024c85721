/** `analysis`: distributions, response, intervals of scores and ranks, reliability, quality flags and year on year, as JSON, one CSV file per table, or one workbook. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { analyseStored } from '../../db/analysis.repo';
import { toCsv } from '../../surveys/csv';
import { csvNum, jsonNum, toMatrix } from '../../surveys/exports';
import { AnalysisSettingsSchema } from '../../surveys/analysis/settings';
import { analysisJson, analysisTables } from '../../surveys/analysis/tables';
import { workbookBuffer } from '../../server/render/xlsx';
import { campaignOrFail } from '../campaign-lookup';
import type { Command } from '../command';
import { emit, fail, oneOf } from '../io';

export const analysisCommand: Command = {
  usage: 'analysis <campaign> [--format json|csv|xlsx] [--out F|DIR] [--compare CODE] [--replicates N] [--seed S]',
  options: { format: { type: 'string' }, out: { type: 'string' }, compare: { type: 'string' }, replicates: { type: 'string' }, seed: { type: 'string' } },
  async run(db, [code], values) {
    const c = campaignOrFail(db, code);
    const format = oneOf(values.format as string | undefined, ['json', 'csv', 'xlsx'] as const, '--format', 'json');
    const out = values.out as string | undefined;
    const settings = AnalysisSettingsSchema.safeParse({ replicates: values.replicates, seed: values.seed, compare: values.compare });
    if (!settings.success) fail(...settings.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`));
    // Several tables of different columns: CSV is one file per table, so it needs a folder.
    if (format === 'csv' && !out) fail('--format csv needs --out DIR (one CSV file per table)');
    if (format === 'xlsx' && !out) fail('--format xlsx needs --out F.xlsx');
    const { replicates, seed, compare } = settings.data;
    const earlier = compare === undefined ? undefined : campaignOrFail(db, compare);
    const a = analyseStored(db, c, { compare: earlier, replicates, seed });
    const d = c.def.scoring.decimals;
    if (format === 'json') return emit(JSON.stringify(analysisJson(a, d, jsonNum), null, 2) + '\n', out);
    // One sheet per table, numbers as numbers, text formula-safe (server/render/xlsx.ts).
    if (format === 'xlsx') return emit(await workbookBuffer(analysisTables(a, d, jsonNum)), out);
    mkdirSync(out!, { recursive: true });
    for (const t of analysisTables(a, d, csvNum)) emit(toCsv(t.columns, toMatrix(t.columns, t.rows)), join(out!, `${c.code}-${t.name}.csv`));
    console.error(`analysis: ${replicates} replicates, seed ${seed}; tables written to ${out}`);
  },
};
