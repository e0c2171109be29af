import { ACTOR_KINDS } from '../actors/actor.decider.js';
import { asDate, asEnum, asInteger, asList, asNumber, asTerritories } from './cell-values.js';
import { IMPORT_KINDS, kindOfName } from './import-kinds.js';

const value = <T>(parsed: { ok: true; value: T } | { ok: false; message: string }) => (parsed.ok ? parsed.value : `error: ${parsed.message}`);

describe('Import cell values', () => {
  it('reads dates as French Excel, ISO or Excel date cells, and refuses the rest', () => {
    expect(value(asDate('31/12/2018'))).toBe('2018-12-31');
    expect(value(asDate('1/2/2015'))).toBe('2015-02-01');
    expect(value(asDate('2018-12-31'))).toBe('2018-12-31');
    expect(value(asDate(new Date(Date.UTC(2016, 5, 30))))).toBe('2016-06-30');
    expect(value(asDate('31/02/2018'))).toMatch(/n’existe pas dans le calendrier/);
    expect(value(asDate('12/31/2018'))).toMatch(/n’existe pas/);
    expect(value(asDate('31/12/18'))).toMatch(/jour\/mois\/année/);
    expect(value(asDate(43465))).toMatch(/format date/);
  });

  it('reads French and English numbers', () => {
    expect(value(asNumber('12,5'))).toBe(12.5);
    expect(value(asNumber('1 234,5'))).toBe(1234.5);
    expect(value(asNumber('1\u202f234\u00a0567'))).toBe(1234567);
    expect(value(asNumber('1.234,5'))).toBe(1234.5);
    expect(value(asNumber('1234.5'))).toBe(1234.5);
    expect(value(asNumber('250 000 €'))).toBe(250000);
    expect(value(asNumber(7))).toBe(7);
    expect(value(asNumber('12,5,3'))).toMatch(/n’est pas un nombre/);
    expect(value(asInteger('2,5'))).toMatch(/entier/);
    expect(value(asInteger('-3'))).toMatch(/entier positif/);
  });

  it('reads enum values by French label, English words or code, and lists the choices otherwise', () => {
    const labels = IMPORT_KINDS.find((k) => k.key === 'actors')!.columns.find((c) => c.key === 'kind')!.type as { labels: Record<string, readonly string[]> };
    expect(value(asEnum('Département', ACTOR_KINDS, labels.labels))).toBe('departement');
    expect(value(asEnum('syndicat mixte', ACTOR_KINDS, labels.labels))).toBe('joint_syndicate');
    expect(value(asEnum('PRIVATE_OPERATOR', ACTOR_KINDS, labels.labels))).toBe('private_operator');
    expect(value(asEnum('private operator', ACTOR_KINDS, labels.labels))).toBe('private_operator');
    expect(value(asEnum('Préfecture de police', ACTOR_KINDS, labels.labels))).toMatch(/valeurs possibles : État en région, Région, Département/);
  });

  it('reads lists and territory references', () => {
    expect(asList('44109; 44184;\n85191')).toEqual(['44109', '44184', '85191']);
    expect(value(asTerritories('région 52; Département 44; EPCI 244400404; commune:44109'))).toEqual([
      { kind: 'region', code: '52' },
      { kind: 'departement', code: '44' },
      { kind: 'epci', code: '244400404' },
      { kind: 'commune', code: '44109' },
    ]);
    expect(value(asTerritories('Corse 2A'))).toMatch(/écrivez le type puis le code/);
  });

  it('recognises sheets and CSV files by their French or English name', () => {
    expect(kindOfName('Zones blanches')?.key).toBe('white_zones');
    expect(kindOfName('zones-blanches')?.key).toBe('white_zones');
    expect(kindOfName('White zones')?.key).toBe('white_zones');
    expect(kindOfName('Projets réseau')?.key).toBe('network_projects');
    expect(kindOfName('Feuil1')).toBeUndefined();
  });
});
