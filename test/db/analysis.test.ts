/** The analysis's own read of the ledger (returns by channel, status and invalid reason) and the scores inside the analysis, on a real migrated SQLite. */
import { describe, expect, it } from 'vitest';
import { analyseStored, loadReturnCounts } from '../../db/analysis.repo';
import { insertAnswers, setFormSettled } from '../../db/answer-writes';
import { getCampaign } from '../../db/campaigns.repo';
import { invalidateForm } from '../../db/entry.repo';
import { openDb } from '../../db/open';
import { scoreStored } from '../../db/scores.repo';
import { seedMini } from '../server/admin-seed';
import { seedCampaign } from '../helpers/seed';

describe('loadReturnCounts', () => {
  it('tells web returns from paper ones and keeps each invalid reason', () => {
    const db = openDb(':memory:');
    const { c, forms } = seedCampaign(db, { channel: 'mixed' });
    const [web, paper] = forms.filter((f) => f.groupCode === 'G1');
    const spoiled = forms.find((f) => f.groupCode === 'G2' && f.homeUnit === 'SB')!;
    const cells = [{ unit: 'SA', question: '1', answer: '1' }];
    const sid = insertAnswers(db, { formId: web.id, kind: 'web_submit', actor: 'respondent', definitionVersion: c.version }, cells);
    setFormSettled(db, web.id, { status: 'counted', countedFrom: 'web', invalidReason: null, submissionId: sid });
    const pid = insertAnswers(db, { formId: paper.id, kind: 'pass1', actor: 'lan', definitionVersion: c.version }, cells);
    setFormSettled(db, paper.id, { status: 'counted', countedFrom: 'paper', invalidReason: null, submissionId: pid });
    expect(invalidateForm(db, c, spoiled.serial, 'Phiếu bị tẩy xóa', 'hoa').ok).toBe(true);
    const rows = loadReturnCounts(db, c.id).sort((a, b) => a.status.localeCompare(b.status) || Number(b.web) - Number(a.web));
    expect(rows).toEqual([
      { group: 'G1', home: null, web: true, status: 'counted', invalidReason: null, forms: 1 },
      { group: 'G1', home: null, web: false, status: 'counted', invalidReason: null, forms: 1 },
      { group: 'G2', home: 'SB', web: false, status: 'invalid', invalidReason: 'Phiếu bị tẩy xóa', forms: 1 },
    ]);
  });
});

describe('analyseStored', () => {
  it('holds exactly the scores the score export gives', () => {
    const db = openDb(':memory:');
    seedMini(db);
    const c = getCampaign(db, 'MINI-2026')!;
    expect(analyseStored(db, c, { replicates: 100 }).scores).toEqual(scoreStored(db, c));
  });
});
