import type { Lang } from '../reports/document/format.js';

/** The national synthesis's own words (French first); figure labels come from the report catalogue. */
const fr = {
  title: 'Synthèse nationale des SCORAN',
  subtitle: 'Toutes les régions côte à côte, à partir des rapports semestriels émis',
  semester: 'Semestre {semester} (comparé à {previous})',
  reported: '{reported} régions sur {total} ont émis leur rapport',
  missingTitle: 'Régions sans rapport',
  noneMissing: 'Toutes les régions ont émis leur rapport.',
  regionsTitle: 'Les régions',
  totalsTitle: 'Totaux nationaux',
  rankingsTitle: 'Classement des régions',
  chartTitle: '{figure} par région',
  region: 'Région',
  status: 'État',
  source: 'Origine',
  issuedAt: 'Émis le',
  issuedBy: 'Par',
  seal: 'Scellé (taille, racine)',
  figure: 'Indicateur',
  value: 'Valeur',
  previous: 'Semestre précédent',
  change: 'Évolution',
  statuses: { issued: 'émis', reissued: 'réémis', restated: 'émis, puis retraité', missing: 'manquant' } as Record<string, string>,
  sources: { 'issued-here': 'émis sur cette instance', submitted: 'soumis avec ses preuves' } as Record<string, string>,
  fingerprint: 'Empreinte SHA-256 du contenu : {sha256}',
  issuedSynthesis: 'Synthèse émise (version {version}) le {date} par {by}.',
  notIssued: 'Synthèse non émise : figures à titre provisoire.',
};

export type NationalCatalogue = typeof fr;

const en: NationalCatalogue = {
  title: 'National synthesis of the SCORAN',
  subtitle: 'Every region side by side, from the issued semestrial reports',
  semester: 'Semester {semester} (compared with {previous})',
  reported: '{reported} regions out of {total} issued their report',
  missingTitle: 'Regions without a report',
  noneMissing: 'Every region issued its report.',
  regionsTitle: 'The regions',
  totalsTitle: 'National totals',
  rankingsTitle: 'Regions ranked',
  chartTitle: '{figure} by region',
  region: 'Region',
  status: 'Status',
  source: 'Source',
  issuedAt: 'Issued on',
  issuedBy: 'By',
  seal: 'Seal (size, root)',
  figure: 'Figure',
  value: 'Value',
  previous: 'Previous semester',
  change: 'Change',
  statuses: { issued: 'issued', reissued: 're-issued', restated: 'issued, then restated', missing: 'missing' },
  sources: { 'issued-here': 'issued on this instance', submitted: 'submitted with its proofs' },
  fingerprint: 'SHA-256 fingerprint of the content: {sha256}',
  issuedSynthesis: 'Synthesis issued (version {version}) on {date} by {by}.',
  notIssued: 'Synthesis not issued: figures for information.',
};

export const nationalCatalogue = (lang: Lang): NationalCatalogue => (lang === 'en' ? en : fr);
