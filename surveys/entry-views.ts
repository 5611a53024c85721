/** What the paper back office's pages show (reconciliation list and form, the ledger, keyer accuracy), built from stored rows; the templates only print it. */
import { accuracyTotal, type AccuracyRow } from './accuracy';
import type { Campaign } from './campaign';
import { numberVi } from './format-vi';
import { FORM_STATUSES, MACHINE_OPERATOR, operatorKey, operatorName, type CountedFrom, type FormStatus, type LedgerForm } from './ledger';
import { answerLabel, INVALID_REASONS, STATUS_LABELS } from './keying-desk';
import { homeLabel } from './print-layout';
import { formOf, groupByCode, indexUnits, optionsOf } from './scope';
import type { CellDiff } from './settle';

/** The forms in conflict, one line each with how many of its cells differ, in the order their cells come. */
export function conflictListView(c: Campaign, ledger: ReadonlyMap<string, LedgerForm>, conflicts: { serial: string }[]) {
  const bySerial = new Map<string, number>();
  const units = indexUnits(c);
  for (const x of conflicts) bySerial.set(x.serial, (bySerial.get(x.serial) ?? 0) + 1);
  return [...bySerial].map(([serial, cells]) => {
    const f = ledger.get(serial)!;
    const g = groupByCode(c, f.groupCode);
    return {
      serial,
      cells,
      formCode: g?.form,
      groupName: g?.name ?? f.groupCode,
      homeName: homeLabel(c, f.homeUnit, units),
      pass1: operatorName(f.pass1Operator),
      pass2: operatorName(f.pass2Operator),
    };
  });
}

/** What a reconciliation post tells the list page: the form it settled and how (counted, or invalid by blanks). */
export function settledNotice(serial: string | undefined, outcome: string | undefined) {
  const said = outcome === 'counted' ? 'đã được tính' : outcome === 'invalid' ? 'không hợp lệ vì quá nhiều ô trống hoặc hỏng' : null;
  return said && serial ? { serial, outcome: said } : null;
}

/**
 * One form's differing cells, with one decision each: the answer of either pass, or another (`others`), as the
 * supervisor last chose them (`chosen`, by `<unit>.<question>`) when a post is shown back.
 */
/** `machineUnsure`: the cells (`unit.question`) the scan reader was unsure of, when a pass was read from a scan. */
export function conflictFormView(
  c: Campaign,
  f: LedgerForm,
  diffs: CellDiff[],
  chosen: Record<string, string> = {},
  others: Record<string, string> = {},
  machineUnsure: ReadonlySet<string> = new Set(),
) {
  const group = groupByCode(c, f.groupCode)!;
  const form = formOf(c, group);
  const options = optionsOf(c, form);
  const unitName = new Map(c.units.map((u) => [u.code, u.name]));
  const cells = diffs.map((d) => {
    const field = `${d.unit}.${d.question}`;
    return {
      field,
      unit: d.unit,
      unitName: unitName.get(d.unit) ?? d.unit,
      question: d.question,
      questionText: form.questions.find((q) => q.code === d.question)?.text ?? '',
      pass1: answerLabel(d.pass1, options),
      pass2: answerLabel(d.pass2, options),
      choice: chosen[field] ?? '',
      machineUnsure: machineUnsure.has(field),
      otherChoices: [
        ...options.map((o) => ({ value: o.code, label: `${o.code} – ${o.label}` })),
        { value: '*', label: 'hỏng (*)' },
        { value: 'blank', label: 'để trống' },
      ].map((o) => ({ ...o, selected: others[field] === o.value })),
    };
  });
  return {
    title: `Đối chiếu phiếu ${f.serial}`,
    serial: f.serial,
    status: STATUS_LABELS[f.status],
    inConflict: f.status === 'conflict',
    formCode: form.code,
    groupName: group.name,
    homeName: homeLabel(c, f.homeUnit),
    pass1: operatorName(f.pass1Operator),
    pass2: operatorName(f.pass2Operator),
    cells,
  };
}

export type LedgerLine = {
  serial: string;
  formCode: string;
  groupCode: string;
  homeUnit: string | null;
  status: FormStatus;
  invalidReason: string | null;
  countedFrom: CountedFrom | null;
};

/** The ledger: forms per status (with the chosen one marked), and the forms of that status, or all. */
export function ledgerView(c: Campaign, all: LedgerLine[], status: FormStatus | undefined) {
  const counts = FORM_STATUSES.map((s) => ({ status: s, label: STATUS_LABELS[s], n: all.filter((f) => f.status === s).length, selected: s === status }));
  const groups = new Map(c.groups.map((g) => [g.code, g]));
  const units = indexUnits(c);
  const forms = all
    .filter((f) => !status || f.status === status)
    .map((f) => ({
      serial: f.serial,
      formCode: f.formCode,
      groupName: groups.get(f.groupCode)?.name ?? f.groupCode,
      homeName: homeLabel(c, f.homeUnit, units),
      status: STATUS_LABELS[f.status],
      invalid: f.status === 'invalid',
      reason: f.invalidReason,
      countedFrom: f.countedFrom === 'web' ? 'trực tuyến' : f.countedFrom === 'paper' ? 'phiếu giấy' : '',
    }));
  return { title: 'Sổ theo dõi phiếu', counts, forms, total: all.length, reasons: INVALID_REASONS };
}

/** Keyer accuracy for people: Vietnamese decimal comma; the rows themselves stay numbers for other consumers. */
export function accuracyView(rows: AccuracyRow[]) {
  const show = (r: AccuracyRow) => ({
    ...r,
    // The scan reader keys as the operator omr: people read what it is.
    keyerLabel: operatorKey(r.keyer) === MACHINE_OPERATOR ? `Máy đọc phiếu quét (${r.keyer})` : r.keyer,
    perThousand: numberVi(r.changedPerThousand, 2),
    percent: numberVi(r.accuracyPercent, 2),
  });
  return { rows: rows.map(show), total: rows.length ? show(accuracyTotal(rows)) : null };
}

/** The campaign a desk opened without one most likely means: the newest with issued forms (then the newest, then by code). */
export function deskDefaultCampaign(list: { code: string; year: number; issued: number }[]): string | undefined {
  return [...list].sort((a, b) => Number(b.issued > 0) - Number(a.issued > 0) || b.year - a.year || a.code.localeCompare(b.code))[0]?.code;
}

/** The desk's campaign picker: every campaign, the one in use selected; shown only when there is a choice. */
export function campaignChoices(list: { code: string; name: string }[], chosen: string) {
  return { campaigns: list.map((x) => ({ code: x.code, name: x.name, selected: x.code === chosen })), multiple: list.length > 1 };
}
