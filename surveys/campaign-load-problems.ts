/** Why a checked campaign cannot be stored (db/campaigns.repo.ts loadCampaign, createCampaign) as problem values, worded in English (CLI, API) and Vietnamese (console). */
import { numberVi } from './format-vi';
import { catalogue, problemText, type Lang } from './problems';

/** How many orphaned issued forms are named one by one; the rest are counted (`more-forms`). */
export const ORPHANS_LISTED = 50;

/**
 * A refusal to store a campaign: the code has answers already (its definition is frozen), self-assessment points in
 * force name units the new file does not score, an issued form's group or home unit is gone (a campaign with
 * thousands of forms names the first ORPHANS_LISTED, then counts the rest), or a copy's code is taken.
 */
export type CampaignLoadProblem =
  | { kind: 'frozen'; code: string; where?: undefined }
  | { kind: 'self-points-orphaned'; units: string[]; where?: undefined }
  | { kind: 'form-orphaned'; serial: string; group: string; home: string | null; where?: undefined }
  | { kind: 'more-forms'; count: number; where?: undefined }
  | { kind: 'code-taken'; code: string; where?: undefined };

export const CAMPAIGN_LOAD_TEXT = catalogue<CampaignLoadProblem>({
  frozen: {
    en: (p) => `campaign ${p.code} already has answers; its definition is frozen`,
    vi: (p) => `đợt ${p.code} đã có câu trả lời: định nghĩa của đợt đã khóa, không thể thay thế`,
  },
  'self-points-orphaned': {
    en: (p) =>
      `the self-assessment points in force name ${p.units.join(', ')}, which the new file does not score: import self-assessment points without them first`,
    vi: (p) =>
      `điểm tự đánh giá đang dùng có đơn vị ${p.units.join(', ')}, mà tệp mới không chấm điểm: hãy nhập lại điểm tự đánh giá không có các đơn vị này trước («Nạp điểm tự đánh giá» trên trang của đợt)`,
  },
  'form-orphaned': {
    en: (p) => `issued form ${p.serial} belongs to group ${p.group}${p.home ? ` / ${p.home}` : ''}, which the new file no longer has`,
    vi: (p) => `phiếu số ${p.serial} đã phát thuộc nhóm đối tượng ${p.group}${p.home ? `, nơi công tác ${p.home}` : ''}, mà tệp mới không còn`,
  },
  'more-forms': { en: (p) => `… and ${p.count} more`, vi: (p) => `… và ${numberVi(p.count)} phiếu nữa` },
  'code-taken': {
    en: (p) => `campaign "${p.code}" exists already: choose another code for the copy`,
    vi: (p) => `đã có đợt điều tra mã ${p.code}. Chọn mã khác: sao chép không bao giờ ghi đè một đợt đã có.`,
  },
});

/** A load refusal in words: English for the CLI and the API, Vietnamese (a sentence) for the console. */
export function campaignLoadText(p: CampaignLoadProblem, lang: Lang): string {
  return problemText(CAMPAIGN_LOAD_TEXT, p, lang);
}
