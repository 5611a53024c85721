/** A campaign's whole definition as the console shows it: plain records in Vietnamese, units paged per level so that a national campaign stays a small page. */
import { z } from 'zod';
import {
  campaignProblemText,
  campaignWarningVi,
  checkCampaign,
  scanMode,
  type Campaign,
  type CampaignProblem,
  type CampaignWarning,
  type Unit,
} from './campaign';
import { copyCampaign } from './campaign-copy';
import { campaignLoadText, type CampaignLoadProblem } from './campaign-load-problems';
import { formatMax, snap, sumDecimal } from './decimal';
import { decimalTextVi, numberVi } from './format-vi';
import { campaignSummary } from './console-views';
import { combineName, homeName, levelName, scanCompletionName, scopeName } from './names';
import { homeUnitsOf } from './scope';

/** Units shown per level and page: 200 rows keep a page of a 10,000-unit campaign under a few hundred KB. */
export const UNIT_PAGE_SIZE = 200;
/** A level with more units than this starts collapsed (a `<details>`), so the page opens on its other tables. */
export const OPEN_LEVEL_UNITS = 50;

export type DefinitionPaging = { level?: string; page?: number };

const NO_DATA_NAMES: Record<string, string> = {
  zero: 'tính 0 điểm',
  exclude: 'không tính vào điểm tối đa của đơn vị',
};

const maxVi = (x: number, decimals: number) => decimalTextVi(formatMax(x, decimals));
const percentVi = (share: number) => `${decimalTextVi(formatMax(snap(share * 100), 0))} %`;
const yesNo = (b: boolean) => (b ? 'Có' : 'Không');
/** The list kept under `key`, created on first use (appending stays linear, unlike spreading a copy each time). */
function listIn<T>(m: Map<string, T[]>, key: string): T[] {
  let list = m.get(key);
  if (!list) m.set(key, (list = []));
  return list;
}

const unitLabel = (u: Unit | undefined, code: string) => (u ? `${u.name} (${code})` : code);

/** The page asked for, within 1…pages (a typed page number past the end shows the last page). */
function pageOf(requested: number | undefined, pages: number): number {
  if (requested === undefined || !Number.isInteger(requested) || requested < 1) return 1;
  return Math.min(requested, pages);
}

/**
 * Everything a campaign file defines, table by table, in file order. Criteria maxima are summed per level with
 * decimal arithmetic (sumDecimal), as the scores page sums them: 1,5 + 2,25 = 3,75, not 3.7499999.
 * Linear in units, criteria, questions and groups: the unit names a table needs are looked up in one map.
 */
