/**
 * French phrases for the parameters of the meetings' refusals (their English text is the API's
 * wording, so the parameter's value itself).
 */

// What only the co-chairs (or the secretariat) may do in a meeting.
export type MeetingAction =
  'amend the agenda' | 'record attendance' | 'open the meeting' | 'close the meeting' | 'record a consensus' | 'open a vote' | 'close a vote';
export const MEETING_ACTION_FR: Record<MeetingAction, string> = {
  'amend the agenda': 'modifier l’ordre du jour',
  'record attendance': 'enregistrer les présences',
  'open the meeting': 'ouvrir la séance',
  'close the meeting': 'clore la séance',
  'record a consensus': 'constater un consensus',
  'open a vote': 'ouvrir un scrutin',
  'close a vote': 'clore un scrutin',
};

// The kinds of decision (src/commission/meeting.decider.ts, DECISION_KINDS): a new kind needs its French here.
export type MeetingDecisionKind =
  | 'strategy_adoption'
  | 'phasing_plan_adoption'
  | 'opinion'
  | 'action_request'
  | 'recommendation'
  | 'default_escalation'
  | 'conclusions'
  | 'member_admission'
  | 'member_departure'
  | 'rules_change'
  | 'minutes_approval';
export const DECISION_KIND_FR: Record<MeetingDecisionKind, string> = {
  strategy_adoption: 'adoption de la stratégie',
  phasing_plan_adoption: 'adoption du plan de phasage',
  opinion: 'avis',
  action_request: 'demande d’action',
  recommendation: 'recommandation',
  default_escalation: 'renvoi d’un manquement',
  conclusions: 'conclusions',
  member_admission: 'admission de membre',
  member_departure: 'départ de membre',
  rules_change: 'changement du mode de décision',
  minutes_approval: 'approbation du compte rendu',
};
