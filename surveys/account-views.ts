/** What the account and audit pages show: roles, people and audit lines in the Sở Nội vụ's words; the templates only print it. */
import { CHANNEL_NAMES } from './console-views';
import { numberVi } from './format-vi';
import { STATUS_LABELS } from './keying-desk';
import type { FormStatus } from './ledger';
import { auditActionName } from './names';
import { ROLES, TOKEN_ROLES, type Role } from './roles';

export const ROLE_NAMES: Record<Role, string> = { admin: 'Quản trị (Sở Nội vụ)', supervisor: 'Giám sát viên', keyer: 'Nhân viên nhập phiếu' };

/** The roles to choose from, and every account with its role's name and whether it is the person looking. */
export function usersView<U extends { id: number; role: Role }>(users: U[], selfId: number) {
  return {
    roles: ROLES.map((value) => ({ value, label: ROLE_NAMES[value] })),
    users: users.map((u) => ({ ...u, roleName: ROLE_NAMES[u.role], self: u.id === selfId })),
  };
}

/** The accounts that may own a new API token (enabled, of a token role), the person looking chosen first. */
export function tokenOwners<U extends { id: number; role: Role; disabled: boolean }>(users: U[], selfId: number) {
  return users.filter((u) => !u.disabled && TOKEN_ROLES.includes(u.role)).map((u) => ({ ...u, selected: u.id === selfId }));
}

/** The names a keyed file may be credited to: enabled keyer accounts (issue 11: offline keyers are accounts too). */
export function keyerNames<U extends { name: string; role: Role; disabled: boolean }>(users: U[]): string[] {
  return users.filter((u) => u.role === 'keyer' && !u.disabled).map((u) => u.name);
}

/** The audit detail's keys in the console's words (db/*.repo.ts write them); a key without one is shown as stored. */
const DETAIL_NAMES: Record<string, string> = {
  code: 'mã đợt',
  version: 'phiên bản',
  serial: 'số phiếu',
  reason: 'lý do',
  issued: 'số phiếu phát',
  channel: 'kênh',
  file: 'tệp',
  rows: 'số dòng',
  batchId: 'lô',
  id: 'mã số',
  name: 'tên',
  user: 'tài khoản',
  role: 'vai trò',
  sessions: 'số phiên',
  submissionId: 'lần trả lời',
  status: 'trạng thái',
  countedFrom: 'tính từ',
  from: 'sao chép từ',
  previous: 'trạng thái trước',
  pass: 'lượt',
  operator: 'người nhập',
  forms: 'số phiếu',
  cells: 'số ô',
  scannedBy: 'người quét',
  pages: 'số trang',
  queued: 'số ô chờ xác nhận',
  problems: 'số trang chưa dùng được',
  unit: 'đơn vị',
  question: 'câu hỏi',
  machine: 'máy đọc',
  answer: 'giá trị chọn',
  pass1: 'lượt 1',
  pass2: 'lượt 2',
};

/** Keys whose value is a cell's answer, where '' is a blank cell, not a value left out. */
const ANSWER_KEYS = new Set(['answer', 'machine', 'pass1', 'pass2']);

/**
 * An audit row's detail (a JSON object since migration 0003) as one line a person reads: `mã đợt: LCU-2026; phiên
 * bản: 2`. Nested values are shown as JSON; an empty detail is ''.
 */
export function auditDetailText(detail: unknown): string {
  if (detail === null || detail === undefined) return '';
  if (typeof detail !== 'object' || Array.isArray(detail)) return JSON.stringify(detail);
  return Object.entries(detail as Record<string, unknown>)
    .filter(([k, v]) => v !== undefined && v !== null && (v !== '' || ANSWER_KEYS.has(k)))
    .map(([k, v]) => `${DETAIL_NAMES[k] ?? k}: ${detailValue(k, v)}`)
    .join('; ');
}

/** Keys whose numbers are identifiers, shown as stored (no thousands dot). */
const ID_KEYS = new Set(['id', 'batchId', 'submissionId', 'version']);

/** A detail value in the console's words: a channel or role by its name, a count with the thousands dot. */
function detailValue(key: string, v: unknown): string {
  if (key === 'channel' && typeof v === 'string' && v in CHANNEL_NAMES) return CHANNEL_NAMES[v as keyof typeof CHANNEL_NAMES];
  if (key === 'role' && typeof v === 'string' && v in ROLE_NAMES) return ROLE_NAMES[v as Role];
  if ((key === 'status' || key === 'previous') && typeof v === 'string' && v in STATUS_LABELS) return STATUS_LABELS[v as FormStatus].toLowerCase();
  if (ANSWER_KEYS.has(key) && v === '') return 'để trống';
  if (typeof v === 'number' && !ID_KEYS.has(key)) return numberVi(v);
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** Who did it: a person's account name, or the service itself ('system') or the command line ('cli'), named in Vietnamese. */
const ACTOR_NAMES: Record<string, string> = { system: 'hệ thống', cli: 'dòng lệnh' };
export const actorName = (actor: string) => ACTOR_NAMES[actor] ?? actor;

/** A page of the audit log with each action's name and detail in words, and the actions to filter by (the chosen one marked). */
export function auditView<R extends { action: string; actor?: string; detail?: unknown }>(rows: R[], actions: string[], chosen: string | undefined) {
  return {
    rows: rows.map((r) => ({
      ...r,
      actorName: r.actor === undefined ? undefined : actorName(r.actor),
      actionName: auditActionName(r.action),
      detailText: auditDetailText(r.detail),
    })),
    actions: actions.map((a) => ({ value: a, label: auditActionName(a), selected: a === chosen })),
  };
}