export function campaignDefinitionView(c: Campaign, paging: DefinitionPaging = {}) {
  const unitByCode = new Map(c.units.map((u) => [u.code, u]));
  const criterionByCode = new Map(c.criteria.map((x) => [x.code, x]));
  const d = c.scoring.decimals;

  // Which questions feed each criterion, as "form/question" in paper order.
  const feeds = new Map<string, string[]>();
  for (const f of c.forms) for (const q of f.questions) listIn(feeds, q.criterion).push(`${f.code}/${q.code}`);

  const unitsByLevel = new Map<string, Unit[]>();
  for (const u of c.units) listIn(unitsByLevel, u.level).push(u);
  const criteriaLevels = c.criteria.map((x) => x.level).filter((l) => !unitsByLevel.has(l));
  const levelCodes = [...unitsByLevel.keys(), ...new Set(criteriaLevels)];

  const levels = levelCodes.map((level) => {
    const units = unitsByLevel.get(level) ?? [];
    const pages = Math.max(1, Math.ceil(units.length / UNIT_PAGE_SIZE));
    const page = paging.level === level ? pageOf(paging.page, pages) : 1;
    const first = (page - 1) * UNIT_PAGE_SIZE;
    const shown = units.slice(first, first + UNIT_PAGE_SIZE);
    const criteria = c.criteria.filter((x) => x.level === level);
    return {
      level,
      name: levelName(level),
      unitCount: units.length,
      open: units.length <= OPEN_LEVEL_UNITS || paging.level === level,
      units: shown.map((u) => ({
        code: u.code,
        name: u.name,
        parent: u.parent ? unitLabel(unitByCode.get(u.parent), u.parent) : '',
        formerly: (u.formerly ?? []).join(', '),
      })),
      hasFormerly: units.some((u) => (u.formerly ?? []).length > 0),
      paging:
        pages > 1
          ? {
              page,
              pages,
              from: first + 1,
              to: first + shown.length,
              previous: page > 1 ? page - 1 : undefined,
              next: page < pages ? page + 1 : undefined,
            }
          : undefined,
      criteria: criteria.map((x) => ({
        code: x.code,
        name: x.name,
        maxPoints: maxVi(x.maxPoints, d),
        questions: (feeds.get(x.code) ?? []).join(', '),
      })),
      maxTotal: criteria.length
        ? maxVi(
            sumDecimal(
              criteria.map((x) => x.maxPoints),
              9,
            ),
            d,
          )
        : '',
    };
  });

  const optionSets = c.optionSets.map((s) => ({
    code: s.code,
    options: s.options.map((o) => ({
      code: o.code,
      label: o.label,
      // The label beside it already says what the option is («Không biết», «Không rõ»): the cell says only how it scores.
      fraction: o.fraction === null ? 'không tính điểm' : decimalTextVi(formatMax(o.fraction, 0)),
    })),
  }));

  const forms = c.forms.map((f) => ({
    code: f.code,
    title: f.title,
    intro: f.intro,
    level: levelName(f.targetLevel),
    optionSet: f.optionSet,
    // One line beside the title. Level names hold commas («Sở, ban, ngành»), so the facts are set apart by « · » and
    // the level follows a colon, or the line read as a list of five things.
    facts: `${numberVi(f.questions.length)} câu · đánh giá: ${levelName(f.targetLevel)} · bộ phương án ${f.optionSet}`,
    questions: f.questions.map((q) => ({
      code: q.code,
      text: q.text,
      criterion: q.criterion,
      criterionName: criterionByCode.get(q.criterion)?.name ?? '',
    })),
  }));

  const groups = c.groups.map((g) => {
    const homes = homeUnitsOf(c, g).length;
    let homeUnits: string;
    if (g.home === 'province') homeUnits = 'Toàn tỉnh';
    else if (g.homeUnits) homeUnits = g.homeUnits.map((code) => unitLabel(unitByCode.get(code), code)).join('; ');
    else homeUnits = `Mọi đơn vị ${levelName(g.home)} (${numberVi(homes)})`;
    return {
      code: g.code,
      name: g.name,
      form: g.form,
      home: homeName(g.home),
      homeUnits,
      scope: scopeName(g.scope),
      quota: g.quota,
      quotaPer: g.home === 'province' ? 'toàn tỉnh' : 'mỗi đơn vị',
      target: g.quota * homes,
      weight: decimalTextVi(String(g.weight)),
      links: Object.entries(g.links ?? {}).map(([home, targets]) => ({
        home: unitLabel(unitByCode.get(home), home),
        targets: targets.map((t) => unitLabel(unitByCode.get(t), t)).join('; '),
      })),
    };
  });

  return {
    code: c.code,
    name: c.name,
    settings: [
      { name: 'Mã đợt', value: c.code },
      { name: 'Tên đợt', value: c.name },
      { name: 'Năm', value: String(c.year) },
      { name: 'Tỉnh', value: c.province },
      { name: 'Nhập phiếu hai lần', value: yesNo(c.doubleEntry) },
      { name: 'Phiếu quét được máy đọc thì hoàn tất khi', value: scanCompletionName(scanMode(c)) },
      { name: 'Cho gửi phiếu trực tuyến còn ô trống', value: yesNo(c.allowBlanks) },
      { name: 'Tỷ lệ phiếu dự phòng', value: percentVi(c.spareShare) },
    ],
    scoring: [
      { name: 'Cách tính', value: combineName(c.scoring.combine) },
      { name: 'Số câu trả lời tối thiểu để tính điểm', value: numberVi(c.scoring.minValid) },
      { name: 'Cảnh báo «ít câu trả lời» dưới', value: numberVi(c.scoring.warnBelow) },
      { name: 'Tỷ lệ ô trống tối đa của phiếu hợp lệ', value: percentVi(c.scoring.maxBlankShare) },
      { name: 'Ô chưa có dữ liệu', value: NO_DATA_NAMES[c.scoring.noData] ?? c.scoring.noData },
      { name: 'Số chữ số thập phân của điểm', value: String(d) },
    ],
    bands: c.bands.map((b) => ({ label: b.label, minPercent: `${decimalTextVi(formatMax(b.minPercent, 0))} %` })),
    levels,
    optionSets,
    forms,
    groups,
    totalTarget: groups.reduce((s, g) => s + g.target, 0),
  };
}

