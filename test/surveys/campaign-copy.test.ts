/** Next year's campaign from this year's: new code, year and name; everything else the same, and still a valid campaign. */
import { describe, expect, it } from 'vitest';
import { checkCampaign } from '../../surveys/campaign';
import { copyCampaign, nextCode } from '../../surveys/campaign-copy';
import { miniCampaign } from '../helpers/campaigns';

describe('copyCampaign', () => {
  // The mini campaign is MINI-2026, "Điều tra thử nghiệm", 2026.
  it.each([
    ['the next year by default; a name without the year kept', { code: 'MINI-2027' }, { code: 'MINI-2027', year: 2027, name: 'Điều tra thử nghiệm' }],
    ['the year in the name follows', { code: 'N-2028', year: 2028 }, { code: 'N-2028', year: 2028, name: 'Điều tra năm 2028 (không đổi 12026)' }],
    ['a name given is used as it is', { code: 'X', name: 'Đợt mới' }, { code: 'X', year: 2027, name: 'Đợt mới' }],
  ])('%s', (_what, to, expected) => {
    const from = miniCampaign((raw) => {
      if (to.code === 'N-2028') raw.name = 'Điều tra năm 2026 (không đổi 12026)';
    });
    const copy = copyCampaign(from, to);
    expect({ code: copy.code, year: copy.year, name: copy.name }).toEqual(expected);
    expect({ ...copy, code: from.code, year: from.year, name: from.name }).toEqual(from);
    expect(checkCampaign(copy).ok).toBe(true);
  });

  it('clears former codes in the copy (they name units of the year before the source) and leaves the original as it was', () => {
    const from = miniCampaign((raw) => (raw.units[0].formerly = ['XA-1']));
    const copy = copyCampaign(from, { code: 'Y' });
    expect(copy.units.map((u) => u.formerly)).toEqual([undefined, undefined]);
    expect('formerly' in copy.units[0]).toBe(false);
    expect(from.units[0].formerly).toEqual(['XA-1']);
  });

  it.each([
    ['MINI-2026', 'MINI-2027'], // the year in the code moves on
    ['TQG-2026', 'TQG-2027'],
    ['KS12026', 'KS12026-2027'], // 12026 is not the year: the next year is added
    ['CCHC', 'CCHC-2027'],
  ])('offers %s → %s as the next code', (code, next) => {
    expect(nextCode(miniCampaign((raw) => (raw.code = code)))).toBe(next);
  });
});
