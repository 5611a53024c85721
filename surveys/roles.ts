/** Account roles: what each signed-in person may do; the users table and the console's forms take them from here. */

export const ROLES = ['admin', 'supervisor', 'keyer'] as const;
export type Role = (typeof ROLES)[number];

/** Roles whose accounts may hold API tokens: the API serves what the console's read-only pages show. */
export const TOKEN_ROLES: readonly Role[] = ['admin', 'supervisor'];

/** A signed-in person as the app and the repositories pass them around. */
export type User = { id: number; name: string; role: Role };