export type CampaignDefinitionView = ReturnType<typeof campaignDefinitionView>;

/** What the database says loading a checked file would do (db/campaigns.repo.ts previewLoad), in the shape this view needs. */
export type LoadFacts =
  | { existing: null }
  | {
      existing: { version: number; issued: number; answered: boolean };
      outcome: { ok: true; version: number; unchanged?: true } | { ok: false; problems: CampaignLoadProblem[] };
    };

/**
 * The check page's sentence on what «Nạp vào hệ thống» will do (contract.md: a stored campaign is replaced only
 * while it has no answers, and only if its issued forms still fit), and whether the button is offered at all.
 */
export function loadPreviewView(code: string, facts: LoadFacts) {
  if (!facts.existing)
    return {
      loadable: true,
      replaces: false,
      text: `Đợt điều tra mới: mã ${code} chưa có trong hệ thống. Sau khi nạp, vào trang của đợt để phát phiếu.`,
      problems: [],
    };
  const { version, issued, answered } = facts.existing;
  if (facts.outcome.ok && facts.outcome.unchanged) {
    return {
      loadable: false,
      replaces: false,
      unchanged: true,
      text: `Không có thay đổi: tệp giống hệt định nghĩa đợt ${code} đang có (phiên bản ${version}), không cần nạp lại.`,
      problems: [],
    };
  }
  if (answered) {
    return {
      loadable: false,
      replaces: true,
      text: `Đợt ${code} đã có trong hệ thống và đã có câu trả lời: định nghĩa của đợt đã khóa, không thể thay thế. Để dùng tệp này cho một đợt khác, đổi mã đợt (trang «Thiết lập chung») rồi kiểm tra lại.`,
      problems: [],
    };
  }
  if (!facts.outcome.ok) {
    return {
      loadable: false,
      replaces: true,
      text: `Đợt ${code} đã có trong hệ thống (phiên bản ${version}) và không thể thay thế bằng tệp này:`,
      problems: facts.outcome.problems.map((p) => campaignLoadText(p, 'vi')),
    };
  }
  const forms = issued
    ? `${numberVi(issued)} phiếu đã phát được giữ nguyên số phiếu và mã truy cập, đơn vị được đánh giá tính lại theo định nghĩa mới.`
    : 'Chưa có phiếu nào được phát.';
  return {
    loadable: true,
    replaces: true,
    text: `Tệp sẽ thay thế đợt ${code} đang có (phiên bản ${version} → ${facts.outcome.version}); đợt chưa có câu trả lời nên còn thay được. ${forms}`,
    problems: [],
  };
}

/** Problems listed on the check page; a file wrong on every row (a national list in the wrong columns) gets a count for the rest. */
export const SHOWN_PROBLEMS = 500;

