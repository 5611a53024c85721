/** What the account and audit pages show: roles, people and audit lines in the Sở Nội vụ's words; the templates only print it. */
import { auditActionName } from './names';
import { ROLES, type Role } from './roles';

export const ROLE_NAMES: Record<Role, string> = { admin: 'Quản trị (Sở Nội vụ)', supervisor: 'Giám sát viên', keyer: 'Nhân viên nhập phiếu' };

/** The roles to choose from, and every account with its role's name and whether it is the person looking. */
export function usersView<U extends { id: number; role: Role }>(users: U[], selfId: number) {
  return {
    roles: ROLES.map((value) => ({ value, label: ROLE_NAMES[value] })),
    users: users.map((u) => ({ ...u, roleName: ROLE_NAMES[u.role], self: u.id === selfId })),
  };
}

/** A page of the audit log with each action's name, and the actions to filter by (the chosen one marked). */
export function auditView<R extends { action: string }>(rows: R[], actions: string[], chosen: string | undefined) {
  return {
    rows: rows.map((r) => ({ ...r, actionName: auditActionName(r.action) })),
    actions: actions.map((a) => ({ value: a, label: auditActionName(a), selected: a === chosen })),
  };
}
