/** "May this person key this pass of this form?": the one rule the keying desk and keyed files share, and its refusals in words. */
import { scanMode, type Campaign } from './campaign';
import { MACHINE_OPERATOR, operatorKey, type LedgerForm } from './ledger';
import { catalogue, problemText, type Lang, type Where } from './problems';

/** A form that no paper pass may be keyed for, whoever asks: the ledger's state says so. */
export type FormStateProblem =
  | { kind: 'form-void'; serial: string; where?: Where }
  | { kind: 'form-invalid'; serial: string; where?: Where }
  | { kind: 'form-counted-web'; serial: string; where?: Where };

export type PassProblem =
  | FormStateProblem
  | { kind: 'no-group-form'; serial: string; group: string; campaign: string; where?: Where }
  | { kind: 'no-pass-2'; campaign: string; where?: Where }
  | { kind: 'pass-keyed'; serial: string; pass: 1 | 2; where?: Where }
  /** The desk found no free pass: every pass the campaign has is keyed. */
  | { kind: 'passes-keyed'; serial: string; doubleEntry: boolean; where?: Where }
  | { kind: 'form-counted'; serial: string; where?: Where }
  | { kind: 'same-operator'; serial: string; pass: 1 | 2; other: string; where?: Where }
  | { kind: 'same-loader'; serial: string; pass: 1 | 2; other: string; where?: Where }
  /** Pass 1 was read from a scan in a campaign where verifying the machine's unsure cells completes the form. */
  | { kind: 'read-by-machine'; serial: string; where?: Where };

/** Files and the console: the operator is named, so the words name them. */
export const PASS_TEXT = catalogue<PassProblem>({
  'form-void': { en: (p) => `form ${p.serial} is void`, vi: (p) => `phiếu ${p.serial} đã bị hủy` },
  'form-invalid': { en: (p) => `form ${p.serial} is invalid`, vi: (p) => `phiếu ${p.serial} đã bị đánh dấu không hợp lệ` },
  'form-counted-web': { en: (p) => `form ${p.serial} is already counted from the web`, vi: (p) => `phiếu ${p.serial} đã được tính từ câu trả lời trực tuyến` },
  'no-group-form': {
    en: (p) => `form ${p.serial} belongs to group "${p.group}", which has no form in campaign ${p.campaign}`,
    vi: (p) => `phiếu ${p.serial} thuộc nhóm "${p.group}", nhóm này không có mẫu phiếu trong đợt ${p.campaign}`,
  },
  'no-pass-2': {
    en: (p) => `campaign ${p.campaign} has no double entry: there is no pass 2`,
    vi: (p) => `đợt ${p.campaign} chỉ nhập phiếu một lần: không có lượt 2`,
  },
  'pass-keyed': { en: (p) => `pass ${p.pass} of form ${p.serial} is already keyed`, vi: (p) => `lượt ${p.pass} của phiếu ${p.serial} đã được nhập` },
  'passes-keyed': {
    en: (p) => (p.doubleEntry ? `both passes of form ${p.serial} are already keyed` : `form ${p.serial} is already keyed`),
    vi: (p) => (p.doubleEntry ? `phiếu ${p.serial} đã được nhập đủ hai lượt` : `phiếu ${p.serial} đã được nhập`),
  },
  'form-counted': { en: (p) => `form ${p.serial} is already counted`, vi: (p) => `phiếu ${p.serial} đã được tính` },
  'same-operator': {
    en: (p) => `pass ${p.pass} of form ${p.serial} must be keyed by another operator than pass ${3 - p.pass} (${p.other})`,
    vi: (p) => `lượt ${p.pass} của phiếu ${p.serial} phải do một người khác nhập, không phải người đã nhập lượt ${3 - p.pass} (${p.other})`,
  },
  'same-loader': {
    en: (p) => `pass ${p.pass} of form ${p.serial} must be loaded by another person than pass ${3 - p.pass} (${p.other})`,
    vi: (p) =>
      `lượt ${p.pass} của phiếu ${p.serial} phải do một người khác nạp, không phải người đã nạp lượt ${3 - p.pass} (${p.other}), dù ghi tên người nhập khác`,
  },
  'read-by-machine': {
    en: (p) => `form ${p.serial} was read from its scan: the campaign completes it by verifying the unsure cells, not by a second pass`,
    vi: (p) => `phiếu ${p.serial} đã được máy đọc từ bản quét: đợt này hoàn tất phiếu bằng việc xác nhận các ô máy chưa chắc, không nhập lượt 2`,
  },
});

export const passText = (p: PassProblem, lang: Lang) => problemText(PASS_TEXT, p, lang);

/**
 * The keying desk speaks to the keyer who asks (the operator is the person signed in), so a few kinds read
 * differently there; every kind has desk words, checked by the type.
 */
