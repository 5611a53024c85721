/** What the account and audit pages show: roles, people and audit lines in the Sở Nội vụ's words; the templates only print it. */
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

/** A page of the audit log with each action's name, and the actions to filter by (the chosen one marked). */
export function auditView<R extends { action: string }>(rows: R[], actions: string[], chosen: string | undefined) {
  return {
    rows: rows.map((r) => ({ ...r, actionName: auditActionName(r.action) })),
    actions: actions.map((a) => ({ value: a, label: auditActionName(a), selected: a === chosen })),
  };
}