/**
 * The check page of a file that cannot be loaded: a file that cannot be read at all (not a workbook, empty, too large:
 * one problem with no place) as one sentence, not a list of mistakes to fix; else its first SHOWN_PROBLEMS problems in
 * Vietnamese, how many in all, how many not listed.
 */
export function fileProblemsView(problems: CampaignProblem[]): { refusal: string } | { problems: string[]; total: number; more: number } {
  if (problems.length === 1 && problems[0].where === undefined) return { refusal: `${campaignProblemText(problems[0], 'vi')}. Chưa nạp gì.` };
  const shown = problems.slice(0, SHOWN_PROBLEMS).map((p) => campaignProblemText(p, 'vi'));
  return { problems: shown, total: problems.length, more: problems.length - shown.length };
}

/** The check page of a file that checks: what it holds, what Excel may have changed in it, and what loading it would do. */
export function checkedFileView(c: Campaign, warnings: CampaignWarning[], facts: LoadFacts) {
  return {
    checked: campaignSummary(c),
    questions: c.forms.reduce((n, f) => n + f.questions.length, 0),
    criteria: c.criteria.length,
    warnings: warnings.map(campaignWarningVi),
    preview: loadPreviewView(c.code, facts),
  };
}

/** The copy form's fields by the campaign file's path they fill, so that a refusal names the field the clerk typed. */
const COPY_FIELDS: Record<string, string> = { code: 'Mã đợt mới', year: 'Năm', name: 'Tên đợt mới' };

/** Why a copy is refused, in Vietnamese: a problem of a field of the copy form is worded at that field, not at a JSON path. */
export function copyProblemsVi(problems: CampaignProblem[]): string[] {
  return problems.map((p) => {
    const path = p.where && 'path' in p.where ? p.where.path : '';
    const field = COPY_FIELDS[path];
    if (!field) return campaignProblemText(p, 'vi');
    // Worded at a page field, the text comes as a sentence; after the field's name it goes on in lower case.
    const text = campaignProblemText({ ...p, where: { field: path } } as CampaignProblem, 'vi');
    return `${field}: ${text.charAt(0).toLowerCase()}${text.slice(1)}`;
  });
}

/** The copy form's fields as typed (strings); zod's messages here are our own Vietnamese. */
const CopyForm = z.object({
  code: z.string().trim().min(1, 'Nhập mã đợt mới.').max(60, 'Mã đợt dài quá 60 ký tự.'),
  year: z
    .string()
    .trim()
    .regex(/^(\d{4})?$/, 'Năm gồm 4 chữ số, ví dụ 2027.')
    .transform((y) => (y ? Number(y) : undefined)),
  name: z
    .string()
    .trim()
    .max(300, 'Tên đợt dài quá 300 ký tự.')
    .transform((n) => n || undefined),
});

/**
 * The copy form checked as the campaign it would make (surveys/campaign-copy.ts), every mistake at once: a wrong year
 * does not keep the code from being checked as a campaign code. Errors are Vietnamese lines naming the form's fields.
 */
export function checkCopyForm(
  def: Campaign,
  typed: { code: string; year: string; name: string },
): { ok: true; campaign: Campaign } | { ok: false; errors: string[] } {
  const form = CopyForm.safeParse(typed);
  const wrong = new Set(form.success ? [] : form.error.issues.map((i) => String(i.path[0])));
  const draft = form.success ? form.data : { code: typed.code.trim(), year: undefined, name: wrong.has('name') ? undefined : typed.name.trim() || undefined };
  const check = checkCampaign(copyCampaign(def, draft));
  if (form.success && check.ok) return { ok: true, campaign: check.campaign };
  const fieldOf = (p: CampaignProblem) => (p.where && 'path' in p.where ? p.where.path : '');
  const problems = check.ok ? [] : check.problems.filter((p) => !wrong.has(fieldOf(p)));
  return { ok: false, errors: [...(form.success ? [] : form.error.issues.map((i) => i.message)), ...copyProblemsVi(problems)] };
}