export const DESK_PASS_VI: { [K in PassProblem['kind']]: (p: Extract<PassProblem, { kind: K }>) => string } = {
  'form-void': (p) => `Phiếu ${p.serial} đã bị hủy, không nhập.`,
  'form-invalid': (p) => `Phiếu ${p.serial} đã được đánh dấu không hợp lệ, không nhập.`,
  'form-counted-web': (p) => `Phiếu ${p.serial} đã được trả lời trực tuyến và đã được tính; phiếu giấy trùng không được nhập.`,
  'no-group-form': (p) => `Phiếu ${p.serial} thuộc nhóm "${p.group}", nhóm này không có mẫu phiếu trong đợt ${p.campaign}.`,
  'no-pass-2': (p) => `Đợt ${p.campaign} chỉ nhập phiếu một lần: không có lượt 2.`,
  'pass-keyed': (p) => `Lượt ${p.pass} của phiếu ${p.serial} đã được nhập.`,
  'passes-keyed': (p) => (p.doubleEntry ? `Phiếu ${p.serial} đã được nhập đủ hai lượt.` : `Phiếu ${p.serial} đã được nhập.`),
  'form-counted': (p) => `Phiếu ${p.serial} đã được tính.`,
  'same-operator': (p) =>
    `Tài khoản này đã nhập lượt ${3 - p.pass} của phiếu ${p.serial}. Lượt ${p.pass} phải do một nhân viên khác nhập (nhập hai lần độc lập).`,
  'same-loader': (p) => `Tài khoản này đã nạp lượt ${3 - p.pass} của phiếu ${p.serial}. Lượt ${p.pass} phải do một người khác nạp (nhập hai lần độc lập).`,
  'read-by-machine': (p) =>
    `Phiếu ${p.serial} đã được máy đọc từ bản quét; các ô máy chưa chắc được xác nhận ở trang «Xác nhận ô phiếu quét», không nhập lượt 2.`,
};

export function deskPassVi(p: PassProblem): string {
  return (DESK_PASS_VI[p.kind] as (p: PassProblem) => string)(p);
}

/** Who asks to key a pass: the operator named for it, and the signed-in person who loads it (null from the CLI). */
export type PassAsk = {
  pass: 1 | 2;
  operator: string;
  loadedBy: string | null;
  doubleEntry: boolean;
  campaign: string;
  /** The campaign completes scanned forms by verification (scanMode 'verify'): a machine pass 1 takes no pass 2. */
  scanVerify?: boolean;
};

/** The campaign's part of a PassAsk. */
export const campaignAsk = (c: Campaign) => ({ doubleEntry: c.doubleEntry, campaign: c.code, scanVerify: scanMode(c) === 'verify' });

/** The ledger's own refusal, whatever pass is asked for. */
export function formStateProblem(f: LedgerForm): FormStateProblem | null {
  if (f.status === 'void') return { kind: 'form-void', serial: f.serial };
  if (f.status === 'invalid') return { kind: 'form-invalid', serial: f.serial };
  if (f.status === 'counted' && f.countedFrom === 'web') return { kind: 'form-counted-web', serial: f.serial };
  return null;
}

/**
 * Null when this pass of this form may be keyed by this operator and loaded by this person: not a void, invalid or
 * web-counted form, a pass the campaign has, not keyed yet, and the other pass keyed by someone else and loaded by
 * someone else (blind double entry by two people, issue 11).
 */
export function passProblem(f: LedgerForm, ask: PassAsk): PassProblem | null {
  const state = formStateProblem(f);
  if (state) return state;
  const { pass } = ask;
  const { serial } = f;
  if (pass === 2 && !ask.doubleEntry) return { kind: 'no-pass-2', campaign: ask.campaign };
  if (pass === 2 && ask.scanVerify && f.pass1Operator !== null && operatorKey(f.pass1Operator) === MACHINE_OPERATOR && f.status !== 'counted') {
    return { kind: 'read-by-machine', serial };
  }
  const mine = pass === 1 ? f.pass1Operator : f.pass2Operator;
  if (mine !== null) return { kind: 'pass-keyed', serial, pass };
  if (f.status === 'counted') return { kind: 'form-counted', serial };
  const other = pass === 1 ? f.pass2Operator : f.pass1Operator;
  if (other !== null && operatorKey(other) === operatorKey(ask.operator)) return { kind: 'same-operator', serial, pass, other };
  const otherLoader = pass === 1 ? f.pass2LoadedBy : f.pass1LoadedBy;
  if (ask.loadedBy && otherLoader !== null && operatorKey(otherLoader) === operatorKey(ask.loadedBy)) {
    return { kind: 'same-loader', serial, pass, other: otherLoader };
  }
  return null;
}

/**
 * The pass the desk gives this person: the first free one (pass 1, else pass 2; blind, the keyer never sees the
 * other pass), checked by passProblem; when every pass is keyed, the ledger's own refusal or "all passes keyed".
 */
export function deskPass(f: LedgerForm, ask: Omit<PassAsk, 'pass'>): { ok: true; pass: 1 | 2 } | { ok: false; problem: PassProblem } {
  const free = f.pass1Operator === null ? 1 : ask.doubleEntry && f.pass2Operator === null ? 2 : null;
  if (free === null) return { ok: false, problem: formStateProblem(f) ?? { kind: 'passes-keyed', serial: f.serial, doubleEntry: ask.doubleEntry } };
  const problem = passProblem(f, { ...ask, pass: free });
  return problem ? { ok: false, problem } : { ok: true, pass: free };
}
