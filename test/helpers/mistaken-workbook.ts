/** The mini campaign's workbook with mistakes a clerk makes on three sheets, and what the console says about each, for the console's upload tests. */
import { campaignWorkbook } from '../../server/render/campaign-workbook';
import { miniCampaign } from './campaigns';

/**
 * The mini campaign's workbook with three mistakes on three sheets, each one a clerk makes: a negative maximum
 * (sheet "Tiêu chí", row 2), a question pointing at a criterion that does not exist (sheet "Câu hỏi", row 4, so that
 * criterion C2 is left without a question), a group scope "parent" where the departments have no parent (sheet "Nhóm
 * đối tượng", row 3). Written by the app's own writer, which puts down whatever the definition holds: it is only
 * read back that checks. (Editing the cells with exceljs instead takes a minute: it expands every dropdown range.)
 */
export function mistakenWorkbook(): Promise<Buffer> {
  const c = structuredClone(miniCampaign());
  c.criteria[0].maxPoints = -1;
  c.forms[0].questions[2].criterion = 'C9';
  c.groups[1].scope = 'parent';
  return campaignWorkbook(c);
}

/** What the console says about each mistake, in Vietnamese, with its sheet, Excel row and column heading (HTML-escaped quotes), in workbook order. */
export const MISTAKE_TEXTS = [
  'Trang &quot;Tiêu chí&quot;, dòng 2, cột &quot;Điểm tối đa&quot;: phải lớn hơn 0',
  'Trang &quot;Tiêu chí&quot;, dòng 3: chưa có câu hỏi nào cho tiêu chí &quot;C2&quot;',
  'Trang &quot;Câu hỏi&quot;, dòng 4, cột &quot;Tiêu chí&quot;: không có tiêu chí &quot;C9&quot;',
  'Trang &quot;Nhóm đối tượng&quot;, dòng 3, cột &quot;Phạm vi đánh giá&quot;: phạm vi &quot;parent&quot;: đơn vị công tác &quot;SA&quot; không có đơn vị cha cấp &quot;so&quot;',
  'Trang &quot;Nhóm đối tượng&quot;, dòng 3, cột &quot;Phạm vi đánh giá&quot;: phạm vi &quot;parent&quot;: đơn vị công tác &quot;SB&quot; không có đơn vị cha cấp &quot;so&quot;',
];
