/**
 * French phrases for the parameters of the conventions' and commitments' refusals (their English
 * text is the API's wording, so the parameter's value itself).
 */

// Conventions: what a party's representative may do, and the stages of a default (manquement).
export type ConventionPartyAction = 'amend' | 'terminate' | 'record the expiry of' | 'notify a default on' | 'refer a default of' | 'resolve a default of';
export const CONVENTION_PARTY_ACTION_FR: Record<ConventionPartyAction, string> = {
  amend: 'modifier par avenant',
  terminate: 'résilier',
  'record the expiry of': 'constater l’expiration de',
  'notify a default on': 'notifier un manquement à',
  'refer a default of': 'renvoyer un manquement à',
  'resolve a default of': 'lever un manquement à',
};
export type ConventionDefaultStage = 'notified' | 'referred_to_commission' | 'referred_to_national_committee' | 'formal_default' | 'resolved';
export const DEFAULT_STAGE_FR: Record<ConventionDefaultStage, string> = {
  notified: 'notifié',
  referred_to_commission: 'renvoyé devant la commission',
  referred_to_national_committee: 'renvoyé devant le comité national',
  formal_default: 'constaté formellement',
  resolved: 'levé',
};

// Commitments: what the committing actor's representative may do, units and closed statuses.
export type CommitterAction = 'revise' | 'declare fulfilled' | 'withdraw' | 'attach';
export const COMMITTER_ACTION_FR: Record<CommitterAction, string> = {
  revise: 'réviser cet engagement',
  'declare fulfilled': 'déclarer cet engagement tenu',
  withdraw: 'retirer cet engagement',
  attach: 'rattacher cet engagement à une convention',
};
export type CommitmentUnit = 'ftth_premises' | 'copper_upgrade_lines' | 'mobile_sites' | 'euros' | 'percent' | 'units';
export const UNIT_FR: Record<CommitmentUnit, string> = {
  ftth_premises: 'locaux raccordables en FttH',
  copper_upgrade_lines: 'lignes cuivre en montée en débit',
  mobile_sites: 'sites mobiles',
  euros: 'euros',
  percent: 'pourcentage',
  units: 'unités',
};
export type CommitmentStatus = 'active' | 'fulfilled' | 'withdrawn' | 'breached';
export const COMMITMENT_STATUS_FR: Record<CommitmentStatus, string> = { active: 'en cours', fulfilled: 'tenu', withdrawn: 'retiré', breached: 'non tenu' };
