import { TerritoryService, normalizeName } from './territory.service.js';
import { TerritoryKind } from './territory.types.js';

const codes = (list: readonly { code: string }[]) => list.map((t) => t.code);

describe('TerritoryService (real COG data)', () => {
  const service = new TerritoryService();

  beforeAll(() => {
    service.load();
  });

  it('loads the 18 regions, 101 départements, about 35,000 communes and 1,250 EPCI', () => {
    const stats = service.load();
    expect(stats.regions).toBe(18);
    expect(stats.departements).toBe(101);
    expect(stats.communes).toBeGreaterThan(34000);
    expect(stats.communes).toBeLessThan(36000);
    expect(stats.epcis).toBeGreaterThan(1200);
  });

  describe('lookups', () => {
    it('finds regions, départements, communes and EPCI by code', () => {
      expect(service.region('52')).toEqual({ kind: TerritoryKind.REGION, code: '52', name: 'Pays de la Loire' });
      expect(service.departement('44')).toEqual({ kind: 'departement', code: '44', name: 'Loire-Atlantique', regionCode: '52' });
      expect(service.commune('44109')).toEqual({ kind: 'commune', code: '44109', name: 'Nantes', regionCode: '52', departementCode: '44' });
      expect(service.epci('244400404')).toEqual({ kind: 'epci', code: '244400404', name: 'Nantes Métropole', regionCode: '52', departementCode: '44' });
    });

    it('handles Corse (2A/2B) and overseas départements (3 digits)', () => {
      expect(service.commune('2A004')).toMatchObject({ name: 'Ajaccio', departementCode: '2A', regionCode: '94' });
      expect(service.departement('2B')).toMatchObject({ name: 'Haute-Corse', regionCode: '94' });
      expect(service.region('94')?.name).toBe('Corse');
      expect(service.departement('971')).toMatchObject({ name: 'Guadeloupe', regionCode: '01' });
      expect(service.region('01')?.name).toBe('Guadeloupe');
      expect(codes(service.departementsOfRegion('01'))).toEqual(['971']);
    });

    it('resolves a ref of any kind, enum member or string', () => {
      expect(service.resolve({ kind: TerritoryKind.COMMUNE, code: '44109' })?.name).toBe('Nantes');
      expect(service.resolve({ kind: 'epci', code: '244400404' })?.name).toBe('Nantes Métropole');
      expect(service.resolve({ kind: 'region', code: '44109' })).toBeUndefined();
      expect(service.resolve({ kind: 'canton', code: '44' })).toBeUndefined();
    });

    it('keeps only current communes', () => {
      expect(service.commune('75056')?.name).toBe('Paris');
      expect(service.commune('75101')).toBeUndefined(); // arrondissement municipal
      expect(service.commune('20004')).toBeUndefined(); // Ajaccio before 1976
    });

    it('returns frozen territories', () => {
      expect(Object.isFrozen(service.commune('44109'))).toBe(true);
      expect(Object.isFrozen(service.departementsOfRegion('52'))).toBe(true);
    });
  });

  describe('hierarchy', () => {
    it('lists the territories enclosing a commune, an EPCI and a département', () => {
      expect(service.enclosing({ kind: 'commune', code: '44109' })).toEqual([
        { kind: 'commune', code: '44109' },
        { kind: 'epci', code: '244400404' },
        { kind: 'departement', code: '44' },
        { kind: 'region', code: '52' },
      ]);
      expect(service.enclosing({ kind: 'departement', code: '49' })).toEqual([
        { kind: 'departement', code: '49' },
        { kind: 'region', code: '52' },
      ]);
      expect(service.enclosing({ kind: 'region', code: '52' })).toEqual([{ kind: 'region', code: '52' }]);
      expect(service.enclosing({ kind: 'epci', code: '244400404' })).toEqual([
        { kind: 'epci', code: '244400404' },
        { kind: 'departement', code: '44' },
        { kind: 'region', code: '52' },
      ]);
    });

    it('lists the départements of Pays de la Loire', () => {
      expect(codes(service.departementsOfRegion('52'))).toEqual(['44', '49', '53', '72', '85']);
      expect(service.departementsOfRegion('99')).toEqual([]);
    });

    it('lists the communes of a département', () => {
      const communes = service.communesOfDepartement('44');
      expect(communes.length).toBeGreaterThan(200);
      expect(codes(communes)).toContain('44109');
      expect(communes.every((c) => c.departementCode === '44' && c.regionCode === '52')).toBe(true);
      expect(codes(service.communesOfDepartement('2A'))).toContain('2A004');
    });

    it('gives the region and département of a commune, département or EPCI', () => {
      expect(service.departementOf('44109')?.code).toBe('44');
      expect(service.departementOf('44999')).toBeUndefined();
      expect(service.regionOf({ kind: 'commune', code: '44109' })?.code).toBe('52');
      expect(service.regionOf({ kind: 'commune', code: '2A004' })?.code).toBe('94');
      expect(service.regionOf({ kind: 'departement', code: '971' })?.code).toBe('01');
      expect(service.regionOf({ kind: 'epci', code: '244400404' })?.code).toBe('52');
      expect(service.regionOf({ kind: 'region', code: '52' })?.code).toBe('52');
      expect(service.regionOf({ kind: 'commune', code: '44999' })).toBeUndefined();
    });

    it('knows the members of an EPCI, and EPCI across a regional border', () => {
      expect(codes(service.communesOfEpci('244400404'))).toEqual(expect.arrayContaining(['44109', '44143', '44162']));
      expect(service.epciOfCommune('44109')?.code).toBe('244400404');
      // CA Redon Agglomération: Ille-et-Vilaine and Morbihan (Bretagne), Loire-Atlantique (Pays de la Loire).
      expect(codes(service.regionsOf({ kind: 'epci', code: '243500741' }))).toEqual(['53', '52']);
      expect(service.epci('243500741')?.regionCode).toBe('53');
      expect(codes(service.regionsOf({ kind: 'commune', code: '44109' }))).toEqual(['52']);
    });

    it('tells containment: a département contains its communes, a region its EPCI', () => {
      expect(service.contains({ kind: 'departement', code: '44' }, { kind: 'commune', code: '44109' })).toBe(true);
      expect(service.contains({ kind: 'departement', code: '49' }, { kind: 'commune', code: '44109' })).toBe(false);
      expect(service.contains({ kind: 'region', code: '52' }, { kind: 'departement', code: '85' })).toBe(true);
      expect(service.contains({ kind: 'region', code: '52' }, { kind: 'epci', code: '243500741' })).toBe(true);
      expect(service.contains({ kind: 'region', code: '53' }, { kind: 'epci', code: '243500741' })).toBe(true);
      expect(service.contains({ kind: 'epci', code: '244400404' }, { kind: 'commune', code: '44109' })).toBe(true);
      expect(service.contains({ kind: 'commune', code: '44109' }, { kind: 'commune', code: '44109' })).toBe(true);
      expect(service.contains({ kind: 'commune', code: '44109' }, { kind: 'departement', code: '44' })).toBe(false);
    });
  });

  describe('validate', () => {
    it('returns nothing for valid refs', () => {
      expect(
        service.validate([
          { kind: 'region', code: '52' },
          { kind: 'departement', code: '2A' },
          { kind: 'departement', code: '971' },
          { kind: 'commune', code: '44109' },
          { kind: 'epci', code: '244400404' },
        ]),
      ).toEqual([]);
    });

    it('rejects well-formed codes that do not exist, with reason unknown and the index', () => {
      const invalid = service.validate([
        { kind: 'region', code: '52' },
        { kind: 'region', code: '99' },
        { kind: 'departement', code: '20' },
        { kind: 'commune', code: '44999' },
      ]);
      expect(invalid.map((p) => [p.index, p.field, p.reason])).toEqual([
        [1, 'code', 'unknown'],
        [2, 'code', 'unknown'],
        [3, 'code', 'unknown'],
      ]);
      expect(invalid[0].message).toMatch(/Unknown region code '99'/);
    });

    it('rejects EPCI SIREN: failing checksum, or valid but not an EPCI', () => {
      expect(service.validate([{ kind: 'epci', code: '999999999' }])).toEqual([expect.objectContaining({ index: 0, field: 'code', reason: 'checksum' })]);
      // Valid SIREN (Gigalis-style syndicate, not an EPCI à fiscalité propre).
      expect(service.validate([{ kind: 'epci', code: '732829320' }])).toEqual([expect.objectContaining({ reason: 'unknown' })]);
    });

    it('rejects malformed codes with reason format, and unknown kinds', () => {
      const invalid = service.validate([
        { kind: 'region', code: '5' },
        { kind: 'region', code: '975' },
        { kind: 'departement', code: '2C' },
        { kind: 'departement', code: '4' },
        { kind: 'commune', code: '4410' },
        { kind: 'commune', code: '2a004' },
        { kind: 'epci', code: '24440040' },
        { kind: 'canton', code: '44' },
      ]);
      expect(invalid.map((p) => p.reason)).toEqual(['format', 'format', 'format', 'format', 'format', 'format', 'format', 'kind']);
      expect(invalid[7].field).toBe('kind');
    });

    it('points a former or infra-communal code to the current commune', () => {
      const [paris1] = service.validate([{ kind: 'commune', code: '75101' }]);
      expect(paris1).toMatchObject({ reason: 'unknown', replacedBy: '75056' });
      expect(paris1.message).toMatch(/arrondissement municipal.*75056 \(Paris\)/);
      expect(service.validate([{ kind: 'commune', code: '20004' }])[0]).toMatchObject({ reason: 'unknown', replacedBy: '2A004' });
    });

    it('explains that overseas collectivities are outside the covered regions', () => {
      const [spm] = service.validate([{ kind: 'departement', code: '975' }]);
      expect(spm).toMatchObject({ reason: 'unknown' });
      expect(spm.message).toMatch(/Saint-Pierre-et-Miquelon.*overseas collectivity/);
    });
  });

  describe('list', () => {
    it('lists regions by code', () => {
      const regions = service.list({ kind: 'region', first: 100 });
      expect(regions).toHaveLength(18);
      expect(codes(regions).slice(0, 6)).toEqual(['01', '02', '03', '04', '06', '11']);
    });

    it('filters by region', () => {
      expect(codes(service.list({ kind: 'departement', regionCode: '52' }))).toEqual(['44', '49', '53', '72', '85']);
      const epcis = service.list({ kind: TerritoryKind.EPCI, regionCode: '52', first: 100 });
      expect(codes(epcis)).toEqual(expect.arrayContaining(['244400404', '243500741']));
    });

    it('searches names without case, accents or punctuation', () => {
      expect(service.list({ kind: 'commune', search: 'NANTES' })[0]?.code).toBe('44109');
      expect(service.list({ kind: 'commune', search: 'saint etienne' }).map((t) => t.name)).toContain('Saint-Étienne');
      expect(service.list({ kind: 'region', search: 'ile de france' })[0]?.code).toBe('11');
      expect(service.list({ kind: 'commune', search: "l'ile d'yeu" })[0]?.code).toBe('85113');
      expect(service.list({ kind: 'epci', search: 'nantes metropole' })[0]?.code).toBe('244400404');
    });

    it('ranks exact name, then prefix, then word, then anywhere', () => {
      const names = service.list({ kind: 'commune', search: 'nantes', regionCode: '52', first: 100 }).map((t) => t.name);
      expect(names[0]).toBe('Nantes');
      expect(names.every((name) => normalizeName(name).includes('nantes'))).toBe(true);
    });

    it('matches the start of a code', () => {
      expect(service.list({ kind: 'commune', search: '44109' })[0]?.name).toBe('Nantes');
      expect(service.list({ kind: 'commune', search: '441', first: 5 }).every((t) => t.code.startsWith('441'))).toBe(true);
    });

    it('defaults to 20 and caps at 100', () => {
      expect(service.list({ kind: 'commune' })).toHaveLength(20);
      expect(service.list({ kind: 'commune', first: 5000 })).toHaveLength(100);
      expect(service.list({ kind: 'commune', search: 'saint', first: 1000 })).toHaveLength(100);
    });
  });

  it('normalizes names', () => {
    expect(normalizeName("L'Île-d'Yeu")).toBe('l ile d yeu');
    expect(normalizeName('Œuilly')).toBe('oeuilly');
    expect(normalizeName('  Saint-Étienne  ')).toBe('saint etienne');
  });
});
