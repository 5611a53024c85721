/** Account roles: what each signed-in person may do; the users table and the console's forms take them from here. */

export const ROLES = ['admin', 'supervisor', 'keyer'] as const;
export type Role = (typeof ROLES)[number];

/** A signed-in person as the app and the repositories pass them around. */
export type User = { id: number; name: string; role: Role };
