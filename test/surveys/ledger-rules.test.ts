/** Issue plan, pass comparison and the blank-share rule, with numbers worked out by hand. */
import { describe, expect, it } from 'vitest';
import { wantedForms } from '../../surveys/issue-plan';
import { diffPasses, mergeResolutions, settledOutcome, TOO_MANY_BLANKS, tooManyBlanks, type Cell } from '../../surveys/settle';
import { miniCampaign } from '../helpers/campaigns';

describe('forms wanted per (group, home unit)', () => {
  it.each([
    [25, 0.1, 28], // 27.5 → 28
    [10, 0.1, 11], // exactly 11: the float product 11.000000000000002 must not become 12
    [15, 0.1, 17], // 16.5 → 17
    [2, 0, 2],
    [0, 0.5, 0],
    [36, 0.05, 38], // 37.8 → 38
  ])('quota %i with spare %d → %i', (quota, spare, wanted) => {
    expect(wantedForms(quota, spare)).toBe(wanted);
  });
});

const cells = (answers: string[]): Cell[] => answers.map((answer, i) => ({ unit: 'U', question: String(i + 1), answer }));

describe('settling paper passes', () => {
  it('lists differing cells, and merges decisions over pass 1', () => {
    const p1 = cells(['1', '2', '', '*']);
    const p2 = cells(['1', '3', '', '4']);
    expect(diffPasses(p1, p2)).toEqual([
      { unit: 'U', question: '2', pass1: '2', pass2: '3' },
      { unit: 'U', question: '4', pass1: '*', pass2: '4' },
    ]);
    expect(mergeResolutions(p1, [{ unit: 'U', question: '2', answer: '3' }]).map((c) => c.answer)).toEqual(['1', '3', '', '*']);
  });

  it.each([
    [['1', '', '*', '2'], 4, 0.5, false], // 2 of 4 is exactly half: counts
    [['1', '', '*', ''], 4, 0.5, true], // 3 of 4
    [['9', '9', '9', '9'], 4, 0, false], // don't know is an answer, not a blank
    [['1', '', '2'], 3, 1 / 3, false], // 1 of 3 at a share of one third
    [['1', '2'], 4, 0.4, true], // two missing cells of four count as blank
  ])('%j of %i cells with share %d → too many blanks: %s', (answers, total, share, expected) => {
    expect(tooManyBlanks(cells(answers), total, share)).toBe(expected);
  });
});

describe('settledOutcome', () => {
  // The mini campaign: group G1 rates SA and SB on questions 1-3 (6 cells), maxBlankShare 0.5.
  const mini = miniCampaign();
  const form = { groupCode: 'G1', targets: ['SA', 'SB'] };

  it('counts a form with half its cells blank or spoiled, and voids one with more, counting cells not given at all', () => {
    expect(settledOutcome(mini, form, cells(['1', '2', '', '', '*', '']))).toEqual({ status: 'invalid', invalidReason: TOO_MANY_BLANKS }); // 4 of 6
    expect(settledOutcome(mini, form, cells(['1', '2', '9', '', '*', '4']))).toEqual({ status: 'counted', invalidReason: null });
    // Three cells given, three missing: 3 of 6 is exactly half.
    expect(settledOutcome(mini, form, cells(['1', '2', '9']))).toEqual({ status: 'counted', invalidReason: null });
    expect(settledOutcome(mini, { groupCode: 'G2', targets: ['SA'] }, cells(['1']))).toEqual({ status: 'invalid', invalidReason: TOO_MANY_BLANKS });
  });
});
