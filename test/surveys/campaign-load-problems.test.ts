/** Load refusals (db/campaigns.repo.ts) worded at the edge: the CLI's English as it always was, Vietnamese sentences for the console. */
import { describe, expect, it } from 'vitest';
import { campaignLoadText, type CampaignLoadProblem } from '../../surveys/campaign-load-problems';

describe('campaign load problems', () => {
  const table: [CampaignLoadProblem, string, string][] = [
    [
      { kind: 'frozen', code: 'LCU-2020' },
      'campaign LCU-2020 already has answers; its definition is frozen',
      'Đợt LCU-2020 đã có câu trả lời: định nghĩa của đợt đã khóa, không thể thay thế',
    ],
    [
      { kind: 'self-points-orphaned', units: ['SC', 'SD'] },
      'the self-assessment points in force name SC, SD, which the new file does not score: import self-assessment points without them first',
      'Điểm tự đánh giá đang dùng có đơn vị SC, SD, mà tệp mới không chấm điểm: hãy nhập lại điểm tự đánh giá không có các đơn vị này trước («Nạp điểm tự đánh giá» trên trang của đợt)',
    ],
    [
      { kind: 'form-orphaned', serial: '000011', group: 'G2', home: 'SA' },
      'issued form 000011 belongs to group G2 / SA, which the new file no longer has',
      'Phiếu số 000011 đã phát thuộc nhóm đối tượng G2, nơi công tác SA, mà tệp mới không còn',
    ],
    [
      { kind: 'form-orphaned', serial: '000012', group: 'DN', home: null },
      'issued form 000012 belongs to group DN, which the new file no longer has',
      'Phiếu số 000012 đã phát thuộc nhóm đối tượng DN, mà tệp mới không còn',
    ],
    // 1193 − 50 named = 1143 counted, with a thousands dot on the page.
    [{ kind: 'more-forms', count: 1143 }, '… and 1143 more', '… và 1.143 phiếu nữa'],
    [
      { kind: 'code-taken', code: 'MINI-2026' },
      'campaign "MINI-2026" exists already: choose another code for the copy',
      'Đã có đợt điều tra mã MINI-2026. Chọn mã khác: sao chép không bao giờ ghi đè một đợt đã có.',
    ],
  ];
  it.each(table)('%o', (p, en, vi) => {
    expect(campaignLoadText(p, 'en')).toBe(en);
    expect(campaignLoadText(p, 'vi')).toBe(vi);
  });
});
