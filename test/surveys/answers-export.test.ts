/** The answers file's codebook: levels and scopes in the Vietnamese the console uses, never their raw codes. */
import { describe, expect, it } from 'vitest';
import { codebookRows } from '../../surveys/answers-export';
import { miniCampaign } from '../helpers/campaigns';

const mini = () => miniCampaign();

describe('codebook', () => {
  const rows = codebookRows(mini());
  const row = (section: string, code: string) => rows.find((r) => r.section === section && r.code === code)!;

  it('names the level of units and forms in Vietnamese', () => {
    expect(row('unit', 'SA').detail).toBe('Sở, ban, ngành');
    expect(row('form', 'F1').detail).toBe('Đánh giá: Sở, ban, ngành; bộ phương án MD4');
  });

  it('names where a group works and what it rates in Vietnamese', () => {
    expect(row('group', 'G1').detail).toBe('Nơi công tác: Toàn tỉnh; phạm vi đánh giá: mọi đơn vị; chỉ tiêu: 2; trọng số: 1');
    expect(row('group', 'G2').detail).toBe('Nơi công tác: Sở, ban, ngành; phạm vi đánh giá: đơn vị mình; chỉ tiêu: 1; trọng số: 1');
  });

  it('shows a level the index does not know by its code', () => {
    const c = mini();
    c.units[0].level = 'phuong';
    expect(codebookRows(c).find((r) => r.section === 'unit' && r.code === 'SA')!.detail).toBe('Cấp phuong');
  });
});
