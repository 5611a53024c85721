/** `report`: the results report (báo cáo kết quả điều tra xã hội học) of a campaign as Word, PDF or HTML, its format taken from --out. */
import { analyseStored } from '../../db/analysis.repo';
import { AnalysisSettingsSchema } from '../../surveys/analysis/settings';
import { buildReport } from '../../surveys/report/report';
import { renderReport, reportFormatOf } from '../../server/render/report-files';
import { campaignOrFail } from '../campaign-lookup';
import type { Command } from '../command';
import { emit, fail } from '../io';

export const reportCommand: Command = {
  usage: 'report <campaign> --out F.html|F.pdf|F.docx [--compare CODE] [--replicates N] [--seed S]',
  options: { out: { type: 'string' }, compare: { type: 'string' }, replicates: { type: 'string' }, seed: { type: 'string' } },
  async run(db, [code], values, config) {
    const c = campaignOrFail(db, code);
    const out = values.out as string | undefined;
    if (!out) fail('--out is required: F.html, F.pdf or F.docx (the extension chooses the format)');
    const format = reportFormatOf(out) ?? fail(`--out must end in .html, .pdf or .docx (got "${out}")`);
    const settings = AnalysisSettingsSchema.safeParse({ replicates: values.replicates, seed: values.seed, compare: values.compare });
    if (!settings.success) fail(...settings.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`));
    const { replicates, seed, compare } = settings.data;
    const earlier = compare === undefined ? undefined : campaignOrFail(db, compare);
    const started = Date.now();
    const analysis = analyseStored(db, c, { compare: earlier, replicates, seed });
    const doc = buildReport({ campaign: c.def, analysis, compare: earlier && { name: earlier.def.name, units: earlier.def.units }, now: new Date() });
    emit(await renderReport(doc, format, { chromium: config.chromiumPath }), out);
    console.error(
      `report: ${replicates} replicates, seed ${seed}${compare ? `, compared with ${compare}` : ''}; written to ${out} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  },
};
