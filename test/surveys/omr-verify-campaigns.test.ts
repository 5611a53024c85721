/** Which campaign the verification screen opens without one, and which others it links: pure choices over the cells waiting. */
import { describe, expect, it } from 'vitest';
import { mostWaiting, othersWaiting } from '../../surveys/omr/verify';

describe('the campaigns of the verification screen', () => {
  const waiting = new Map([
    ['LCV-2020', 122],
    ['LCU-2020', 3],
    ['LCX-2020', 122],
  ]);
  it.each([
    [['MOI-2027', 'LCU-2020', 'LCV-2020', 'LCX-2020'], 'LCV-2020'], // most waiting; of equals, the first given
    [['MOI-2027'], undefined], // none waiting: the caller's own default
    [[], undefined],
  ])('opens %j at %s', (codes, expected) => {
    expect(mostWaiting(codes, waiting)).toBe(expected);
  });

  it('links the other campaigns with cells waiting, in the order given', () => {
    expect(othersWaiting(['MOI-2027', 'LCU-2020', 'LCV-2020'], waiting, 'LCV-2020')).toEqual([{ code: 'LCU-2020', count: 3 }]);
  });
});
