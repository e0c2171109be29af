import { kindOf, readRegulatorFile, readZoneFile, wholeNumber } from './zone-files.js';

describe('Reading zone and regulator files', () => {
  it('reads whole numbers written the French or the English way, and nothing else', () => {
    expect(wholeNumber('12 345')).toBe(12345);
    expect(wholeNumber('12\u202f345')).toBe(12345);
    expect(wholeNumber('12345,0')).toBe(12345);
    expect(wholeNumber('12345.00')).toBe(12345);
    expect(wholeNumber('-3')).toBe(-3);
    expect(wholeNumber('12345,5')).toBeNull();
    expect(wholeNumber('douze')).toBeNull();
    expect(wholeNumber('')).toBeNull();
  });

  it('detects the separator, skips a BOM, matches headers without case or accents, and tells the kind', () => {
    const semicolon = '\uFEFFCode commune;Trimestre;Locaux raccordables;Meilleure estimation des locaux\n49007;T3 2025;9 500;12 400\n';
    const comma = 'code_insee,quarter,connectable,premisesEstimate\n"49007",2025-Q3,"9,500.0",12400\n';
    expect(kindOf(semicolon)).toBe('regulator');
    expect(readRegulatorFile(semicolon)).toEqual({
      quarter: '2025-Q3',
      rows: [{ line: 2, communeCode: '49007', connectable: 9500, premisesEstimate: 12400 }],
      issues: [],
    });
    // "9,500.0" in a comma file is a quoted field that is not a whole number the French way: reported, not guessed.
    expect(readRegulatorFile(comma).issues).toEqual([{ line: 2, column: 'connectable', message: 'Not a whole number: "9,500.0"' }]);
    expect(kindOf('code_commune;zone;operateur;date_effet\n49007;AMII;orange;27/04/2011\n')).toBe('zones');
    expect(kindOf('a;b\n1;2\n')).toMatchObject({ line: 1, message: expect.stringMatching(/Neither a zone file/) });
    expect(kindOf('')).toMatchObject({ line: 1, message: expect.stringMatching(/empty/) });
  });

  it('takes the quarter from the file or the caller, in any of the usual spellings, and refuses mixes and mismatches', () => {
    const file = (quarter: string) => `code_commune;trimestre;locaux_raccordables;meilleure_estimation_des_locaux\n49007;${quarter};1;2\n`;
    for (const spelling of ['T3 2025', '2025-T3', '2025-Q3', 'q3-2025', '2025Q3']) expect(readRegulatorFile(file(spelling)).quarter).toBe('2025-Q3');
    expect(readRegulatorFile(file('T3 2025'), '2025-Q4').issues).toEqual([{ line: 0, column: 'quarter', message: 'The file is for 2025-Q3, not 2025-Q4' }]);
    expect(readRegulatorFile(file('T3 2025') + '49099;T4 2025;1;2\n').issues).toEqual([
      { line: 0, column: 'quarter', message: 'The file mixes quarters (2025-Q3, 2025-Q4); one file per quarter' },
    ]);
    expect(readRegulatorFile(file('été 2025')).issues[0]).toMatchObject({ line: 2, column: 'quarter' });
    const without = 'code_commune;locaux_raccordables;meilleure_estimation_des_locaux\n49007;1;2\n';
    expect(readRegulatorFile(without).issues).toEqual([{ line: 0, column: 'quarter', message: 'Give the quarter (the file has no trimestre column)' }]);
    expect(readRegulatorFile(without, '2025-Q3')).toMatchObject({ quarter: '2025-Q3', issues: [] });
  });

  it('names the missing columns, a ragged row and an empty file', () => {
    expect(readRegulatorFile('code_commune;trimestre\n49007;T3 2025\n').issues.map((i) => i.column)).toEqual(['connectable', 'premisesEstimate']);
    expect(readRegulatorFile('code_commune;locaux_raccordables;meilleure_estimation_des_locaux\n49007;1\n', '2025-Q3').issues[0]).toMatchObject({
      message: expect.stringMatching(/Not a readable CSV file/),
    });
    expect(readRegulatorFile('code_commune;locaux_raccordables;meilleure_estimation_des_locaux\n', '2025-Q3').issues).toEqual([
      { line: 0, column: '', message: 'The file has no figures' },
    ]);
  });

  it('reads zone files: zones in any case, French or ISO dates, empty cells as none, codes padded', () => {
    const { rows, issues } = readZoneFile(
      'code_commune,zone,operateur,projet_rip,date_effet,motif\n1004,amii,orange,,2011-04-27,\n49244,RIP,,rip-49,01/01/2014,SDTAN\n49099,AMEL,sfr,,31/02/2020,x\n',
    );
    expect(rows[0]).toEqual({
      line: 2,
      communeCode: '01004',
      zone: 'amii',
      operatorId: 'orange',
      networkProjectId: null,
      effectiveFrom: '2011-04-27',
      reason: null,
    });
    expect(rows[1]).toMatchObject({ zone: 'rip', networkProjectId: 'rip-49', effectiveFrom: '2014-01-01', reason: 'SDTAN' });
    expect(issues).toEqual([{ line: 4, column: 'effectiveFrom', message: 'Not a date: "31/02/2020" (2024-01-31 or 31/01/2024)' }]);
  });
});
