/** Roles a token can carry (claim `role`). */
export const ROLES = ['representative', 'commission_secretariat', 'national_body', 'auditor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** The authenticated caller: the token subject acting for one actor with one role. */
export interface Principal {
  /** Token subject (`sub`): a person or service id at the identity provider. */
  subject: string;
  /** The actor this principal acts for (claim `actor_id`). */
  actorId: string;
  role: Role;
  /** When the token stops being valid (seconds since the epoch, claim `exp`); a WebSocket closes then. */
  expiresAt?: number;
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
